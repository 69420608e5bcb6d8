package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.LoadBalancerEvidence;
import io.imdsguard.findings.evidence.PathEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.S3ReadEvidence;

import java.util.ArrayList;
import java.util.List;

/**
 * One line saying why a finding fired, read from its evidence, for formats a person reads first
 * (the table): how the internet gets in, who can read S3, which load balancer, what the region
 * default is, who still calls IMDSv1. A user rule's evidence on another kind of resource yields no line.
 */
final class FindingReason {
    private FindingReason() {
    }

    static String of(Finding f) {
        if (f.evidence() instanceof InstanceEvidence e) {
            String usage = UsageText.of(f);
            return usage.isEmpty() ? instance(e) : instance(e) + "; " + usage;
        }
        if (f.evidence() instanceof RegionEvidence e) {
            return "default HttpTokens: " + e.httpTokens();
        }
        return "";
    }

    private static String instance(InstanceEvidence e) {
        List<String> parts = new ArrayList<>();
        List<PathEvidence> paths = e.exposurePaths();
        if (paths.isEmpty()) {
            parts.add("not internet-reachable");
        } else if (paths.get(0).summary() != null) {
            parts.add(paths.get(0).summary() + (paths.size() > 1 ? " (+" + (paths.size() - 1) + " more paths)" : ""));
        }
        S3ReadEvidence s3 = e.s3Read();
        if (s3 != null && !s3.denied()) {
            parts.add(roleName(e.roleArn()) + " can read S3" + conditions(s3));
        }
        if (!e.loadBalancers().isEmpty()) {
            parts.add("no blocking WAF on " + String.join(", ", e.loadBalancers().stream().map(LoadBalancerEvidence::name).toList()));
        }
        Integer hop = e.metadataOptions() == null ? null : e.metadataOptions().hopLimit();
        if (hop != null && hop > 1) {
            parts.add("hop limit " + hop);
        }
        return String.join("; ", parts);
    }

    private static String roleName(String roleArn) {
        String arn = roleArn == null ? "the role" : roleArn;
        return "role " + arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String conditions(S3ReadEvidence s3) {
        if (!s3.conditional()) {
            return "";
        }
        List<String> keys = s3.conditionKeys();
        return keys.isEmpty() ? " (conditionally)" : " (if " + String.join(", ", keys) + ")";
    }
}
