package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.trace.HostScripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TraceParseCommandTest {
    private static final String TOKEN = "AQAEAN2Tw3oWq21W6D3AkC5KA6zMf43zRt6voF04K-2I-jLxiu1E-A==";

    private static String sample(String name) throws URISyntaxException {
        return Path.of(TraceParseCommandTest.class.getResource("/trace/" + name).toURI()).toString();
    }

    @Test
    void jsonIsTheSummaryFormAndHoldsNoToken() throws Exception {
        CliRun run = CliRun.of("trace", "parse", sample("analyzer-1.2.log"), "--format", "json");

        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.fieldNames()).toIterable().containsExactly("v1Callers", "v2Calls", "unparsed");
        assertThat(json.get("v1Callers").get(0).fieldNames()).toIterable().containsExactly("pid", "comm", "argv", "parents",
                "paths", "calls", "missingPayload", "firstSeen", "lastSeen");
        assertThat(json.get("v1Callers").get(0).get("pid").asInt()).isEqualTo(2290);
        assertThat(json.get("v2Calls").asLong()).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain(TOKEN.substring(0, 16));
    }

    @Test
    void theTableListsCallersAndTheTotals() throws Exception {
        CliRun run = CliRun.of("trace", "parse", sample("analyzer-1.4.log"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("PROCESS").contains("FIRST SEEN")
                .containsPattern("java\\s+4242\\s+3\\s+2026-03-02T11:00:00.101\\s+2026-03-02T11:00:05.300\\s+"
                        + "/latest/meta-data/iam/security-credentials/, /latest/meta-data/iam/security-credentials/app-role, \\(request not captured\\)")
                .contains("4 IMDSv1 calls from 2 processes; 0 IMDSv2 calls; 0 unreadable lines");
        assertThat(run.err()).contains("note: the analyzer logged each call 3 times");
    }

    @Test
    void rotatedFilesTogetherAreOneTrace(@TempDir Path dir) throws Exception {
        String line = "[2026-03-02 1%d:00:00,000] [WARNING] imdsv1(!) (pid:7:agent argv:/opt/agent) req details: get /latest/%s http/1.1\n";
        Files.writeString(dir.resolve("imds-trace.log.1"), line.formatted(0, "old"));
        Files.writeString(dir.resolve("imds-trace.log"), line.formatted(1, "new"));

        CliRun run = CliRun.of("trace", "parse", dir.resolve("imds-trace.log").toString(),
                dir.resolve("imds-trace.log.1").toString(), "--format", "json");

        JsonNode caller = new ObjectMapper().readTree(run.out()).get("v1Callers").get(0);
        assertThat(caller.get("paths").toString()).isEqualTo("[\"/latest/old\",\"/latest/new\"]");
        assertThat(caller.get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void aSavedCollectOutputIsDetectedAndReadAlike(@TempDir Path dir) throws Exception {
        Path logs = Files.createDirectories(dir.resolve("imds"));
        Files.copy(Path.of(sample("analyzer-1.4.log")), logs.resolve("imds-trace.log"));
        Path script = dir.resolve("collect.sh");
        Files.writeString(script, HostScripts.text("collect"));
        Path saved = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString()).redirectOutput(saved.toFile());
        pb.environment().put("IMDS_TRACE_LOG_DIR", logs.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        CliRun fromCollect = CliRun.of("trace", "parse", saved.toString(), "--format", "json");
        CliRun fromLog = CliRun.of("trace", "parse", logs.resolve("imds-trace.log").toString(), "--format", "json");

        assertThat(fromCollect.exit()).as(fromCollect.err()).isZero();
        assertThat(fromCollect.out()).isEqualTo(fromLog.out());
        CliRun mixed = CliRun.of("trace", "parse", saved.toString(), logs.resolve("imds-trace.log").toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("out.txt is a saved collect output");
    }

    @Test
    void withInstanceIdAndOutputItWritesTheEvidenceFile(@TempDir Path dir) throws Exception {
        Path evidence = dir.resolve("evidence");

        CliRun run = CliRun.of("trace", "parse", sample("analyzer-1.4.log"), "--instance-id", "i-0abc12345def67890",
                "--output", evidence.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        HostEvidence written = new EvidenceDirectory(evidence).readAll().get("i-0abc12345def67890");
        assertThat(written.v1Callers()).hasSize(2);
        assertThat(written.collectedAt()).isNotNull();
        assertThat(written.run()).isNull();
        assertThat(run.err()).contains("evidence written to");
    }

    @Test
    void controlCharactersOfTheLogNeverReachTheTerminal(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("imds-trace.log");
        Files.writeString(log, "[2026-03-02 10:01:10,500] [WARNING] IMDSv1(!) (pid:7:x argv:/usr/bin/\u001b]0;owned\u0007a --b)"
                + " Req details: GET /latest/meta-\u001b[2Jdata/ HTTP/1.1, Host: x\n"
                + "[2026-03-02 10:01:11,500] [WARNING] IMDSv1(!) (pid:8:ev\u001b[31mil argv: ) Req details: GET /x HTTP/1.1\n");

        CliRun run = CliRun.of("trace", "parse", log.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("/usr/bin/?]0;owned?a")
                .contains("/latest/meta-?[2Jdata/").contains("ev?[31mil");
    }

    @Test
    void instanceIdAndOutputGoTogether() throws Exception {
        CliRun noOutput = CliRun.of("trace", "parse", sample("analyzer-1.4.log"), "--instance-id", "i-0abc12345def67890");
        CliRun noId = CliRun.of("trace", "parse", sample("analyzer-1.4.log"), "--output", "x");
        CliRun badId = CliRun.of("trace", "parse", sample("analyzer-1.4.log"), "--instance-id", "web-1", "--output", "x");

        assertThat(noOutput.exit()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--instance-id needs --output");
        assertThat(noId.exit()).isEqualTo(2);
        assertThat(noId.err()).contains("--output needs --instance-id");
        assertThat(badId.exit()).isEqualTo(2);
    }

    @Test
    void anUnreadableFileIsExit2NamingIt(@TempDir Path dir) {
        String missing = dir.resolve("nope.log").toString();

        CliRun run = CliRun.of("trace", "parse", missing);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(missing).hasLineCount(1);
    }

    @Test
    void scriptPrintsEachHostScriptVerbatim() {
        for (String name : HostScripts.NAMES) {
            CliRun run = CliRun.of("trace", "script", name);
            assertThat(run.exit()).isZero();
            assertThat(run.out()).isEqualTo(HostScripts.text(name));
        }
        CliRun unknown = CliRun.of("trace", "script", "install");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown script 'install'");
    }

    @Test
    void helpTeachesWithExamples() {
        assertThat(CliRun.of("trace", "parse", "--help").out()).contains("Examples:").contains("--instance-id");
        assertThat(CliRun.of("trace", "script", "--help").out()).contains("Examples:").contains("start, collect or stop");
    }
}
