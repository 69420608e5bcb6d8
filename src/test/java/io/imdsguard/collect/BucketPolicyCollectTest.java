package io.imdsguard.collect;

import io.imdsguard.analyze.iam.Decision;
import io.imdsguard.analyze.iam.S3AccessAnalyzer;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.iam.StatementRef;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Bucket;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GetBucketPolicy per bucket: a bucket without a policy (NoSuchBucketPolicy) has none and no gap; a
 * denied GetBucketPolicy is a gap naming the bucket, whose policy is then unknown.
 */
class BucketPolicyCollectTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    static final String EAST = "us-east-1";
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Public\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::with-policy/*\"}]}";

    @BeforeEach
    void seed() {
        AWS.reset();
        try (S3Client s3 = AWS.client(S3Client.builder(), EAST)) {
            s3.createBucket(r -> r.bucket("with-policy"));
            s3.createBucket(r -> r.bucket("without-policy"));
            s3.putBucketPolicy(r -> r.bucket("with-policy").policy(POLICY));
        }
    }

    @Test
    void policiesAreReadAndAMissingOneIsNone() throws Exception {
        Snapshot snapshot = CollectorFixtures.collect(AWS, EAST).snapshot();

        assertThat(snapshot.accountInventories().get(0).buckets()).containsExactly(
                new Bucket("with-policy", EAST, POLICY, false),
                new Bucket("without-policy", EAST, null, false));
        assertThat(snapshot.gaps()).isEmpty();
    }

    @Test
    void aCollectedBucketPolicyNamingTheRoleGrantsItAndOneNamingTheRootDoesNot() throws Exception {
        String granted;
        String delegated;
        try (FleetBuilder fleet = AWS.fleet(EAST)) {
            String granter = fleet.iam().role("granted");
            fleet.iam().instanceProfile("granted-profile", "granted");
            fleet.iam().role("delegated");
            fleet.iam().instanceProfile("delegated-profile", "delegated");
            granted = "arn:aws:iam::" + AwsEmulator.ACCOUNT_ID + ":instance-profile/granted-profile";
            delegated = "arn:aws:iam::" + AwsEmulator.ACCOUNT_ID + ":instance-profile/delegated-profile";
            try (S3Client s3 = AWS.client(S3Client.builder(), EAST)) {
                s3.putBucketPolicy(r -> r.bucket("without-policy").policy(readPolicy("without-policy", granter)));
                s3.putBucketPolicy(r -> r.bucket("with-policy").policy(readPolicy("with-policy",
                        "arn:aws:iam::" + AwsEmulator.ACCOUNT_ID + ":root")));
            }
        }
        AccountInventory account = CollectorFixtures.collect(AWS, EAST).snapshot().accountInventories().get(0);
        S3AccessAnalyzer analyzer = new S3AccessAnalyzer();

        S3ReadAccess viaBucket = analyzer.analyze(account, granted).orElseThrow();
        assertThat(viaBucket.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(viaBucket.getObject().statements()).extracting(StatementRef::toString)
                .containsExactly("bucket-policy:without-policy Get (Allow)");
        assertThat(analyzer.analyze(account, delegated).orElseThrow().decision()).isEqualTo(Decision.DENIED);
    }

    private static String readPolicy(String bucket, String principal) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"List\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"s3:ListBucket\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "\"},{\"Sid\":\"Get\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
    }

    @Test
    void aDeniedGetBucketPolicyIsAGapNamingTheBucket() throws Exception {
        AWS.failOperation("s3", "GetBucketPolicy", null, 403, "AccessDenied", "Access Denied");

        Snapshot snapshot = CollectorFixtures.collect(AWS, EAST).snapshot();

        assertThat(snapshot.accountInventories().get(0).buckets()).containsExactly(
                new Bucket("with-policy", EAST, null, true),
                new Bucket("without-policy", EAST, null, true));
        assertThat(snapshot.gaps()).containsExactly(
                new CollectionGap(AwsEmulator.ACCOUNT_ID, "global", "s3", "GetBucketPolicy",
                        "bucket with-policy: AccessDenied: Access Denied"),
                new CollectionGap(AwsEmulator.ACCOUNT_ID, "global", "s3", "GetBucketPolicy",
                        "bucket without-policy: AccessDenied: Access Denied"));
    }
}
