package io.imdsguard.rules;

import io.imdsguard.analyze.iam.Decision;
import io.imdsguard.analyze.iam.Grant;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposurePath;
import io.imdsguard.analyze.network.LoadBalancerForward;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.MetadataOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a finding's evidence: ordered maps of plain JSON values (strings, numbers, booleans, lists, maps). */
final class EvidenceBuilder {
    private EvidenceBuilder() {
    }

    static Map<String, Object> instance(String ruleId, FactSet.InstanceContext c, List<String> details) {
        Map<String, Object> e = new LinkedHashMap<>();
        MetadataOptions m = c.instance().metadataOptions();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("httpTokens", m.httpTokens());
        options.put("httpEndpoint", m.httpEndpoint());
        options.put("hopLimit", m.httpPutResponseHopLimit());
        options.put("state", c.instance().state());
        e.put("metadataOptions", options);
        e.put("exposurePaths", c.paths().stream().map(EvidenceBuilder::path).toList());
        e.put("roleArn", c.roleArn());
        c.s3Read().ifPresent(s3 -> e.put("s3Read", s3Read(ruleId, s3)));
        List<Map<String, Object>> lbs = new ArrayList<>();
        for (LoadBalancerForward f : c.forwards()) {
            if (details.contains(f.loadBalancerArn())) {
                lbs.add(forward(f));
            }
        }
        if (!lbs.isEmpty()) {
            e.put("loadBalancers", lbs);
        }
        List<String> otherDetails = details.stream().filter(d -> lbs.stream().noneMatch(l -> d.equals(l.get("arn")))).toList();
        if (!otherDetails.isEmpty()) {
            e.put("details", otherDetails);
        }
        return e;
    }

    static Map<String, Object> region(FactSet.RegionContext c, List<String> details) {
        Map<String, Object> e = new LinkedHashMap<>();
        ImdsDefaults d = c.defaults();
        e.put("httpTokens", d.httpTokens() == null ? "no-preference" : d.httpTokens());
        e.put("hopLimit", d.httpPutResponseHopLimit());
        e.put("httpEndpoint", d.httpEndpoint());
        e.put("managedBy", d.managedBy());
        if (!details.isEmpty()) {
            e.put("details", details);
        }
        return e;
    }

    private static Map<String, Object> path(ExposurePath p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.kind() == null ? null : p.kind().name());
        m.put("summary", p.summary());
        m.put("steps", p.steps());
        m.put("protocol", p.protocol());
        m.put("ports", p.ports() == null ? null : p.ports().toString());
        m.put("addressFamily", p.addressFamily());
        m.put("admittedAddresses", p.admittedAddresses());
        if (p.loadBalancerArn() != null) {
            m.put("loadBalancerArn", p.loadBalancerArn());
        }
        return m;
    }

    private static Map<String, Object> s3Read(String ruleId, S3ReadAccess s3) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision", s3.decision().name());
        m.put("listBucket", grant(s3.listBucket()));
        m.put("getObject", grant(s3.getObject()));
        if (s3.decision() == Decision.CONDITIONAL && "IMDS-001".equals(ruleId)) {
            m.put("note", "The role's S3 read access is conditional: it rests on a Condition that cannot be evaluated "
                    + "without a request, or on a policy that could not be parsed (see the statements); a conditional "
                    + "grant still fires IMDS-001.");
        }
        return m;
    }

    private static Map<String, Object> grant(Grant g) {
        if (g == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", g.action());
        m.put("decision", g.decision() == null ? null : g.decision().name());
        m.put("resource", g.resource());
        m.put("statements", g.statements().stream().map(s -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("policy", s.policy());
            ref.put("statement", s.statement());
            ref.put("effect", s.effect());
            return ref;
        }).toList());
        m.put("conditionKeys", g.conditionKeys());
        return m;
    }

    private static Map<String, Object> forward(LoadBalancerForward f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arn", f.loadBalancerArn());
        m.put("name", f.loadBalancerName());
        m.put("type", f.loadBalancerType());
        m.put("listener", f.listener());
        m.put("webAclArn", f.webAclArn());
        m.put("wafBlocksImdsSsrf", f.wafBlocksImdsSsrf());
        return m;
    }
}
