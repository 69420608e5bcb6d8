package io.imdsguard.evidence;

import io.imdsguard.trace.ProcessRef;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One file per instance, written by two tools in turn, each keeping the other's part. */
class EvidenceDirectoryTest {
    private static final String ID = "i-0a1b2c3d4e5f60001";
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    static TraceSummary oneCaller() {
        V1Caller agent = new V1Caller(4242, "legacy-agent", "/usr/local/bin/legacy-agent --poll 60",
                List.of(new ProcessRef(1, "systemd", "/sbin/init")), List.of("/latest/meta-data/iam/security-credentials/"),
                14, false, "2026-11-30T10:01:10.500", "2026-11-30T11:59:02.004");
        return new TraceSummary(List.of(agent), 3, 1);
    }

    static MetadataNoTokenCounts counts(long calls) {
        return new MetadataNoTokenCounts(14, AT.minusSeconds(14 * 86400), AT, calls, 0L);
    }

    @Test
    void traceThenUsageKeepsBothPartsAndAUsageRewriteKeepsTheTrace() throws Exception {
        EvidenceDirectory evidence = new EvidenceDirectory(dir.resolve("new/evidence"));
        evidence.merge(HostEvidence.of(ID, "111122223333", "us-east-1").withTrace("trace-1", AT, oneCaller()));
        evidence.merge(HostEvidence.of(ID, "111122223333", "us-east-1").withUsage(counts(37)));
        evidence.merge(HostEvidence.of(ID, null, null).withUsage(counts(40)));

        HostEvidence read = evidence.readAll().get(ID);
        assertThat(read.trace()).contains(oneCaller());
        assertThat(read.run()).isEqualTo("trace-1");
        assertThat(read.metadataNoToken().calls()).isEqualTo(40L);
        assertThat(read.account()).isEqualTo("111122223333");
        assertThat(read.region()).isEqualTo("us-east-1");
        assertThat(Files.readString(evidence.fileOf(ID))).endsWith("}\n");
        try (var files = Files.list(evidence.path())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(ID + ".json");
        }
    }

    @Test
    void usageAloneIsNotATraceAndATraceWithNoCallersIsOne() throws Exception {
        EvidenceDirectory evidence = new EvidenceDirectory(dir);
        evidence.merge(HostEvidence.of(ID, null, null).withUsage(counts(0)));
        evidence.merge(HostEvidence.of("i-0a1b2c3d4e5f60002", null, null)
                .withTrace(null, AT, new TraceSummary(List.of(), 12, 0)));

        Map<String, HostEvidence> all = evidence.readAll();
        assertThat(all.get(ID).trace()).isEmpty();
        assertThat(Files.readString(evidence.fileOf(ID))).doesNotContain("v1Callers");
        assertThat(all.get("i-0a1b2c3d4e5f60002").trace()).hasValueSatisfying(t -> {
            assertThat(t.v1Callers()).isEmpty();
            assertThat(t.v2Calls()).isEqualTo(12);
        });
    }

    @Test
    void otherFilesInTheDirectoryAreLeftAlone() throws Exception {
        Files.writeString(dir.resolve("README.txt"), "notes");
        Files.writeString(dir.resolve("run.json"), "{not evidence");
        assertThat(new EvidenceDirectory(dir).readAll()).isEmpty();
    }

    @Test
    void aMalformedFileIsNamedWithItsPositionAndIsNotOverwritten() throws Exception {
        Path file = dir.resolve(ID + ".json");
        Files.writeString(file, "{\n  \"schemaVersion\": 1,\n  \"instanceId\": \"" + ID + "\",\n  \"v2Calls\": \"many\"\n}\n");
        EvidenceDirectory evidence = new EvidenceDirectory(dir);

        assertThatThrownBy(evidence::readAll).isInstanceOf(EvidenceFormatException.class)
                .hasMessageStartingWith(file + ":4:").hasMessageContaining("v2Calls");
        assertThatThrownBy(() -> evidence.merge(HostEvidence.of(ID, null, null).withUsage(counts(1))))
                .isInstanceOf(EvidenceFormatException.class);
        assertThat(Files.readString(file)).contains("\"many\"");
    }

    @Test
    void aFileNamedForAnotherInstanceOrAnotherSchemaIsRefused() throws Exception {
        Files.writeString(dir.resolve(ID + ".json"), "{\"schemaVersion\": 1, \"instanceId\": \"i-0a1b2c3d4e5f60009\"}");
        assertThatThrownBy(new EvidenceDirectory(dir)::readAll).hasMessageContaining("named for " + ID);

        Files.writeString(dir.resolve(ID + ".json"), "{\"schemaVersion\": 2, \"instanceId\": \"" + ID + "\"}");
        assertThatThrownBy(new EvidenceDirectory(dir)::readAll).hasMessageContaining("schemaVersion 2 is not supported");
    }

    @Test
    void aMissingDirectoryIsAnError() {
        assertThatThrownBy(new EvidenceDirectory(dir.resolve("absent"))::readAll)
                .isInstanceOf(EvidenceFormatException.class).hasMessageEndingWith("absent: no such directory");
    }
}
