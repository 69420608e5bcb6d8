package io.imdsguard.cli;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.SsmInstanceSeed;
import io.imdsguard.trace.HostScripts;
import io.imdsguard.trace.ssm.Phase;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.RunFiles;
import io.imdsguard.trace.ssm.SentCommand;
import io.imdsguard.trace.ssm.Skip;
import io.imdsguard.trace.ssm.TraceTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.model.Command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code trace start} and {@code trace stop} against the emulator: targets checked with SSM, skips with
 * reasons, nothing sent without --yes, batches of at most 50 with the run's settings as SSM holds them.
 */
class TraceStartStopTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String REGION = "us-east-1";

    /** 55 online Linux nodes, then one not managed, one offline, one Windows. */
    static List<String> ids;
    static List<String> eligible;
    static String notManaged;
    static String offline;
    static String windows;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", REGION);
        ids = TraceFixture.instances(AWS, REGION, 58);
        eligible = ids.subList(0, 55);
        notManaged = ids.get(55);
        offline = ids.get(56);
        windows = ids.get(57);
        eligible.forEach(id -> AWS.seedInstanceInformation(REGION, SsmInstanceSeed.onlineLinux(id)));
        AWS.seedInstanceInformation(REGION, SsmInstanceSeed.onlineLinux(offline).withPingStatus("ConnectionLost"),
                SsmInstanceSeed.onlineLinux(windows).withPlatform("Windows", "Windows Server 2022", "10.0"));
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

    @Test
    void withoutYesThePlanNamesTargetsAndSkipsAndNothingIsSent() {
        Path runFile = dir.resolve("run.json");
        AWS.clearRecorded();
        CliRun run = CliRun.of("trace", "start", "--instance-ids", String.join(",", ids), "--regions", REGION,
                "--endpoint-url", endpoint(), "--run", runFile.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("on 55 hosts in 1 region")
                .contains(notManaged + " (" + REGION + "): not managed by SSM")
                .contains(offline + " (" + REGION + "): offline (ConnectionLost)")
                .contains(windows + " (" + REGION + "): Windows not supported")
                .contains("Commands (2):").contains("1. us-east-1: 50 instances").contains("2. us-east-1: 5 instances")
                .contains("Nothing sent.").contains("--run " + runFile + " --yes");
        assertThat(TraceFixture.sendCommandCalls(AWS)).isZero();
        assertThat(AWS.recordedCalls()).noneMatch(c -> c.isMutating());
        assertThat(AWS.recordedCalls()).filteredOn(c -> c.operation().equals("DescribeInstanceInformation"))
                .as("58 ids are checked in chunks of at most 50").hasSize(2);
        assertThat(runFile).doesNotExist();
    }

    /** Needs the host scripts (branch h-parse): SendCommand carries HostScripts.text("start"). */
    @Test
    void withYesOver50TargetsGoInBatchesOfAtMost50WithTheRunsSettings() throws Exception {
        Map<String, String> rules = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            rules.put(ids.get(i), "IMDS-00" + (1 + i % 3));
            names.put(ids.get(i), "web-" + i);
        }
        Path report = TraceFixture.report(dir, REGION, rules, names);
        Path runFile = dir.resolve("run.json");
        AWS.clearRecorded();
        CliRun run = CliRun.of("trace", "start", "--from-report", report.toString(), "--duration", "3h",
                "--max-concurrency", "5", "--max-errors", "2", "--s3-output", "trace-out/runs",
                "--analyzer-commit", "18f15c9", "--endpoint-url", endpoint(), "--run", runFile.toString(), "--yes");
        assertThat(run.exit()).as(run.err()).isEqualTo(0);

        RunFile recorded = RunFiles.read(runFile);
        List<Command> sent = TraceFixture.commandsOf(AWS, REGION, recorded.runId(), "start");
        assertThat(sent).hasSize(2);
        assertThat(TraceFixture.sendCommandCalls(AWS)).isEqualTo(2);
        Set<String> reached = new HashSet<>();
        for (Command command : sent) {
            assertThat(command.instanceIds()).hasSizeLessThanOrEqualTo(50);
            reached.addAll(command.instanceIds());
            assertThat(command.documentName()).isEqualTo("AWS-RunShellScript");
            assertThat(command.parameters().get("executionTimeout")).containsExactly("1800");
            List<String> lines = command.parameters().get("commands");
            assertThat(lines.subList(0, 3)).containsExactly("IMDSGUARD_RUN_ID='" + recorded.runId() + "'",
                    "IMDSGUARD_TRACE_SECONDS='10800'", "IMDSGUARD_ANALYZER_COMMIT='18f15c9'");
            assertThat(lines.subList(3, lines.size())).containsExactlyElementsOf(HostScripts.text("start").lines().toList());
            assertThat(command.maxConcurrency()).isEqualTo("5");
            assertThat(command.maxErrors()).isEqualTo("2");
            assertThat(command.timeoutSeconds()).isEqualTo(600);
            assertThat(command.outputS3BucketName()).isEqualTo("trace-out");
            assertThat(command.outputS3KeyPrefix()).isEqualTo("runs");
        }
        assertThat(reached).containsExactlyInAnyOrderElementsOf(eligible).doesNotContain(notManaged, offline, windows);

        assertThat(recorded.account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(recorded.durationSeconds()).isEqualTo(10800);
        assertThat(recorded.targets()).extracting(TraceTarget::instanceId).containsExactlyElementsOf(eligible);
        assertThat(recorded.targets()).extracting(TraceTarget::name).contains("web-0", "web-54");
        assertThat(recorded.skips()).extracting(Skip::instanceId, Skip::reason).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(notManaged, "not managed by SSM"),
                org.assertj.core.groups.Tuple.tuple(offline, "offline (ConnectionLost)"),
                org.assertj.core.groups.Tuple.tuple(windows, "Windows not supported (the packet analyzer runs on Linux)"));
        assertThat(recorded.commands()).extracting(SentCommand::phase).containsOnly(Phase.START);
        assertThat(recorded.commands()).extracting(SentCommand::commandId)
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Command::commandId).toList());
        assertThat(Files.readString(runFile)).doesNotContain("testing");
    }

    /** Needs the host scripts (branch h-parse) for the --yes half. */
    @Test
    void stopPlansFirstAndSendsTheStopScriptToTheRunsTargetsOnlyWithYes() throws Exception {
        Path runFile = dir.resolve("run.json");
        List<String> three = eligible.subList(0, 3);
        RunFile run = new RunFile(RunFile.SCHEMA_VERSION, "trace-test-stop", Instant.parse("2026-01-01T00:00:00Z"), 7200,
                null, null, null, "10", "25%", AwsEmulator.ACCOUNT_ID,
                three.stream().map(id -> new TraceTarget(id, REGION, null)).toList(),
                List.of(new Skip(windows, REGION, "Windows not supported")), List.of());
        RunFiles.write(run, runFile);
        AWS.clearRecorded();

        CliRun plan = CliRun.of("trace", "stop", "--run", runFile.toString(), "--endpoint-url", endpoint());
        assertThat(plan.exit()).as(plan.err()).isEqualTo(0);
        assertThat(plan.out()).contains("stop the analyzer and delete its logs on 3 hosts").contains("Nothing sent.");
        assertThat(TraceFixture.sendCommandCalls(AWS)).isZero();

        CliRun stop = CliRun.of("trace", "stop", "--run", runFile.toString(), "--endpoint-url", endpoint(), "--yes");
        assertThat(stop.exit()).as(stop.err()).isEqualTo(0);
        List<Command> sent = TraceFixture.commandsOf(AWS, REGION, "trace-test-stop", "stop");
        assertThat(sent).singleElement().satisfies(c -> {
            assertThat(c.instanceIds()).containsExactlyInAnyOrderElementsOf(three);
            assertThat(c.parameters().get("commands").get(0)).isEqualTo("IMDSGUARD_RUN_ID='trace-test-stop'");
            assertThat(c.parameters().get("commands").subList(1, c.parameters().get("commands").size()))
                    .containsExactlyElementsOf(HostScripts.text("stop").lines().toList());
        });
        assertThat(RunFiles.read(runFile).commands()).singleElement().satisfies(c -> {
            assertThat(c.phase()).isEqualTo(Phase.STOP);
            assertThat(c.commandId()).isEqualTo(sent.get(0).commandId());
        });
    }

    @Test
    void aRunFileOfAnotherRunIsNotReplacedUnlessAsked() throws Exception {
        Path runFile = dir.resolve("run.json");
        RunFiles.write(new RunFile(RunFile.SCHEMA_VERSION, "trace-older", Instant.parse("2026-01-01T00:00:00Z"), 60,
                null, null, null, "10", "25%", AwsEmulator.ACCOUNT_ID, List.of(), List.of(), List.of()), runFile);
        CliRun run = CliRun.of("trace", "start", "--instance-ids", eligible.get(0), "--endpoint-url", endpoint(),
                "--run", runFile.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(runFile + " holds run trace-older").contains("--replace-run");

        CliRun replaced = CliRun.of("trace", "start", "--instance-ids", eligible.get(0), "--endpoint-url", endpoint(),
                "--run", runFile.toString(), "--replace-run");
        assertThat(replaced.exit()).as(replaced.err()).isEqualTo(0);
        assertThat(replaced.out()).contains("on 1 host in 1 region");
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyAwsCall() throws Exception {
        Path runFile = dir.resolve("run.json");
        AWS.clearRecorded();
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--instance-ids", eligible.get(0), "--duration", "49h"});
        cases.add(new String[] {"--instance-ids", eligible.get(0), "--max-concurrency", "0"});
        cases.add(new String[] {"--instance-ids", eligible.get(0), "--max-errors", "101%"});
        cases.add(new String[] {"--instance-ids", "web-1"});
        cases.add(new String[] {});
        cases.add(new String[] {"--from-report", dir.resolve("missing.json").toString()});
        for (String[] args : cases) {
            List<String> all = new ArrayList<>(List.of("trace", "start", "--endpoint-url", endpoint(), "--run",
                    runFile.toString()));
            all.addAll(List.of(args));
            CliRun run = CliRun.of(all.toArray(String[]::new));
            assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isEqualTo(2);
            assertThat(run.err().strip()).as(String.join(" ", args)).doesNotContain("Exception").hasLineCount(1);
        }
        assertThat(AWS.recordedCalls()).noneMatch(c -> c.operation().equals("SendCommand"));
        assertThat(CliRun.of("trace", "start", "--endpoint-url", endpoint(), "--run", runFile.toString(),
                "--instance-ids", eligible.get(0), "--duration", "49h").err()).contains("--duration must be between 1m and 48h");
    }

    @Test
    void anAnalyzerSourceWithCredentialsInItIsRefusedWithoutEchoingThem() {
        // The URL would be in the run file, the plan, SSM's command history and the hosts' output.
        for (String url : List.of("https://mirror:s3cr3tpass@git.example.com/imds.git",
                "https://ghp_s3cr3tpass@github.com/aws/aws-imds-packet-analyzer.git",
                "http://u:s3cr3tpass@mirror.example.com/analyzer.tar.gz")) {
            CliRun run = CliRun.of("trace", "start", "--endpoint-url", endpoint(), "--run", dir.resolve("run.json").toString(),
                    "--instance-ids", eligible.get(0), "--analyzer-source", url);

            assertThat(run.exit()).as(url + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).contains("--analyzer-source").doesNotContain("s3cr3tpass");
            assertThat(run.out()).doesNotContain("s3cr3tpass");
        }
        assertThat(CliRun.of("trace", "start", "--endpoint-url", endpoint(), "--run", dir.resolve("run.json").toString(),
                "--instance-ids", eligible.get(0), "--analyzer-source", "git@github.com:aws/aws-imds-packet-analyzer.git")
                .exit()).isZero();
    }
}
