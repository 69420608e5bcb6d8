package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.trace.ProcessRef;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --evidence DIR}: who still calls IMDSv1 reaches the findings, in every format. */
class ScanEvidenceTest {
    private static final Path DEMO = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");
    /** web-frontend in the demo fleet: IMDS-001 fires on it. */
    private static final String TRACED = "i-0a1b2c3d4e5f60001";
    private static final String COUNTED = "i-0a1b2c3d4e5f60002";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;
    private Path evidence;

    @BeforeEach
    void writeEvidence() throws Exception {
        evidence = dir.resolve("evidence");
        EvidenceDirectory files = new EvidenceDirectory(evidence);
        V1Caller agent = new V1Caller(4242, "legacy-agent", "/usr/local/bin/legacy-agent --poll 60",
                List.of(new ProcessRef(1, "systemd", "/sbin/init")), List.of("/latest/meta-data/iam/security-credentials/"),
                14, false, "2026-11-30T10:01:10.500", "2026-11-30T11:59:02.004");
        V1Caller curl = new V1Caller(977, "curl", "curl -s http://169.254.169.254/latest/meta-data/instance-id", List.of(),
                List.of("/latest/meta-data/instance-id"), 2, false, "2026-11-30T10:05:00.000", "2026-11-30T10:06:00.000");
        files.merge(HostEvidence.of(TRACED, "111122223333", "us-east-1")
                .withTrace("trace-20261130-1000-ab12", AT, new TraceSummary(List.of(curl, agent), 5, 0)));
        files.merge(HostEvidence.of(COUNTED, null, null)
                .withUsage(new MetadataNoTokenCounts(14, AT.minusSeconds(14 * 86400), AT, 37L, 0L)));
    }

    private static JsonNode finding(JsonNode report, String instanceId) {
        for (JsonNode f : report.path("findings")) {
            if (instanceId.equals(f.path("resource").path("id").asText())) {
                return f;
            }
        }
        throw new AssertionError("no finding on " + instanceId);
    }

    @Test
    void jsonFindingsCarryTheCallersAndTheCounts() throws Exception {
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString(), "--format", "json",
                "--fail-on", "none");
        assertThat(run.exit()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.out());

        JsonNode traced = finding(report, TRACED).path("evidence");
        assertThat(traced.path("imdsV1Callers")).hasSize(2);
        assertThat(traced.path("imdsV1Callers").get(1).path("argv").asText()).isEqualTo("/usr/local/bin/legacy-agent --poll 60");
        assertThat(traced.path("imdsV1Callers").get(1).path("calls").asLong()).isEqualTo(14);
        assertThat(traced.has("metadataNoToken")).isFalse();

        JsonNode counted = finding(report, COUNTED).path("evidence");
        assertThat(counted.path("metadataNoToken").path("calls").asLong()).isEqualTo(37);
        assertThat(counted.path("metadataNoToken").path("days").asInt()).isEqualTo(14);
        assertThat(counted.has("imdsV1Callers")).isFalse();
        assertThat(run.err()).contains("evidence for 2 instances (1 traced, 1 with CloudWatch counts), added to 2 findings");
    }

    @Test
    void theTableSaysWhoUsesImdsV1BusiestFirst() {
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString(), "--fail-on", "none");
        assertThat(run.out()).contains("IMDSv1 used by /usr/local/bin/legacy-agent (14 calls), curl (2 calls)")
                .contains("CloudWatch: 37 calls without a token in 14 days");
    }

    @Test
    void sarifMessagesAndJunitPropertiesSayItToo() throws Exception {
        Path out = dir.resolve("reports");
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString(),
                "--format", "sarif,junit", "--output", out + "/", "--fail-on", "none");
        assertThat(run.exit()).as(run.err()).isZero();
        String sarif = Files.readString(out.resolve("imdsguard-report.sarif"));
        assertThat(sarif).contains("IMDSv1 used by /usr/local/bin/legacy-agent (14 calls)").contains("imdsV1Callers");
        assertThat(Files.readString(out.resolve("imdsguard-report.xml")))
                .contains("name=\"imdsV1Usage\" value=\"IMDSv1 used by /usr/local/bin/legacy-agent (14 calls), curl (2 calls)\"");
    }

    @Test
    void evidenceForAnotherAccountIsNotAttached() throws Exception {
        new EvidenceDirectory(evidence).merge(HostEvidence.of(TRACED, "999999999999", "us-east-1")
                .withTrace("other", AT, new TraceSummary(List.of(), 0, 0)));
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString(), "--format", "json",
                "--fail-on", "none");
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(finding(report, TRACED).path("evidence").has("imdsV1Callers")).isFalse();
    }

    @Test
    void aMalformedEvidenceFileIsAUsageErrorNamingIt() throws Exception {
        Path bad = evidence.resolve("i-0a1b2c3d4e5f60003.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, ");
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--evidence", evidence.toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(run.err()).contains("--evidence: " + bad).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withoutEvidenceTheReportHasNeitherField() throws Exception {
        CliRun run = CliRun.of("scan", "--snapshot", DEMO.toString(), "--format", "json", "--fail-on", "none");
        assertThat(run.out()).doesNotContain("imdsV1Callers").doesNotContain("metadataNoToken");
    }
}
