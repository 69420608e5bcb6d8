package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.MetricsFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call that fails in one region (AccessDenied on GetMetricData, on DescribeInstances) is a gap for
 * that region with AWS's error, exit 3, and the other regions' counts are still reported.
 */
class UsageGapsTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";
    static final String SOUTH = "ap-southeast-2";

    static String east;
    static String west;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", EAST);
        Instant now = Instant.now();
        try (FleetBuilder fleet = AWS.fleet(EAST)) {
            east = fleet.compute().run(InstanceSpec.in(subnet(fleet)).name("east")).instanceId();
            fleet.metrics().put(east, MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(1)), 8);
        }
        try (FleetBuilder fleet = AWS.fleet(WEST)) {
            west = fleet.compute().run(InstanceSpec.in(subnet(fleet)).name("west")).instanceId();
            fleet.metrics().put(west, MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(1)), 5);
        }
        AWS.failOperation("cloudwatch", "GetMetricData", WEST, 403, "AccessDenied",
                "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform: cloudwatch:GetMetricData");
        AWS.failOperation("ec2", "DescribeInstances", SOUTH, 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
    }

    private static String subnet(FleetBuilder fleet) {
        return fleet.network().subnet(fleet.network().vpc("10.0.0.0/16", false).id(), "10.0.1.0/24", null, false);
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    static CliRun usage(String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(new String[] {"usage", "--endpoint-url", AWS.endpoint().toString(), "--regions",
            EAST + "," + WEST + "," + SOUTH}, 0, all, 0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    @Test
    void aFailingRegionIsAGapAndTheOthersAreReported() throws Exception {
        CliRun run = usage("--format", "json", "--output", dir.resolve("evidence").toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("gap: " + AwsEmulator.ACCOUNT_ID + " " + WEST
                + " cloudwatch:GetMetricData AccessDenied: User: arn:aws:iam::123456789012:user/auditor is not authorized");
        assertThat(run.err()).contains("gap: " + AwsEmulator.ACCOUNT_ID + " " + SOUTH
                + " ec2:DescribeInstances UnauthorizedOperation");
        JsonNode report = new ObjectMapper().readTree(run.out());
        Map<String, JsonNode> byId = new HashMap<>();
        report.get("instances").forEach(i -> byId.put(i.get("instanceId").asText(), i));
        assertThat(byId.get(east).get("calls").asLong()).isEqualTo(8);
        assertThat(byId.get(east).get("read").asBoolean()).isTrue();
        assertThat(byId.get(west).get("read").asBoolean()).as("listed, but its counts are unknown").isFalse();
        assertThat(byId.get(west).get("calls").isNull()).isTrue();
        assertThat(report.get("gaps")).hasSize(2);
        assertThat(report.get("gaps").get(1).get("region").asText()).isEqualTo(WEST);
        assertThat(report.get("gaps").get(1).get("service").asText()).isEqualTo("cloudwatch");
        assertThat(report.at("/summary/unread").asInt()).isEqualTo(1);
        // An unread instance gets no evidence file: "unknown" must not be written as "no data".
        assertThat(new EvidenceDirectory(dir.resolve("evidence")).readAll()).containsOnlyKeys(east);
    }

    @Test
    void theTableMarksUnreadInstancesAndSaysSo() {
        CliRun run = usage("--no-color");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out().lines().filter(l -> l.startsWith(west)).findFirst().orElseThrow()).matches(".*\\?\\s+\\?");
        assertThat(run.out()).contains("1 of 2 instances called IMDSv1 in the last 14 days; 0 had calls rejected;"
                + " 1 could not be read (gaps)");
    }
}
