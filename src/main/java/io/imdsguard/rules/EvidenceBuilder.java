package io.imdsguard.rules;

import io.imdsguard.analyze.iam.Grant;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposurePath;
import io.imdsguard.analyze.network.LoadBalancerForward;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.LoadBalancerEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.MetadataOptions;

import java.util.List;

/** Builds a finding's evidence records from the analysis results behind its facts and the rule's hits. */
final class EvidenceBuilder {
    private EvidenceBuilder() {
    }

    /**
     * @param details    the details of the rule's hits: load balancer ARNs become {@code loadBalancers},
     *                   anything else stays a detail
     * @param s3ReadNote a note the rule put on the S3 read evidence, or null
     */
    static InstanceEvidence instance(FactSet.InstanceContext c, List<String> details, String s3ReadNote) {
        MetadataOptions m = c.instance().metadataOptions();
        // Most findings have no details: no streams for them.
        List<LoadBalancerEvidence> lbs = details.isEmpty() ? List.of() : c.forwards().stream()
                .filter(f -> details.contains(f.loadBalancerArn())).map(EvidenceBuilder::forward).toList();
        List<String> otherDetails = details.isEmpty() ? List.of()
                : details.stream().filter(d -> lbs.stream().noneMatch(l -> d.equals(l.arn()))).toList();
        S3ReadEvidence s3 = c.s3Read().map(EvidenceBuilder::s3Read).map(e -> s3ReadNote == null ? e : e.withNote(s3ReadNote))
                .orElse(null);
        return new InstanceEvidence(
                new InstanceEvidence.MetadataOptionsEvidence(m.httpTokens(), m.httpEndpoint(), m.httpPutResponseHopLimit(),
                        c.instance().state()),
                c.paths().stream().map(EvidenceBuilder::path).toList(), c.roleArn(), s3, lbs, otherDetails);
    }

    static RegionEvidence region(FactSet.RegionContext c, List<String> details) {
        ImdsDefaults d = c.defaults();
        return new RegionEvidence(d.httpTokens() == null ? "no-preference" : d.httpTokens(), d.httpPutResponseHopLimit(),
                d.httpEndpoint(), d.managedBy(), details);
    }

    private static PathEvidence path(ExposurePath p) {
        return new PathEvidence(p.kind() == null ? null : p.kind().name(), p.summary(), p.steps(), p.protocol(),
                p.ports() == null ? null : p.ports().toString(), p.addressFamily(), p.admittedAddresses(), p.loadBalancerArn());
    }

    private static S3ReadEvidence s3Read(S3ReadAccess s3) {
        return new S3ReadEvidence(s3.decision().name(), grant(s3.listBucket()), grant(s3.getObject()), null);
    }

    private static S3ReadEvidence.GrantEvidence grant(Grant g) {
        if (g == null) {
            return null;
        }
        return new S3ReadEvidence.GrantEvidence(g.action(), g.decision() == null ? null : g.decision().name(), g.resource(),
                g.statements().stream().map(s -> new S3ReadEvidence.StatementEvidence(s.policy(), s.statement(), s.effect()))
                        .toList(),
                g.conditionKeys());
    }

    private static LoadBalancerEvidence forward(LoadBalancerForward f) {
        return new LoadBalancerEvidence(f.loadBalancerArn(), f.loadBalancerName(), f.loadBalancerType(), f.listener(),
                f.webAclArn(), f.wafBlocksImdsSsrf());
    }
}
