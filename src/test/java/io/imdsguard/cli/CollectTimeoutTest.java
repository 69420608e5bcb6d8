package io.imdsguard.cli;

import io.imdsguard.testing.SilentEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An endpoint that takes the connection and never answers: the run ends after the timeout (and its
 * retries), not after minutes, with one line that says what was waited for.
 */
class CollectTimeoutTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void silentEndpointEndsWithinTheTimeoutNamingWhatWasWaitedFor() throws Exception {
        try (SilentEndpoint server = new SilentEndpoint()) {
            String endpoint = server.uri().toString();
            Path out = dir.resolve("snapshot.json");
            long started = System.nanoTime();

            CliRun run = CliRun.of("collect", "--endpoint-url", endpoint, "--region", "us-east-1",
                    "--regions", "us-east-1", "--timeout", "2s", "-o", out.toString());

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
            assertThat(run.err().strip()).isEqualTo("imdsguard: sts GetCallerIdentity in us-east-1: no answer from "
                    + endpoint + " within 2s");
            // Three attempts of 2s and their back-off; without a timeout this took 92s. Generous against slow machines.
            assertThat(took).isLessThan(Duration.ofSeconds(45));
            assertThat(server.accepted()).isPositive();
            assertThat(out).doesNotExist();
        }
    }

    @ParameterizedTest
    @CsvSource({"30s, 30000", "2m, 120000", "45, 45000", "500ms, 500", "' 10 S ', 10000", "1h, 3600000"})
    void timeoutTakesSecondsMinutesOrPlainSeconds(String text, long millis) {
        assertThat(AwsOptions.duration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"0", "soon", "-5s", "1.5s"})
    void aTimeoutThatIsNotAPositiveDurationIsAUsageError(String text) {
        CliRun run = CliRun.of("collect", "--timeout", text, "-o", dir.resolve("s.json").toString());
        assertThat(run.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(run.err().strip()).startsWith("imdsguard: --timeout must be").contains(text).doesNotContain("\n");
    }
}
