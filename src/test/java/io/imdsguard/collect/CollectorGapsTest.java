package io.imdsguard.collect;

import io.imdsguard.cli.CliRun;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.imdsguard.collect.CollectFleet.EAST;
import static io.imdsguard.collect.CollectFleet.WEST;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failing calls become gaps and the rest is still collected: a denied EC2 call in one region, denied
 * IAM, throttling that retries absorb, and a target group that "vanishes" between listing and reading.
 */
class CollectorGapsTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @TempDir
    static Path dir;

    static CollectFleet.Ids ids;
    static Snapshot snapshot;
    static int cliExit;
    static String cliErr;
    static Snapshot cliSnapshot;

    @BeforeAll
    static void collectWithFaults() throws Exception {
        ids = CollectFleet.seed(AWS);
        AWS.failOperation("ec2", "DescribeSecurityGroups", WEST, 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
        AWS.failOperation("iam", "GetAccountAuthorizationDetails", null, 403, "AccessDenied",
                "User is not authorized to perform iam:GetAccountAuthorizationDetails");
        AWS.failOperation("elasticloadbalancingv2", "DescribeTargetHealth", null, 400, "TargetGroupNotFound",
                "One or more target groups not found");
        AWS.throttle("ec2", "DescribeVpcs", 2);
        snapshot = CollectorFixtures.collect(AWS, EAST, WEST).snapshot();

        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        Path out = dir.resolve("gaps.json");
        CliRun run = CliRun.of("collect", "--regions", EAST + "," + WEST, "--endpoint-url", AWS.endpoint().toString(),
                "--region", EAST, "--output", out.toString());
        cliExit = run.exit();
        cliErr = run.err();
        cliSnapshot = SnapshotIO.read(out);
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void deniedCallsAreGapsWithoutRequestIds() {
        assertThat(snapshot.gaps()).containsExactly(
                new CollectionGap(AwsEmulator.ACCOUNT_ID, WEST, "ec2", "DescribeSecurityGroups",
                        "UnauthorizedOperation: You are not authorized to perform this operation."),
                new CollectionGap(AwsEmulator.ACCOUNT_ID, "global", "iam", "GetAccountAuthorizationDetails",
                        "AccessDenied: User is not authorized to perform iam:GetAccountAuthorizationDetails"));
    }

    @Test
    void everythingElseIsStillCollected() {
        var east = CollectorFixtures.region(snapshot, EAST);
        var west = CollectorFixtures.region(snapshot, WEST);
        assertThat(west.securityGroups()).isEmpty();
        assertThat(west.instances()).extracting(i -> i.instanceId()).containsExactly(ids.westInstance());
        assertThat(west.vpcs()).extracting(v -> v.vpcId()).contains(ids.vpcB());
        assertThat(east.securityGroups()).extracting(g -> g.groupId()).contains(ids.webSg(), ids.albSg());
        assertThat(east.instances()).hasSize(2);
        assertThat(east.loadBalancers()).hasSize(2);
        var account = snapshot.accountInventories().get(0);
        assertThat(account.roles()).isEmpty();
        assertThat(account.buckets()).hasSize(2);
    }

    @Test
    void throttlingAbsorbedByRetriesIsNoGap() {
        assertThat(snapshot.gaps()).noneMatch(g -> g.operation().equals("DescribeVpcs"));
        assertThat(CollectorFixtures.region(snapshot, EAST).vpcs()).extracting(v -> v.vpcId()).contains(ids.vpcA());
    }

    @Test
    void targetGroupGoneMidRunIsSkippedNotAGap() {
        assertThat(snapshot.gaps()).noneMatch(g -> g.operation().equals("DescribeTargetHealth"));
        assertThat(CollectorFixtures.region(snapshot, EAST).targetGroups()).hasSize(3)
                .allSatisfy(tg -> assertThat(tg.targets()).isEmpty());
    }

    @Test
    void cliExitsThreeAndStillWritesTheSnapshot() {
        assertThat(cliExit).isEqualTo(3);
        assertThat(cliErr.strip().lines()).singleElement().asString()
                .startsWith("imdsguard: collected 2 regions,").contains("API calls").containsPattern(" [0-9]+ gaps in ");
        assertThat(cliSnapshot.gaps()).extracting(CollectionGap::operation)
                .contains("DescribeSecurityGroups", "GetAccountAuthorizationDetails");
        assertThat(cliSnapshot.instanceCount()).isEqualTo(3);
    }
}
