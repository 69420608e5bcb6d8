package io.imdsguard.cli;

import io.imdsguard.collect.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The account, shard and concurrency options and their config keys: every mistake is exit 2 before any AWS call. */
class AccountOptionsTest {
    // Nothing listens here: a test that got past validation would fail to connect, not pass.
    private static final String DEAD = "http://127.0.0.1:9";

    @TempDir
    Path dir;

    private CliRun scan(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "scan";
        args[1] = "--endpoint-url";
        args[2] = DEAD;
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    @Test
    void badSelectionsAreUsageErrors() {
        assertThat(scan("--accounts", "12345", "--assume-role", "R").err())
                .contains("--accounts: not an AWS account id (12 digits): '12345'");
        assertThat(scan("--accounts", "111111111111,", "--assume-role", "R").err())
                .contains("--accounts: empty account id");
        assertThat(scan("--org").err())
                .contains("--org reads the member accounts through a role: give --assume-role");
        assertThat(scan("--org", "--accounts", "111111111111", "--assume-role", "R").err())
                .contains("cannot be combined");
        assertThat(scan("--external-id", "x").err()).contains("--external-id is sent when a role is assumed");
        assertThat(scan("--accounts", "111111111111", "--assume-role", "bad name").err())
                .contains("--assume-role: not an IAM role name: 'bad name'");
        assertThat(scan("--shard", "3/2").err()).contains("--shard: shard 3/2 does not exist: K/N needs 1 <= K <= N");
        assertThat(scan("--shard", "half").err()).contains("--shard: expected K/N such as 1/4");
        assertThat(scan("--concurrency", "0").err()).contains("--concurrency must be between 1 and 256, got 0");
        for (String[] args : new String[][]{{"--accounts", "12345"}, {"--shard", "0/2"}, {"--concurrency", "0"}}) {
            assertThat(scan(args).exit()).isEqualTo(2);
        }
    }

    @Test
    void snapshotScansRefuseAccountOptions() throws Exception {
        Path snapshot = Files.writeString(dir.resolve("s.json"), "{}");
        CliRun run = CliRun.of("scan", "--snapshot", snapshot.toString(), "--shard", "1/2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--shard cannot be combined with --snapshot");
    }

    @Test
    void badConfigValuesNameTheFileAndKey() throws Exception {
        Path account = Files.writeString(dir.resolve("a.yaml"), "accounts: [\"111111111111\", \"12\"]\n");
        Path concurrency = Files.writeString(dir.resolve("c.yaml"), "concurrency: 0\n");
        Path failOn = Files.writeString(dir.resolve("f.yaml"), "failOn: severe\n");
        Path format = Files.writeString(dir.resolve("fmt.yaml"), "formats: [json, pdf]\n");

        assertThat(scan("--config", account.toString()).err()).contains("a.yaml: accounts[1]: not an AWS account id");
        assertThat(scan("--config", concurrency.toString()).err())
                .contains("c.yaml: concurrency: must be between 1 and 256, got 0");
        Path tooMany = Files.writeString(dir.resolve("many.yaml"), "concurrency: 1000\n");
        assertThat(scan("--config", tooMany.toString()).err())
                .as("named by the file's key, not by a flag the user did not give")
                .contains("many.yaml: concurrency: must be between 1 and 256, got 1000");
        assertThat(scan("--config", failOn.toString()).err()).contains("f.yaml: failOn: unknown severity 'severe'");
        assertThat(scan("--config", format.toString()).err()).contains("fmt.yaml: formats[1]: unknown format 'pdf'");
        assertThat(scan("--config", format.toString()).exit()).isEqualTo(2);
    }

    @Test
    void aFlagOverridesItsConfigKey() throws Exception {
        Path config = Files.writeString(dir.resolve("o.yaml"), "org: true\nrole: ScanRole\n");
        // org: true from the file, and --accounts on the command line replaces it (no "cannot be combined").
        CliRun run = scan("--config", config.toString(), "--accounts", "12", "--quiet");
        assertThat(run.err()).contains("--accounts: not an AWS account id (12 digits): '12'");
    }

    @Test
    void shardsDealUnitsRoundRobin() {
        Shard second = Shard.parse(" 2 / 3 ");
        assertThat(second).isEqualTo(new Shard(2, 3));
        assertThat(second.owns(1)).isTrue();
        assertThat(second.owns(4)).isTrue();
        assertThat(second.owns(2)).isFalse();
        assertThat(second.toString()).isEqualTo("2/3");
        assertThatThrownBy(() -> new Shard(0, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
