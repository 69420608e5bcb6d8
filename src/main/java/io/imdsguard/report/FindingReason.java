package io.imdsguard.report;

import io.imdsguard.findings.Finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One line saying why a finding fired, read from its evidence, for formats a person reads first
 * (the table): how the internet gets in, who can read S3, which load balancer, what the region
 * default is. Evidence it does not recognise (a user rule's) yields no line.
 */
final class FindingReason {
    private FindingReason() {
    }

    static String of(Finding f) {
        Map<String, Object> e = f.evidence();
        List<String> parts = new ArrayList<>();
        if (e.get("exposurePaths") instanceof List<?> paths) {
            if (paths.isEmpty()) {
                parts.add("not internet-reachable");
            } else if (paths.get(0) instanceof Map<?, ?> first && first.get("summary") != null) {
                parts.add(first.get("summary") + (paths.size() > 1 ? " (+" + (paths.size() - 1) + " more paths)" : ""));
            }
        }
        if (e.get("s3Read") instanceof Map<?, ?> s3 && !"DENIED".equals(s3.get("decision"))) {
            parts.add(roleName(e.get("roleArn")) + " can read S3" + conditions(s3));
        }
        if (e.get("loadBalancers") instanceof List<?> lbs && !lbs.isEmpty()) {
            List<String> names = lbs.stream().filter(Map.class::isInstance).map(lb -> String.valueOf(((Map<?, ?>) lb).get("name"))).toList();
            parts.add("no blocking WAF on " + String.join(", ", names));
        }
        if (e.get("metadataOptions") instanceof Map<?, ?> m && m.get("hopLimit") instanceof Number hop && hop.intValue() > 1) {
            parts.add("hop limit " + hop);
        }
        if (parts.isEmpty() && e.containsKey("httpTokens") && !e.containsKey("metadataOptions")) {
            parts.add("default HttpTokens: " + e.get("httpTokens"));
        }
        return String.join("; ", parts);
    }

    private static String roleName(Object roleArn) {
        String arn = roleArn == null ? "the role" : roleArn.toString();
        return "role " + arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String conditions(Map<?, ?> s3) {
        if (!"CONDITIONAL".equals(s3.get("decision"))) {
            return "";
        }
        List<String> keys = new ArrayList<>();
        for (String grant : List.of("listBucket", "getObject")) {
            if (s3.get(grant) instanceof Map<?, ?> g && g.get("conditionKeys") instanceof List<?> k) {
                k.forEach(key -> {
                    if (!keys.contains(String.valueOf(key))) {
                        keys.add(String.valueOf(key));
                    }
                });
            }
        }
        return keys.isEmpty() ? " (conditionally)" : " (if " + String.join(", ", keys) + ")";
    }
}
