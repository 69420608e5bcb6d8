package io.imdsguard.trace.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.trace.ProcessRef;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TraceLogParserTest {
    static final String TOKEN = "AQAEAN2Tw3oWq21W6D3AkC5KA6zMf43zRt6voF04K-2I-jLxiu1E-A==";

    static Path sample(String name) {
        try {
            return Path.of(TraceLogParserTest.class.getResource("/trace/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TraceSummary parse(String name) throws Exception {
        return new TraceLogParser().parse(List.of(sample(name)));
    }

    private static V1Caller caller(TraceSummary s, int pid) {
        return s.v1Callers().stream().filter(c -> c.pid() == pid).findFirst().orElseThrow();
    }

    @Test
    void release10MixedCaseIsoTimesNoRequestDetailsEachLineACall() throws Exception {
        TraceSummary s = parse("analyzer-1.0.log");

        assertThat(s.v1Callers()).extracting(V1Caller::pid).containsExactly(1845, 2001);
        V1Caller aws = caller(s, 1845);
        assertThat(aws.comm()).isEqualTo("aws");
        assertThat(aws.argv()).isEqualTo("/usr/bin/python3 /usr/bin/aws ec2 describe-tags --region eu-west-1");
        assertThat(aws.parents()).containsExactly(new ProcessRef(1840, "bash", "/bin/bash /usr/local/bin/tag-sync.sh"),
                new ProcessRef(1203, "crond", "/usr/sbin/crond -n"),
                new ProcessRef(1203, "systemd", "/usr/lib/systemd/systemd --switched-root --system --deserialize 22"));
        // 1.0 attached one probe: two lines in one second are two calls (most bursts are one line).
        assertThat(aws.calls()).isEqualTo(3);
        assertThat(aws.paths()).isEmpty();
        assertThat(aws.firstSeen()).isEqualTo("2026-03-02T10:01:10.000");
        assertThat(aws.lastSeen()).isEqualTo("2026-03-02T10:02:40.000");
        V1Caller gone = caller(s, 2001);
        assertThat(gone.comm()).isNull();
        assertThat(gone.argv()).isNull();
        assertThat(gone.missingPayload()).isTrue();
        assertThat(gone.parents()).containsExactly(new ProcessRef(1203, "crond", "/usr/sbin/crond -n"));
        assertThat(s.v2Calls()).isEqualTo(1);
        assertThat(s.unparsed()).isZero();
    }

    @Test
    void release12RequestDetailsGiveThePathWithoutQuery() throws Exception {
        TraceSummary s = parse("analyzer-1.2.log");

        V1Caller agent = caller(s, 2290);
        assertThat(agent.calls()).isEqualTo(2);
        assertThat(agent.paths()).containsExactly("/latest/meta-data/iam/security-credentials/",
                "/latest/meta-data/iam/security-credentials/legacy-role");
        assertThat(agent.firstSeen()).isEqualTo("2026-03-02T10:01:10.500");
        assertThat(agent.lastSeen()).isEqualTo("2026-03-02T10:01:10.512");
        assertThat(caller(s, 3300).missingPayload()).isTrue();
        assertThat(caller(s, 3300).paths()).isEmpty();
        assertThat(s.v2Calls()).isEqualTo(1);
        assertThat(s.unparsed()).isZero();
    }

    @Test
    void aTokenInTheLogReachesNeitherTheSummaryNorTheNotes() throws Exception {
        Path log = sample("analyzer-1.2.log");
        assertThat(Files.readString(log)).contains(TOKEN);

        TraceLogParser.Result result = new TraceLogParser().parseWithNotes(List.of(log));
        String json = new ObjectMapper().writeValueAsString(result.summary());

        assertThat(json).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(0, 20));
        assertThat(String.join("\n", result.notes())).doesNotContain(TOKEN.substring(0, 20));
        assertThat(caller(result.summary(), 3100).argv()).isEqualTo("curl -s -H x-aws-ec2-metadata-token: **redacted**");
        assertThat(caller(result.summary(), 3100).parents().get(0).argv())
                .isEqualTo("sh -c curl -s -H x-aws-ec2-metadata-token: **redacted**");
        assertThat(caller(result.summary(), 3200).argv()).isEqualTo("/usr/local/bin/legacy-agent --token **redacted**");
    }

    @Test
    void release14LowerCaseTripledLinesCountOnceArgvWithParenthesesAndArrows() throws Exception {
        TraceLogParser.Result result = new TraceLogParser().parseWithNotes(List.of(sample("analyzer-1.4.log")));
        TraceSummary s = result.summary();

        V1Caller java = caller(s, 4242);
        assertThat(java.argv()).isEqualTo("java -cp /opt/app/lib/* -dapp.mode=(legacy) com.example.main --route (a) -> (b)");
        assertThat(java.parents()).containsExactly(
                new ProcessRef(4200, "sh", "/bin/sh -c exec java -cp /opt/app/lib/* com.example.main"),
                new ProcessRef(1, "systemd", "/sbin/init"));
        assertThat(java.calls()).isEqualTo(3);
        assertThat(java.paths()).containsExactly("/latest/meta-data/iam/security-credentials/",
                "/latest/meta-data/iam/security-credentials/app-role");
        assertThat(java.missingPayload()).isTrue();
        assertThat(java.firstSeen()).isEqualTo("2026-03-02T11:00:00.101");
        assertThat(java.lastSeen()).isEqualTo("2026-03-02T11:00:05.300");
        V1Caller exited = caller(s, 4300);
        assertThat(exited.comm()).isNull();
        assertThat(exited.calls()).isEqualTo(1);
        assertThat(result.notes()).contains("the analyzer logged each call 3 times (one per kernel probe); each is counted once");
    }

    @Test
    void release15StartupLinesV2LinesLostSamplesAndUnreadableLines() throws Exception {
        TraceLogParser.Result result = new TraceLogParser().parseWithNotes(List.of(sample("analyzer-1.5.log")));
        TraceSummary s = result.summary();

        // Two of four probes attached: two lines a call.
        assertThat(s.v2Calls()).isEqualTo(2);
        assertThat(s.v1Callers()).extracting(V1Caller::pid).containsExactly(5200, 5300);
        assertThat(caller(s, 5200).calls()).isEqualTo(1);
        assertThat(caller(s, 5200).parents()).hasSize(3);
        assertThat(caller(s, 5300).calls()).isEqualTo(1);
        assertThat(s.unparsed()).isEqualTo(2);
        assertThat(result.notes()).anyMatch(n -> n.contains("lost 7"));
    }

    @Test
    void rotatedFilesAreReadOldestFirstWhateverTheOrderGiven(@TempDir Path dir) throws Exception {
        String line = "[2026-03-02 1%d:00:00,000] [WARNING] imdsv1(!) (pid:7:agent argv:agent) req details: get /latest/%s http/1.1";
        Files.writeString(dir.resolve("imds-trace.log.2"), line.formatted(0, "oldest") + "\n");
        Files.writeString(dir.resolve("imds-trace.log.1"), line.formatted(1, "middle") + "\n");
        Files.writeString(dir.resolve("imds-trace.log"), line.formatted(2, "newest") + "\n");

        TraceSummary s = new TraceLogParser().parse(List.of(dir.resolve("imds-trace.log"),
                dir.resolve("imds-trace.log.2"), dir.resolve("imds-trace.log.1")));

        assertThat(s.v1Callers().get(0).paths()).containsExactly("/latest/oldest", "/latest/middle", "/latest/newest");
        assertThat(s.v1Callers().get(0).firstSeen()).isEqualTo("2026-03-02T10:00:00.000");
    }

    @Test
    void garbageIsCountedNeverFatal() throws Exception {
        TraceSummary s = new TraceLogParser().parse("x", new StringReader(
                "\u0000\u00ff binary\n[2026-03-02 10:00:00,000] [WARNING] imdsv1(!) (pid:abc:x argv:y)\n\n"
                        + "[2026-03-02 10:00:00,000] [WARNING] imdsv1(!) (pid:99999999999:x argv:y)\n"
                        + "[2026-03-02 10:00:00,000] [WARNING] something else\n"));
        assertThat(s.v1Callers()).isEmpty();
        assertThat(s.unparsed()).isEqualTo(4);
    }

    @Test
    void aRunAcrossASecondIsTwoBurstsAndRepeatsBeyondKAreMoreCalls() throws Exception {
        String l = "[2026-03-02 10:00:%s] [WARNING] imdsv1(!) (pid:7:agent argv:agent) req details: get /a http/1.1\n";
        // k = 2 (most bursts are two lines); a burst of five lines is three calls.
        String v2 = "[2026-03-02 10:00:0%d,500] [INFO] imdsv2 (pid:8:x argv:x)\n";
        String text = l.formatted("01,000").repeat(2) + v2.formatted(1).repeat(2)
                + l.formatted("03,000").repeat(2) + v2.formatted(3).repeat(2)
                + l.formatted("05,000").repeat(5);
        TraceSummary s = new TraceLogParser().parse("x", new StringReader(text));
        assertThat(s.v1Callers().get(0).calls()).isEqualTo(1 + 1 + 3);
        assertThat(s.v2Calls()).isEqualTo(2);
    }
}
