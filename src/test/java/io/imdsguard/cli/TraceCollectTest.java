package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.SsmCommandOutput;
import io.imdsguard.testing.SsmInstanceSeed;
import io.imdsguard.trace.V1Caller;
import io.imdsguard.trace.ssm.Phase;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.RunFiles;
import io.imdsguard.trace.ssm.S3Output;
import io.imdsguard.trace.ssm.SentCommand;
import io.imdsguard.trace.ssm.Skip;
import io.imdsguard.trace.ssm.TraceTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code trace collect} against the emulator: start states read, the collect script sent, evidence written. */
class TraceCollectTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", "us-east-1");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    private static String endpoint() {
        return AWS.endpoint().toString();
    }

    /** A run whose start command really went to {@code ids} in {@code region} (through the emulator). */
    private static RunFile startedRun(String runId, String region, List<String> ids, List<Skip> skips) {
        return startedRun(runId, region, ids, skips, null);
    }

    private static RunFile startedRun(String runId, String region, List<String> ids, List<Skip> skips, S3Output s3) {
        String commandId;
        try (SsmClient ssm = AWS.client(SsmClient.builder(), region)) {
            commandId = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(ids)
                    .comment("imdsguard trace " + runId + " start")
                    .parameters(Map.of("commands", List.of("true")))).command().commandId();
        }
        return new RunFile(RunFile.SCHEMA_VERSION, runId, Instant.now(), 7200, null, null, s3, "10", "25%",
                AwsEmulator.ACCOUNT_ID, ids.stream().map(id -> new TraceTarget(id, region, null)).toList(), skips,
                List.of(new SentCommand(Phase.START, region, commandId, ids, Instant.now())));
    }

    @Test
    void aHostWhoseStartFailedIsReportedWithSsmsWordsAndIsNotFatal() throws Exception {
        String region = "eu-west-1";
        List<String> ids = TraceFixture.instances(AWS, region, 2);
        String failed = ids.get(0);
        String installing = ids.get(1);
        AWS.seedCommandOutput(region, failed, SsmCommandOutput.failed(3, "imdsguard: unsupported OS: alpine 3.19"));
        AWS.seedCommandOutput(region, installing, SsmCommandOutput.inProgress());
        RunFile run = startedRun("trace-test-failed", region, ids,
                List.of(new Skip("i-0000000000000000a", region, "Windows not supported")));
        Path runFile = dir.resolve("run.json");
        RunFiles.write(run, runFile);
        Path evidence = dir.resolve("evidence");
        AWS.clearRecorded();

        CliRun collect = CliRun.of("trace", "collect", "--run", runFile.toString(), "--output", evidence.toString(),
                "--endpoint-url", endpoint(), "--wait", "0s");

        assertThat(collect.exit()).as(collect.err()).isEqualTo(3);
        assertThat(collect.out()).contains("evidence from 0 of 3 hosts")
                .contains(failed + " (" + region + "): start failed: Failed").contains("unsupported OS: alpine 3.19")
                .contains(installing + " (" + region + "): start not finished")
                .contains("i-0000000000000000a (" + region + "): not collected: skipped at start: Windows not supported");
        assertThat(TraceFixture.sendCommandCalls(AWS)).as("nothing to collect from").isZero();
        assertThat(AWS.recordedCalls()).anyMatch(c -> c.operation().equals("ListCommandInvocations"));
        assertThat(evidence).doesNotExist();
        assertThat(RunFiles.read(runFile).commands(Phase.COLLECT)).isEmpty();
    }

    /**
     * Needs the merge with branch h-parse: the real collect script (src/main/resources/trace/collect.sh) is run
     * here on a sample log, and CollectOutput decodes what it printed.
     */
    @Test
    void collectTurnsTheRealCollectScriptsOutputIntoEvidenceFiles() throws Exception {
        String region = "eu-west-2";
        List<String> ids = TraceFixture.instances(AWS, region, 2);
        ids.forEach(id -> AWS.seedInstanceInformation(region, SsmInstanceSeed.onlineLinux(id)));
        String stdout = runCollectScript(sampleLog());
        ids.forEach(id -> AWS.seedCommandOutput(region, id, SsmCommandOutput.success(stdout)));
        RunFile run = startedRun("trace-test-collect", region, ids, List.of());
        Path runFile = dir.resolve("run.json");
        RunFiles.write(run, runFile);
        Path evidence = dir.resolve("evidence");

        CliRun collect = CliRun.of("trace", "collect", "--run", runFile.toString(), "--output", evidence.toString(),
                "--endpoint-url", endpoint(), "--wait", "30s");

        assertThat(collect.exit()).as(collect.out() + collect.err()).isEqualTo(0);
        assertThat(collect.out()).contains("evidence from 2 of 2 hosts").contains("IMDSv1 caller");
        Map<String, HostEvidence> written = new EvidenceDirectory(evidence).readAll();
        assertThat(written).containsOnlyKeys(ids);
        for (HostEvidence host : written.values()) {
            assertThat(host.account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
            assertThat(host.region()).isEqualTo(region);
            assertThat(host.run()).isEqualTo("trace-test-collect");
            assertThat(host.v1Callers()).extracting(V1Caller::displayName).contains("/usr/local/bin/legacy-agent");
            assertThat(host.v1Callers()).filteredOn(c -> c.displayName().equals("/usr/local/bin/legacy-agent"))
                    .singleElement().satisfies(c -> assertThat(c.calls()).isEqualTo(2));
        }
        List<SentCommand> collects = RunFiles.read(runFile).commands(Phase.COLLECT);
        assertThat(collects).singleElement().satisfies(c -> assertThat(c.instanceIds()).containsExactlyInAnyOrderElementsOf(ids));
        assertThat(TraceFixture.commandsOf(AWS, region, "trace-test-collect", "collect")).singleElement()
                .satisfies(c -> assertThat(c.commandId()).isEqualTo(collects.get(0).commandId()));

        // The evidence reaches a live scan's findings on those instances.
        CliRun scan = CliRun.of("scan", "--regions", region, "--endpoint-url", endpoint(), "--evidence", evidence.toString(),
                "--format", "json", "--fail-on", "none", "--quiet");
        assertThat(scan.exit()).as(scan.err()).isIn(0, 3);
        JsonNode findings = new ObjectMapper().readTree(scan.out()).path("findings");
        for (String id : ids) {
            assertThat(findings).filteredOn(f -> id.equals(f.path("resource").path("id").asText())).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.path("evidence").path("imdsV1Callers").get(0).path("argv").asText())
                            .isEqualTo("/usr/local/bin/legacy-agent --poll 30"));
        }
    }

    @Test
    void withS3OutputTheWholeOutputIsReadFromTheBucketWhereSsmCutsIt() throws Exception {
        String region = "eu-north-1";
        List<String> ids = TraceFixture.instances(AWS, region, 1);
        AWS.seedInstanceInformation(region, SsmInstanceSeed.onlineLinux(ids.get(0)));
        try (S3Client s3 = AWS.client(S3Client.builder(), region)) {
            s3.createBucket(r -> r.bucket("trace-output").createBucketConfiguration(c -> c.locationConstraint(region)));
        }
        // Eighty processes with long command lines: more than the 24,000 characters GetCommandInvocation returns
        // (without --s3-output only 43 of them arrive).
        Path logs = Files.createDirectories(dir.resolve("many"));
        StringBuilder log = new StringBuilder();
        for (int pid = 1000; pid < 1080; pid++) {
            log.append("[2026-03-02 10:").append(pid % 60 < 10 ? "0" : "").append(pid % 60).append(":00,100] [WARNING] ")
                    .append("imdsv1(!) (pid:").append(pid).append(":worker argv:/opt/app/bin/worker --id ").append(pid)
                    .append(" --config /etc/app/").append("x".repeat(300)).append(".conf) called by -> (pid:1:systemd argv:/sbin/init)")
                    .append(" req details: get /latest/meta-data/iam/security-credentials/ http/1.1, host: 169.254.169.254\n");
        }
        Files.writeString(logs.resolve("imds-trace.log"), log.toString(), StandardCharsets.UTF_8);
        String stdout = runCollectScript(logs, Map.of("IMDSGUARD_COLLECT_MAX_CHARS", "200000"));
        assertThat(stdout.length()).isGreaterThan(24_000);
        AWS.seedCommandOutput(region, ids.get(0), SsmCommandOutput.success(stdout));
        Path runFile = dir.resolve("run-s3.json");
        RunFiles.write(startedRun("trace-test-s3", region, ids, List.of(), S3Output.parse("trace-output/imdsguard")), runFile);
        AWS.clearRecorded();

        CliRun collect = CliRun.of("trace", "collect", "--run", runFile.toString(), "--output", dir.resolve("ev").toString(),
                "--endpoint-url", endpoint(), "--wait", "30s");

        assertThat(collect.exit()).as(collect.out() + collect.err()).isZero();
        assertThat(collect.out()).doesNotContain("cut short");
        HostEvidence host = new EvidenceDirectory(dir.resolve("ev")).readAll().get(ids.get(0));
        assertThat(host.v1Callers()).hasSize(80);
        assertThat(AWS.recordedCalls()).anySatisfy(c -> {
            assertThat(c.service()).isEqualTo("s3");
            assertThat(c.operation()).isEqualTo("GetObject");
        });
    }

    @Test
    void aHostWhereTheTracerRanButNoLogIsFoundGivesNoEvidence() throws Exception {
        // The analyzer ran (its checkout is there) but wrote no log where we read: that says nothing of the callers.
        String region = "ap-south-1";
        List<String> ids = TraceFixture.instances(AWS, region, 1);
        Path home = Files.createDirectories(dir.resolve("home").resolve("trace-test-collect"));
        String stdout = runCollectScript(Files.createDirectories(dir.resolve("empty-logs")),
                Map.of("IMDSGUARD_HOME", home.getParent().toString()));
        assertThat(stdout).contains("tracer=stopped").contains("no analyzer log");
        AWS.seedCommandOutput(region, ids.get(0), SsmCommandOutput.success(stdout));
        Path runFile = dir.resolve("run.json");
        RunFiles.write(startedRun("trace-test-nolog", region, ids, List.of()), runFile);
        Path evidence = dir.resolve("evidence");

        CliRun collect = CliRun.of("trace", "collect", "--run", runFile.toString(), "--output", evidence.toString(),
                "--endpoint-url", endpoint(), "--wait", "30s");

        assertThat(collect.exit()).as(collect.out() + collect.err()).isEqualTo(3);
        assertThat(collect.out()).contains("evidence from 0 of 1 host").contains(ids.get(0) + " (" + region + "): no log");
        assertThat(evidence.resolve(ids.get(0) + ".json")).doesNotExist();
    }

    @Test
    void aMissingOrMalformedRunFileIsAUsageErrorNamingIt() throws Exception {
        Path missing = dir.resolve("missing.json");
        CliRun run = CliRun.of("trace", "collect", "--run", missing.toString(), "--output", dir.toString(),
                "--endpoint-url", endpoint());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(missing.toString()).contains("no such file");

        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"runId\": \"r1\", \"createdAt\": \"2026-01-01T00:00:00Z\",\n"
                + " \"durationSeconds\": \"7200\"}");
        CliRun malformed = CliRun.of("trace", "stop", "--run", bad.toString(), "--endpoint-url", endpoint());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains(bad + ":2:").contains("durationSeconds");

        Path other = dir.resolve("report.json");
        Files.writeString(other, "{\"schemaVersion\": 1, \"findings\": []}");
        CliRun notARun = CliRun.of("trace", "collect", "--run", other.toString(), "--output", dir.toString());
        assertThat(notARun.exit()).isEqualTo(2);
        assertThat(notARun.err()).contains(other + ": not a trace run file");
    }

    /**
     * Release 1.5 lines (lower-cased, two kernel probes attached): one caller calling twice, each call
     * logged once per probe, so twice.
     */
    private Path sampleLog() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("imds"));
        String caller = "(pid:4242:legacy-agent argv:/usr/local/bin/legacy-agent --poll 30) called by -> "
                + "(pid:1:systemd argv:/usr/lib/systemd/systemd --switched-root)";
        String details = " req details: get /latest/meta-data/iam/security-credentials/ http/1.1, "
                + "host: 169.254.169.254, user-agent: legacy-agent/1.0, accept: */*";
        String call = "[WARNING] imdsv1(!) " + caller + details;
        Files.writeString(logs.resolve("imds-trace.log"), String.join("\n",
                "[2026-03-02 10:01:10,500] [INFO] Try to attach multiple kernel functions to make sure the event can be triggered in most cases.",
                "[2026-03-02 10:01:10,501] [INFO] Cannot attach kprobe to __sock_sendmsg, it depends on your kernels.",
                "[2026-03-02 10:05:00,100] " + call,
                "[2026-03-02 10:05:00,100] " + call,
                "[2026-03-02 11:05:00,200] " + call,
                "[2026-03-02 11:05:00,201] " + call,
                ""), StandardCharsets.UTF_8);
        return logs;
    }

    private static String runCollectScript(Path logDir) throws Exception {
        return runCollectScript(logDir, Map.of());
    }

    private static String runCollectScript(Path logDir, Map<String, String> extra) throws Exception {
        Path script = Path.of("src/main/resources/trace/collect.sh").toAbsolutePath();
        assertThat(script).as("the host collect script (branch h-parse)").exists();
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString());
        pb.environment().put("IMDS_TRACE_LOG_DIR", logDir.toString());
        pb.environment().put("IMDSGUARD_RUN_ID", "trace-test-collect");
        pb.environment().putAll(extra);
        pb.redirectErrorStream(false);
        Process process = pb.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
