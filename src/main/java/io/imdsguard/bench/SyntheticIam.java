package io.imdsguard.bench;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Bucket;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One account's IAM and buckets: a role per ~30 instances (10 to 400), each with an instance profile,
 * one to three of a dozen customer-managed policies (S3 read everywhere, on one bucket, with IP or VPC
 * endpoint conditions, a ListBucket on object ARNs that grants nothing, explicit denies, NotAction),
 * an inline policy on a third of them and a permission boundary on a tenth; a bucket per ~40
 * instances (5 to 300) spread over the account's regions.
 */
final class SyntheticIam {
    private static final String[] WORDS = {"logs", "data", "backup", "assets", "reports", "ml", "exports", "raw"};

    private final String account;
    private final List<Role> roles = new ArrayList<>();
    private final List<InstanceProfile> profiles = new ArrayList<>();
    private final List<ManagedPolicy> managed = new ArrayList<>();
    private final List<Bucket> buckets = new ArrayList<>();

    SyntheticIam(String account, List<String> regions, int instances, Random random) {
        this.account = account;
        int bucketCount = clamp(instances / 40, 5, 300);
        for (int b = 0; b < bucketCount; b++) {
            buckets.add(new Bucket("acme-" + account.substring(8) + "-" + WORDS[b % WORDS.length] + "-" + b,
                    regions.get(b % regions.size())));
        }
        List<String> policies = managedPolicies();
        String boundary = policyArn("boundary-app");
        int roleCount = clamp(instances / 30, 10, 400);
        for (int i = 0; i < roleCount; i++) {
            String name = "app-" + i;
            String arn = "arn:aws:iam::" + account + ":role/" + name;
            List<String> attached = new ArrayList<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                String p = policies.get(random.nextInt(policies.size()));
                if (!attached.contains(p)) {
                    attached.add(p);
                }
            }
            List<Policy> inline = random.nextInt(3) == 0
                    ? List.of(new Policy(null, "inline-" + i, null, inlineDocument(random))) : List.of();
            roles.add(new Role(arn, name, "AROA" + account.substring(4) + i, inline, attached,
                    random.nextInt(10) == 0 ? boundary : null));
            profiles.add(new InstanceProfile(profileArn(i), name, List.of(arn)));
        }
    }

    AccountInventory inventory() {
        return new AccountInventory(account, roles, profiles, managed, buckets);
    }

    int roleCount() {
        return roles.size();
    }

    /** The instance profile of the {@code i}-th role. */
    String profileArn(int i) {
        return "arn:aws:iam::" + account + ":instance-profile/app-" + i;
    }

    private List<String> managedPolicies() {
        String one = bucket(0);
        String two = bucket(1 % buckets.size());
        add("s3-read-all", allow("\"s3:GetObject\",\"s3:ListBucket\"", "\"*\"", ""));
        add("s3-read-one", allow("\"s3:Get*\",\"s3:List*\"", arns(one), ""));
        add("s3-get-only", allow("\"s3:GetObject\"", "\"arn:aws:s3:::" + one + "/*\"", ""));
        add("s3-office-only", allow("\"s3:*\"", arns(two),
                ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"203.0.113.0/24\"}}"));
        add("s3-vpce-only", allow("\"s3:GetObject\",\"s3:ListBucket\"", "\"*\"",
                ",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-0a1b2c3d\"}}"));
        add("s3-list-wrong-arn", allow("\"s3:ListBucket\"", "\"arn:aws:s3:::" + two + "/*\"", ""));
        add("ec2-describe", allow("\"ec2:Describe*\"", "\"*\"", ""));
        add("cloudwatch-agent", allow("\"cloudwatch:PutMetricData\",\"logs:PutLogEvents\"", "\"*\"", ""));
        add("ssm-core", allow("\"ssm:UpdateInstanceInformation\",\"ssmmessages:*\"", "\"*\"", ""));
        add("deny-s3-secrets", document("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"));
        add("not-iam", document("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\"],"
                + "\"Resource\":\"*\"}"));
        List<String> attachable = managed.stream().map(ManagedPolicy::arn).toList();
        // Only a boundary: allows EC2 and reading one bucket, so S3 grants elsewhere stop at it.
        add("boundary-app", allow("\"ec2:*\",\"s3:GetObject\",\"s3:ListBucket\"", arns(one) + ",\"*\"", ""));
        return attachable;
    }

    private String inlineDocument(Random random) {
        String b = bucket(random.nextInt(buckets.size()));
        return switch (random.nextInt(4)) {
            case 0 -> allow("\"s3:ListBucket\"", "\"arn:aws:s3:::" + b + "\"", "");
            case 1 -> allow("\"s3:GetObject\"", "\"arn:aws:s3:::" + b + "/*\"", "");
            case 2 -> allow("\"s3:GetObject\",\"s3:ListBucket\"", arns(b),
                    ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}");
            default -> allow("\"sqs:SendMessage\"", "\"*\"", "");
        };
    }

    private void add(String name, String document) {
        managed.add(new ManagedPolicy(policyArn(name), name, "v1",
                List.of(new ManagedPolicy.Version("v1", true, document))));
    }

    private String policyArn(String name) {
        return "arn:aws:iam::" + account + ":policy/" + name;
    }

    private String bucket(int i) {
        return buckets.get(i).name();
    }

    private static String arns(String bucket) {
        return "\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"";
    }

    private static String allow(String actions, String resources, String extra) {
        return document("{\"Effect\":\"Allow\",\"Action\":[" + actions + "],\"Resource\":[" + resources + "]"
                + extra + "}");
    }

    private static String document(String statements) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}";
    }

    static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
