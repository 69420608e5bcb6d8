package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JSON report read back: what the JSON renderer writes, strictly, with errors at file:line:col. */
class ReportFileTest {
    @TempDir
    Path dir;

    @Test
    void readsBackEveryFindingTheJsonRendererWrote() throws Exception {
        ScanResult result = SampleResults.sample();
        StringWriter json = new StringWriter();
        new JsonRenderer().render(result, RenderOptions.DEFAULTS, json);
        Path file = dir.resolve("report.json");
        Files.writeString(file, json.toString());

        ReportFile report = ReportFile.read(file);

        assertThat(report.findings()).hasSize(result.findings().size());
        for (int i = 0; i < result.findings().size(); i++) {
            Finding f = result.findings().get(i);
            ReportFile.Finding read = report.findings().get(i);
            assertThat(read).isEqualTo(new ReportFile.Finding(f.ruleId(), f.severity(), f.account(), f.region(),
                    f.resource().type(), f.resource().id(), f.resource().name()));
        }
    }

    @Test
    void keepsTheUsageEvidenceAScanWithEvidenceAttached() throws Exception {
        Path file = dir.resolve("report.json");
        Files.writeString(file, """
                {"schemaVersion": 1,
                 "findings": [
                   {"ruleId": "IMDS-003", "severity": "MEDIUM", "account": "1", "region": "us-east-1",
                    "resource": {"type": "ec2-instance", "id": "i-0123456789abcdef0"},
                    "evidence": {"metadataOptions": {"httpTokens": "optional"},
                                 "imdsV1Callers": [{"pid": 812, "comm": "legacy-agent", "argv": "/opt/legacy-agent --poll",
                                                    "parents": [], "paths": ["/latest/meta-data/"], "calls": 14,
                                                    "missingPayload": false, "firstSeen": "2026-03-02T10:01:10.500",
                                                    "lastSeen": "2026-03-02T11:01:10.500"}],
                                 "metadataNoToken": {"days": 14, "from": "2026-11-17T00:00:00Z",
                                                     "to": "2026-12-01T00:00:00Z", "calls": 310, "rejected": 0}}},
                   {"ruleId": "IMDS-003", "severity": "MEDIUM", "account": "1", "region": "us-east-1",
                    "resource": {"type": "ec2-instance", "id": "i-0123456789abcdef1"}, "evidence": {}}]}
                """);
        ReportFile report = ReportFile.read(file);
        ReportFile.Finding traced = report.findings().get(0);
        assertThat(traced.imdsV1Callers()).singleElement().satisfies(c -> {
            assertThat(c.displayName()).isEqualTo("/opt/legacy-agent");
            assertThat(c.calls()).isEqualTo(14);
        });
        assertThat(traced.metadataNoToken().calls()).isEqualTo(310L);
        assertThat(report.findings().get(1).imdsV1Callers()).isNull();
        assertThat(report.findings().get(1).metadataNoToken()).isNull();
    }

    @Test
    void aWrongTypeOrAMissingFieldIsNamedWithItsPosition() throws Exception {
        Path wrongType = dir.resolve("wrong.json");
        Files.writeString(wrongType, """
                {"schemaVersion": 1,
                 "findings": [
                   {"ruleId": "IMDS-001", "severity": "HIGH", "account": "1", "region": 5,
                    "resource": {"type": "ec2-instance", "id": "i-0123456789abcdef0"}}]}
                """);
        assertThatThrownBy(() -> ReportFile.read(wrongType)).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith(wrongType + ":3:").hasMessageContaining("findings[0].region: expected a string");

        Path missing = dir.resolve("missing.json");
        Files.writeString(missing, """
                {"schemaVersion": 1,
                 "findings": [
                   {"ruleId": "IMDS-001", "severity": "HIGH", "account": "1", "region": "us-east-1",
                    "resource": {"type": "ec2-instance"}}]}
                """);
        assertThatThrownBy(() -> ReportFile.read(missing)).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith(missing + ":4:").hasMessageContaining("id is missing");
    }

    @Test
    void anotherSchemaVersionOrNotAReportIsRefused() throws Exception {
        Path v2 = dir.resolve("v2.json");
        Files.writeString(v2, "{\"schemaVersion\": 2, \"findings\": []}");
        assertThatThrownBy(() -> ReportFile.read(v2)).hasMessage(v2 + ": schemaVersion 2 is not supported (this build reads 1)");
        Path snapshotLike = dir.resolve("other.json");
        Files.writeString(snapshotLike, "{\"regions\": []}");
        assertThatThrownBy(() -> ReportFile.read(snapshotLike)).hasMessageContaining("missing schemaVersion");
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"schemaVersion\": 1,\n \"findings\": [");
        assertThatThrownBy(() -> ReportFile.read(broken)).hasMessageStartingWith(broken + ":2:")
                .hasMessageContaining("not valid JSON");
    }
}
