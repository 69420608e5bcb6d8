package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.Statement;
import io.imdsguard.analyze.iam.policy.WildcardPattern;
import io.imdsguard.inventory.Bucket;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The concrete S3 resources worth asking about: the account's buckets (and an object in each), then
 * witnesses built from every statement's resource patterns ({@code arn:aws:s3:::logs-*} gives
 * {@code arn:aws:s3:::logs-w}), then a bucket no pattern names, which only a broad grant reaches.
 * Asking about concrete resources instead of "*" is what lets a Deny on one bucket leave another allowed.
 * Deny statements and NotResource lists count too: a Deny with NotResource {@code partner} leaves exactly
 * {@code partner} allowed, and only a witness drawn from that pattern finds it. A witness is only a
 * question: the grant still comes from evaluating it, so a witness can never invent one.
 */
final class S3Candidates {
    static final String UNNAMED_BUCKET = "arn:aws:s3:::imdsguard-unlisted-bucket";
    static final String WITNESS_KEY = "imdsguard-witness-key";
    private static final Pattern BUCKET_ARN = Pattern.compile("arn:[^:]+:s3:::[^/]+");
    private static final Pattern OBJECT_ARN = Pattern.compile("arn:[^:]+:s3:::[^/]+/.+");
    // Two alphabets, so a Deny on "aw*" next to an Allow on "a*" still leaves a witness ("ax7").
    private static final List<String> FILLERS = List.of("w", "w/w", "x7", "x7/x7");

    /**
     * Witnesses kept per resource pattern: every role asks for them, and the same policies (and so the same
     * patterns) recur in every account of an organization. Bounded, like the parser's cache.
     */
    private static final int MAX_CACHED = 100_000;
    private static final Map<String, PatternWitnesses> BY_PATTERN = new ConcurrentHashMap<>();

    private S3Candidates() {
    }

    /** The bucket-shaped and object-shaped witnesses of one resource pattern, in filler order. */
    private record PatternWitnesses(List<String> buckets, List<String> objects) {
        static PatternWitnesses of(String pattern) {
            List<String> buckets = new ArrayList<>();
            List<String> objects = new ArrayList<>();
            for (String filler : FILLERS) {
                String witness = pattern.replace("*", filler).replace('?', 'w');
                if (BUCKET_ARN.matcher(witness).matches()) {
                    buckets.add(witness);
                }
                if (OBJECT_ARN.matcher(witness).matches()) {
                    objects.add(witness);
                }
            }
            return new PatternWitnesses(List.copyOf(buckets), List.copyOf(objects));
        }
    }

    /** Bucket ARNs, inventory first. */
    static List<String> buckets(List<Bucket> inventory, List<PolicyDocument> policies) {
        Set<String> out = new LinkedHashSet<>();
        inventory.forEach(b -> out.add(b.arn()));
        witnesses(policies, PatternWitnesses::buckets, out);
        out.add(UNNAMED_BUCKET);
        return List.copyOf(out);
    }

    /** Object ARNs, inventory buckets first. */
    static List<String> objects(List<Bucket> inventory, List<PolicyDocument> policies) {
        Set<String> out = new LinkedHashSet<>();
        inventory.forEach(b -> out.add(b.arn() + "/" + WITNESS_KEY));
        witnesses(policies, PatternWitnesses::objects, out);
        out.add(UNNAMED_BUCKET + "/" + WITNESS_KEY);
        return List.copyOf(out);
    }

    private static void witnesses(List<PolicyDocument> policies, Function<PatternWitnesses, List<String>> shape,
                                  Set<String> out) {
        for (PolicyDocument policy : policies) {
            for (Statement s : policy.statements()) {
                for (WildcardPattern p : s.resources().patterns()) {
                    out.addAll(shape.apply(witnessesOf(p.pattern())));
                }
            }
        }
    }

    private static PatternWitnesses witnessesOf(String pattern) {
        PatternWitnesses cached = BY_PATTERN.get(pattern);
        if (cached != null) {
            return cached;
        }
        PatternWitnesses computed = PatternWitnesses.of(pattern);
        if (BY_PATTERN.size() < MAX_CACHED) {
            BY_PATTERN.put(pattern, computed);
        }
        return computed;
    }
}
