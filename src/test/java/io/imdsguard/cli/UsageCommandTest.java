package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.MetricsFleet;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code imdsguard usage} in-process against the emulator: counts put with PutMetricData come back per
 * instance in JSON and table, over the window only, heaviest first; evidence files; read-only.
 */
class UsageCommandTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    static final Map<String, String> ids = new HashMap<>();
    static CliRun json;
    static List<AwsCall> calls;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed() throws Exception {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", EAST);
        Instant now = Instant.now();
        try (FleetBuilder fleet = AWS.fleet(EAST)) {
            String subnet = subnet(fleet);
            for (String name : List.of("legacy", "quiet", "nodata", "enforced", "parked", "gone")) {
                ids.put(name, fleet.compute().run(InstanceSpec.in(subnet).name(name)).instanceId());
            }
            fleet.compute().stop(ids.get("parked"));
            fleet.compute().terminate(ids.get("gone"));
            fleet.metrics()
                    .put(ids.get("legacy"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(2)), 30)
                    .put(ids.get("legacy"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofHours(1)), 12)
                    // Outside the default 14 days, inside 30.
                    .put(ids.get("legacy"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(20)), 1000)
                    .put(ids.get("quiet"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(1)), 0)
                    .put(ids.get("enforced"), MetricsFleet.NO_TOKEN_REJECTED, now.minus(Duration.ofDays(3)), 9)
                    .put(ids.get("parked"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(5)), 3)
                    .put(ids.get("gone"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(5)), 77);
        }
        try (FleetBuilder fleet = AWS.fleet(WEST)) {
            ids.put("west-app", fleet.compute().run(InstanceSpec.in(subnet(fleet)).name("west-app")).instanceId());
            fleet.metrics().put(ids.get("west-app"), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(1)), 100);
        }
        AWS.clearRecorded();
        json = usage("--format", "json");
        calls = AWS.recordedCalls();
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
        all[0] = "usage";
        all[1] = "--endpoint-url";
        all[2] = AWS.endpoint().toString();
        all[3] = "--regions";
        all[4] = EAST + "," + WEST;
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    static Map<String, JsonNode> byId(JsonNode report) {
        Map<String, JsonNode> out = new HashMap<>();
        report.get("instances").forEach(i -> out.put(i.get("instanceId").asText(), i));
        return out;
    }

    @Test
    void jsonHasEachInstancesCountsOverTheWindow() throws Exception {
        assertThat(json.exit()).as(json.err()).isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.at("/window/days").asInt()).isEqualTo(14);
        assertThat(Duration.between(Instant.parse(report.at("/window/from").asText()),
                Instant.parse(report.at("/window/to").asText()))).isEqualTo(Duration.ofDays(14));
        assertThat(report.get("accounts").get(0).asText()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(report.get("gaps")).isEmpty();
        Map<String, JsonNode> byId = byId(report);
        assertThat(byId).doesNotContainKey(ids.get("gone")).hasSize(6);
        assertThat(byId.get(ids.get("legacy")).get("calls").asLong()).isEqualTo(42);
        assertThat(byId.get(ids.get("legacy")).get("name").asText()).isEqualTo("legacy");
        assertThat(byId.get(ids.get("legacy")).get("region").asText()).isEqualTo(EAST);
        assertThat(byId.get(ids.get("quiet")).get("calls").asLong()).as("a data point of 0 is 0").isEqualTo(0);
        assertThat(byId.get(ids.get("nodata")).get("calls").isNull()).as("no data point is null, not 0").isTrue();
        assertThat(byId.get(ids.get("nodata")).get("read").asBoolean()).isTrue();
        assertThat(byId.get(ids.get("enforced")).get("calls").isNull()).isTrue();
        assertThat(byId.get(ids.get("enforced")).get("rejected").asLong()).isEqualTo(9);
        assertThat(byId.get(ids.get("parked")).get("state").asText()).isIn("stopped", "stopping");
        assertThat(byId.get(ids.get("parked")).get("calls").asLong()).isEqualTo(3);
        assertThat(byId.get(ids.get("west-app")).get("calls").asLong()).isEqualTo(100);
        assertThat(byId.get(ids.get("west-app")).get("region").asText()).isEqualTo(WEST);
        assertThat(report.get("instances").get(0).get("instanceId").asText()).as("heaviest first")
                .isEqualTo(ids.get("west-app"));
        assertThat(report.at("/summary/calledImdsV1").asInt()).isEqualTo(3);
        assertThat(report.at("/summary/hadRejected").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/noData").asInt()).isEqualTo(1);
    }

    @Test
    void daysWidensTheWindow() throws Exception {
        CliRun run = usage("--format", "json", "--days", "30", "--instance-ids", ids.get("legacy"));
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("instances")).hasSize(1);
        assertThat(report.get("instances").get(0).get("calls").asLong()).isEqualTo(1042);
        assertThat(report.at("/window/days").asInt()).isEqualTo(30);
    }

    @Test
    void tableListsHeaviestFirstWithASummary() {
        CliRun run = usage();
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("INSTANCE").contains("NAME", "REGION", "STATE", "IMDSV1 CALLS", "REJECTED");
        assertThat(lines.get(1)).startsWith(ids.get("west-app")).contains("west-app", WEST, "running").matches(".*\\s100\\s+-");
        assertThat(lines.get(2)).startsWith(ids.get("legacy")).contains("42");
        assertThat(lines.stream().filter(l -> l.startsWith(ids.get("nodata"))).findFirst().orElseThrow())
                .matches(".*running\\s+-\\s+-");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 of 6 instances called IMDSv1 in the last 14 days;"
                + " 1 had calls rejected; 1 had no CloudWatch data");
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @Test
    void instanceIdsNarrowAndUnknownOnesAreNamed() throws Exception {
        CliRun run = usage("--format", "json", "--instance-ids", ids.get("west-app") + ",i-0123456789abcdef0");
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(byId(report)).containsOnlyKeys(ids.get("west-app"));
        assertThat(report.get("notFound").get(0).asText()).isEqualTo("i-0123456789abcdef0");
        assertThat(run.err()).contains("not found").contains("i-0123456789abcdef0");
    }

    @Test
    void outputMergesCountsIntoEvidenceKeepingTheTracePart() throws Exception {
        EvidenceDirectory evidence = new EvidenceDirectory(dir.resolve("evidence"));
        TraceSummary traced = new TraceSummary(List.of(new V1Caller(42, "legacy-agent", "/usr/local/bin/legacy-agent",
                List.of(), List.of("/latest/meta-data/iam/security-credentials/"), 14, false,
                "2026-03-02T10:01:10.500", "2026-03-02T10:05:00.000")), 3, 0);
        evidence.merge(HostEvidence.of(ids.get("legacy"), AwsEmulator.ACCOUNT_ID, EAST)
                .withTrace("run-1", Instant.parse("2026-03-02T11:00:00Z"), traced));

        CliRun run = usage("--output", evidence.path().toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).contains("wrote 6 evidence files");
        Map<String, HostEvidence> all = evidence.readAll();
        assertThat(all).hasSize(6).doesNotContainKey(ids.get("gone"));
        HostEvidence legacy = all.get(ids.get("legacy"));
        assertThat(legacy.metadataNoToken().calls()).isEqualTo(42);
        assertThat(legacy.metadataNoToken().days()).isEqualTo(14);
        assertThat(legacy.trace()).as("the trace part is kept").contains(traced);
        assertThat(legacy.run()).isEqualTo("run-1");
        assertThat(all.get(ids.get("nodata")).metadataNoToken().calls()).isNull();
        assertThat(all.get(ids.get("west-app")).region()).isEqualTo(WEST);
        assertThat(all.get(ids.get("west-app")).account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
    }

    @Test
    void usageOnlyReads() {
        assertThat(calls).isNotEmpty();
        assertThat(calls.stream().filter(AwsCall::isMutating).toList()).as("mutating calls").isEmpty();
        assertThat(calls.stream().map(c -> c.service() + ":" + c.operation()).distinct().toList())
                .allMatch(Set.of("sts:GetCallerIdentity", "ec2:DescribeRegions", "ec2:DescribeInstances",
                        "cloudwatch:GetMetricData")::contains)
                .contains("cloudwatch:GetMetricData");
        assertThat(calls.stream().filter(c -> c.operation().equals("GetMetricData")).map(AwsCall::region).toList())
                .as("one call per region for a small fleet").containsExactlyInAnyOrder(EAST, WEST);
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyCall() {
        AWS.clearRecorded();
        assertThat(usage("--days", "0").exit()).isEqualTo(2);
        CliRun tooLong = usage("--days", "456");
        assertThat(tooLong.exit()).isEqualTo(2);
        assertThat(tooLong.err()).contains("--days").contains("455");
        assertThat(usage("--format", "sarif").exit()).isEqualTo(2);
        CliRun badId = usage("--instance-ids", "web-1");
        assertThat(badId.exit()).isEqualTo(2);
        assertThat(badId.err()).contains("'web-1' is not an instance id");
        assertThat(usage("--instance-ids", "").exit()).isEqualTo(2);
        assertThat(AWS.recordedCalls()).isEmpty();
    }

    @Test
    void anOutputThatIsAFileIsAUsageError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        CliRun run = usage("--output", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("not a directory");
    }

    @Test
    void helpTeachesTheMetricAndItsLimits() {
        CliRun run = CliRun.of("usage", "--help");
        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("MetadataNoToken", "MetadataNoTokenRejected", "evidence, not proof",
                "stopped", "--days", "Examples:");
    }
}
