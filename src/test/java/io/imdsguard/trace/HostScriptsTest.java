package io.imdsguard.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The host scripts as shipped, run with /bin/sh where that needs no root: start's plan, stop's clean-up. */
class HostScriptsTest {
    record Run(int exit, String out, String err) {
    }

    static Run sh(Path dir, String name, Map<String, String> env) throws IOException, InterruptedException {
        Path script = dir.resolve(name + ".sh");
        Files.writeString(script, HostScripts.text(name));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", "");
        Path err = Files.createTempFile(dir, "err", "");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String osRelease(String name) throws URISyntaxException {
        return Path.of(HostScriptsTest.class.getResource("/trace/os-release/" + name).toURI()).toString();
    }

    @Test
    void eachScriptIsShippedAsPosixShWithAHeaderSayingWhatItChanges() {
        for (String name : HostScripts.NAMES) {
            String text = HostScripts.text(name);
            assertThat(text).startsWith("#!/bin/sh\n# imdsguard trace: " + name + ".").contains("set -eu");
        }
        assertThat(HostScripts.text("start")).contains("RuntimeMaxSec").doesNotContain("activate-tracer-service.sh ");
        assertThatThrownBy(() -> HostScripts.text("../pom")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "amzn2,      installer=al2,  bcc-devel kernel-devel-",
        "amzn2023,   installer=dnf,  bcc-tools kernel-devel-",
        "rhel9,      installer=dnf,  bcc-tools kernel-devel-",
        "ubuntu2204, installer=apt,  bpfcc-tools python3-bpfcc linux-headers-"})
    void startDetectsTheOsAndPlansItsPackages(String os, String installer, String packages, @TempDir Path dir) throws Exception {
        Run run = sh(dir, "start", Map.of("IMDSGUARD_OS_RELEASE", osRelease(os), "IMDSGUARD_PLAN_ONLY", "1",
                "IMDSGUARD_RUN_ID", "run-7", "IMDSGUARD_TRACE_SECONDS", "7200"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("imdsguard start: plan: ").contains(installer).contains("packages=\"" + packages)
                .contains("unit=imdsguard-trace-run-7").contains("seconds=7200")
                .contains("@18f15c9393f00515443702a912ed6dd9605c09e1");
    }

    @ParameterizedTest
    @CsvSource({"sles15, unsupported OS: sles 15.5", "amzn1, unsupported OS: Amazon Linux 2018.03"})
    void startRefusesAnUnsupportedOsInOneLine(String os, String message, @TempDir Path dir) throws Exception {
        Run run = sh(dir, "start", Map.of("IMDSGUARD_OS_RELEASE", osRelease(os), "IMDSGUARD_PLAN_ONLY", "1",
                "IMDSGUARD_RUN_ID", "run-7", "IMDSGUARD_TRACE_SECONDS", "60"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("imdsguard start: " + message).hasLineCount(1);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"'run 7', 60, IMDSGUARD_RUN_ID", "'', 60, IMDSGUARD_RUN_ID", "run-7, 0, IMDSGUARD_TRACE_SECONDS",
        "run-7, 2h, IMDSGUARD_TRACE_SECONDS", "run-7, -5, IMDSGUARD_TRACE_SECONDS"})
    void startValidatesItsParameters(String runId, String seconds, String named, @TempDir Path dir) throws Exception {
        Run run = sh(dir, "start", Map.of("IMDSGUARD_OS_RELEASE", osRelease("amzn2023"), "IMDSGUARD_PLAN_ONLY", "1",
                "IMDSGUARD_RUN_ID", runId, "IMDSGUARD_TRACE_SECONDS", seconds));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains(named);
    }

    @ParameterizedTest
    @CsvSource({"--upload-pack=touch /tmp/owned", "file:///srv/analyzer.git", "ftp://mirror/analyzer.tar.gz"})
    void startTakesOnlyAnHttpOrGitUrlAsTheAnalyzerSource(String source, @TempDir Path dir) throws Exception {
        Run run = sh(dir, "start", Map.of("IMDSGUARD_OS_RELEASE", osRelease("amzn2023"), "IMDSGUARD_PLAN_ONLY", "1",
                "IMDSGUARD_RUN_ID", "run-7", "IMDSGUARD_TRACE_SECONDS", "60", "IMDSGUARD_ANALYZER_SOURCE", source));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("IMDSGUARD_ANALYZER_SOURCE").hasLineCount(1);
    }

    @Test
    void stopRemovesTheRunAndTheLogsItOwnsAndIsSafeTwice(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home/run-7/analyzer/src"));
        Files.writeString(dir.resolve("home/run-7/owns-logs"), "");
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("imds-trace.log"), "x\n");
        Files.writeString(logs.resolve("imds-trace.log.1"), "x\n");
        Map<String, String> env = Map.of("IMDSGUARD_RUN_ID", "run-7", "IMDSGUARD_HOME", dir.resolve("home").toString(),
                "IMDS_TRACE_LOG_DIR", logs.toString(), "IMDSGUARD_UNPRIVILEGED_TEST", "1", "PATH", "/usr/bin:/bin");

        Run first = sh(dir, "stop", env);
        Run second = sh(dir, "stop", env);

        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(home).doesNotExist();
        assertThat(dir.resolve("home")).doesNotExist();
        assertThat(logs).doesNotExist();
        assertThat(second.exit()).as(second.err()).isZero();
    }

    @Test
    void stopKeepsLogsThatWereThereBeforeTheRunAndOtherFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("home/run-7/analyzer"));
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(logs.resolve("imds-trace.log"), "x\n");
        Files.createDirectories(dir.resolve("home/run-8"));
        Files.writeString(dir.resolve("home/run-8/owns-logs"), "");
        Files.writeString(logs.resolve("other.txt"), "mine\n");

        Run kept = sh(dir, "stop", Map.of("IMDSGUARD_RUN_ID", "run-7", "IMDSGUARD_HOME", dir.resolve("home").toString(),
                "IMDS_TRACE_LOG_DIR", logs.toString(), "IMDSGUARD_UNPRIVILEGED_TEST", "1"));
        assertThat(kept.out()).contains("kept");
        assertThat(logs.resolve("imds-trace.log")).exists();

        Run owned = sh(dir, "stop", Map.of("IMDSGUARD_RUN_ID", "run-8", "IMDSGUARD_HOME", dir.resolve("home").toString(),
                "IMDS_TRACE_LOG_DIR", logs.toString(), "IMDSGUARD_UNPRIVILEGED_TEST", "1"));
        assertThat(owned.exit()).isZero();
        assertThat(logs.resolve("imds-trace.log")).doesNotExist();
        assertThat(logs.resolve("other.txt")).exists();
    }
}
