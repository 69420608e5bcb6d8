package io.imdsguard.trace.log;

import io.imdsguard.trace.HostScripts;
import io.imdsguard.trace.TraceSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.imdsguard.trace.log.TraceLogParserTest.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the real host collect script with /bin/sh on sample logs, unprivileged, and decodes what it prints. */
class CollectScriptTest {
    /** What SSM's GetCommandInvocation keeps of stdout. */
    private static final int SSM_LIMIT = 24_000;

    record Run(int exit, String out, String err) {
    }

    static Run collect(Path logDir, Map<String, String> extra) throws IOException, InterruptedException {
        Path script = logDir.getParent().resolve("collect-" + System.nanoTime() + ".sh");
        Files.writeString(script, HostScripts.text("collect"));
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", script.toString());
        pb.environment().put("IMDS_TRACE_LOG_DIR", logDir.toString());
        pb.environment().put("IMDSGUARD_RUN_ID", "test-run-1");
        pb.environment().put("IMDSGUARD_HOME", logDir.resolveSibling("no-home").toString());
        pb.environment().putAll(extra);
        Path out = logDir.getParent().resolve("out-" + System.nanoTime());
        Path err = logDir.getParent().resolve("err-" + System.nanoTime());
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("collect.sh finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err));
    }

    @Test
    void aRealisticLogFitsSsmsOutputCarriesNoTokenAndDecodesToTheSameSummary(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));
        RealisticLog.Written written = RealisticLog.write(logs);
        List<Path> files = written.files();
        long rawChars = 0;
        for (Path f : files) {
            rawChars += Files.size(f);
        }

        Run run = collect(logs, Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(rawChars).as("the raw log would not fit").isGreaterThan(10L * SSM_LIMIT);
        assertThat(run.out().length()).isLessThan(SSM_LIMIT);
        assertThat(run.out()).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 16));
        CollectedTrace decoded = CollectOutput.parse(run.out());
        TraceSummary direct = new TraceLogParser().parse(List.of(files.get(2), files.get(0), files.get(1)));
        assertThat(decoded.summary()).isEqualTo(direct);
        assertThat(decoded.complete()).isTrue();
        assertThat(decoded.tracerState()).isEqualTo("stopped");
        assertThat(direct.v1Callers()).hasSizeGreaterThanOrEqualTo(12);
        // Three lines a call, counted once; a run split by a second boundary or a noise line counts twice.
        assertThat(written.v1Calls()).isGreaterThan(200);
        assertThat(direct.v1Calls()).isBetween(written.v1Calls(), written.v1Calls() + 3);
        assertThat(direct.v2Calls()).isEqualTo(written.v2Calls());
        assertThat(direct.unparsed()).isEqualTo(1);
        assertThat(decoded.notes()).anyMatch(n -> n.contains("lost 4"));
    }

    @Test
    void everySampleShapeDecodesToWhatTheParserReadsFromTheFile(@TempDir Path tmp) throws Exception {
        for (String sample : List.of("analyzer-1.0.log", "analyzer-1.2.log", "analyzer-1.4.log", "analyzer-1.5.log")) {
            Path logs = Files.createDirectories(tmp.resolve(sample));
            Files.copy(TraceLogParserTest.sample(sample), logs.resolve("imds-trace.log"));

            Run run = collect(logs, Map.of());

            assertThat(run.out()).doesNotContain(TOKEN.substring(0, 16));
            assertThat(CollectOutput.parse(run.out()).summary()).as(sample)
                    .isEqualTo(new TraceLogParser().parse(List.of(logs.resolve("imds-trace.log"))));
        }
    }

    @Test
    void oddLinesSurviveTheRoundTripAsTheyWere(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));
        Files.writeString(logs.resolve("imds-trace.log"), String.join("\n",
                "[2026-03-02 10:01] [WARNING] imdsv1(!) (pid:1:a argv:a)",
                "[2026-03-02 10:01:02] [WARNING] imdsv1(!) (pid:1:a argv:a (pid:x) t=1 \\ %s) req details: get /p?t=" + TOKEN + " http/1.1",
                "[2026-03-02 10:01:02] [WARNING] imdsv1(!) (pid:1:a argv:a (pid:x) t=1 \\ %s) req details: get /p?t=" + TOKEN + " http/1.1",
                "\f", "t1 looks like a record", "#end lines=0", "- 1", "[2026-03-02 10:01:03,1,2] [WARNING] imdsv1(!) (pid:2:b argv:b)",
                "caf\u00e9 \u00fcber (pid:0007", "[2026-03-02 10:01:04,000] [WARNING] imdsv1(!) (pid:3:c argv:c) req details: ") + "\r\n");

        Run run = collect(logs, Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain(TOKEN.substring(0, 16));
        TraceSummary direct = new TraceLogParser().parse(List.of(logs.resolve("imds-trace.log")));
        assertThat(CollectOutput.parse(run.out()).summary()).isEqualTo(direct);
        assertThat(direct.unparsed()).isEqualTo(6);
        assertThat(direct.v1Callers()).extracting(c -> c.pid()).containsExactly(1, 3);
    }

    @Test
    void outputCutShortBySsmIsIncomplete(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));
        RealisticLog.write(logs);
        String out = collect(logs, Map.of()).out();

        CollectedTrace cut = CollectOutput.parse(out.substring(0, out.length() / 2));

        assertThat(cut.complete()).isFalse();
        assertThat(cut.summary().v1Calls()).isPositive()
                .isLessThan(CollectOutput.parse(out).summary().v1Calls());
        assertThat(cut.notes()).anyMatch(n -> n.contains("cut short"));
    }

    @Test
    void overTheBudgetTheScriptCutsCleanlyAndSaysSo(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));
        RealisticLog.write(logs);

        Run run = collect(logs, Map.of("IMDSGUARD_COLLECT_MAX_CHARS", "3000"));

        assertThat(run.out().length()).isLessThanOrEqualTo(3000);
        assertThat(run.out().strip()).containsPattern("#end cut lines=\\d+ of=\\d+$");
        CollectedTrace decoded = CollectOutput.parse(run.out());
        assertThat(decoded.complete()).isFalse();
        assertThat(decoded.summary().v1Callers()).isNotEmpty();
        assertThat(decoded.notes()).anyMatch(n -> n.contains("too long"));
    }

    @Test
    void oneHugeLineDoesNotCrowdOutTheRestOfTheLog(@TempDir Path tmp) throws Exception {
        // A JVM with a long classpath (tens of kilobytes of argv) is a typical IMDSv1 caller.
        String classpath = "/opt/app/lib/dependency-0000.jar:".repeat(1500);
        Path logs = Files.createDirectories(tmp.resolve("imds"));
        Files.writeString(logs.resolve("imds-trace.log"), String.join("\n",
                "[2026-03-02 10:01:00,100] [WARNING] IMDSv1(!) (pid:100:java argv:/usr/bin/java -cp " + classpath
                        + " com.example.Main) called by -> (pid:1:systemd argv:/sbin/init) Req details: GET /latest/meta-data/iam/info HTTP/1.1, Host: x",
                "\u0001".repeat(40_000),
                "[2026-03-02 10:01:01,100] [WARNING] IMDSv1(!) (pid:200:curl argv:curl http://169.254.169.254/) Req details: GET /latest/a HTTP/1.1",
                "[2026-03-02 10:01:02,100] [WARNING] IMDSv1(!) (pid:300:python3 argv:python3 agent.py) Req details: GET /latest/b HTTP/1.1")
                + "\n");

        Run run = collect(logs, Map.of());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().length()).isLessThan(SSM_LIMIT);
        CollectedTrace decoded = CollectOutput.parse(run.out());
        assertThat(decoded.complete()).as("every line represented").isTrue();
        assertThat(decoded.summary().v1Callers()).extracting(c -> c.pid()).containsExactly(100, 200, 300);
        assertThat(decoded.summary().v1Callers().get(0).displayName()).isEqualTo("/usr/bin/java");
        assertThat(decoded.summary().v1Callers().get(0).paths()).containsExactly("/latest/meta-data/iam/info");
        assertThat(decoded.summary().v1Callers().get(0).parents()).extracting(p -> p.comm()).containsExactly("systemd");
        assertThat(decoded.summary().unparsed()).isEqualTo(1);
    }

    @Test
    void noLogMeansAbsent(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));

        Run run = collect(logs, Map.of());

        CollectedTrace decoded = CollectOutput.parse(run.out());
        assertThat(decoded.tracerState()).isEqualTo("absent");
        assertThat(decoded.complete()).isTrue();
        assertThat(decoded.summary().v1Callers()).isEmpty();
        assertThat(decoded.notes()).anyMatch(n -> n.startsWith("no analyzer log in "));
    }

    @Test
    void aBadRunIdIsRefused(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("imds"));

        Run run = collect(logs, Map.of("IMDSGUARD_RUN_ID", "x; rm -rf /"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("IMDSGUARD_RUN_ID");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void somethingElseIsNotCollectOutput() {
        assertThatThrownBy(() -> CollectOutput.parse("[2026-03-02 10:00:00,000] [WARNING] imdsv1(!) (pid:1:a argv:a)\n"))
                .isInstanceOf(CollectFormatException.class).hasMessageContaining("header");
        assertThatThrownBy(() -> CollectOutput.parse("#imdsguard-trace-collect 1 tracer=running\n:10,000 9\n#end lines=1\n"))
                .isInstanceOf(CollectFormatException.class).hasMessageContaining("line 2");
    }
}
