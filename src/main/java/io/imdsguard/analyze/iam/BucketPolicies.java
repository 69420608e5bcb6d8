package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyFormatException;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.inventory.Bucket;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed bucket policies of one account, found by the bucket or object ARN a request is about.
 * Each is named {@code bucket-policy:<bucket>} in evidence. A policy that does not parse here (S3 only
 * stores valid ones, so it uses something this tool does not know) is left out: the evaluation then
 * misses what it grants or denies, which docs/iam.md lists among the known limits.
 */
final class BucketPolicies {
    static final BucketPolicies NONE = new BucketPolicies(Map.of());
    static final String PREFIX = "bucket-policy:";
    private static final String S3_ARN = "arn:aws:s3:::";

    private final Map<String, PolicyDocument> byBucket;

    private BucketPolicies(Map<String, PolicyDocument> byBucket) {
        this.byBucket = byBucket;
    }

    static BucketPolicies of(List<Bucket> buckets) {
        Map<String, PolicyDocument> parsed = new HashMap<>();
        for (Bucket b : buckets) {
            if (b.policy() == null || b.policy().isBlank()) {
                continue;
            }
            try {
                parsed.put(b.name(), PolicyParser.parse(PREFIX + b.name(), b.policy()));
            } catch (PolicyFormatException e) {
                // Left out, see the class comment.
            }
        }
        return parsed.isEmpty() ? NONE : new BucketPolicies(Map.copyOf(parsed));
    }

    /** The policy of the bucket {@code resource} is, or holds; null when it has none or is not S3. */
    PolicyDocument forResource(String resource) {
        if (byBucket.isEmpty() || resource == null || !resource.startsWith(S3_ARN)) {
            return null;
        }
        String rest = resource.substring(S3_ARN.length());
        int slash = rest.indexOf('/');
        return byBucket.get(slash < 0 ? rest : rest.substring(0, slash));
    }

    List<PolicyDocument> documents() {
        return List.copyOf(byBucket.values());
    }
}
