package io.imdsguard.cli;

import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imdsguard collect} in-process against the emulator: exit codes, messages, the written file. */
class CollectCommandTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @TempDir
    Path dir;

    static String instanceId;

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", "us-east-1");
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "us-east-1")) {
            String ami = ec2.describeImages(r -> { }).images().get(0).imageId();
            instanceId = ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).instanceType("t3.micro"))
                    .instances().get(0).instanceId();
        }
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private String endpoint() {
        return AWS.endpoint().toString();
    }

    @Test
    void quietCollectionPrintsNothingButWritesTheSnapshot() throws Exception {
        Path file = dir.resolve("quiet.json");
        CliRun run = run("collect", "--quiet", "--regions", "us-east-1", "--endpoint-url", endpoint(), "--output", file.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        assertThat(SnapshotIO.read(file).regions()).containsExactly("us-east-1");
    }

    @Test
    void completeCollectionExitsZeroAndWritesAReadableSnapshot() throws Exception {
        Path file = dir.resolve("snapshot.json");
        CliRun run = run("collect", "--regions", "us-east-1", "--endpoint-url", endpoint(), "--output", file.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .matches("imdsguard: collected 1 region, [0-9]+ resources \\(1 instances\\), [0-9]+ API calls, 0 gaps in [0-9.]+s");
        Snapshot snapshot = SnapshotIO.read(file);
        assertThat(snapshot.regions()).containsExactly("us-east-1");
        assertThat(snapshot.gaps()).isEmpty();
        assertThat(snapshot.regionInventories().get(0).instances()).extracting(i -> i.instanceId()).containsExactly(instanceId);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void endpointFromTheStandardSettingAppliesToEveryService() throws Exception {
        // aws.endpointUrl is the system-property twin of AWS_ENDPOINT_URL.
        System.setProperty("aws.endpointUrl", endpoint());
        try {
            Path file = dir.resolve("env.json");
            CliRun run = run("collect", "--regions", "us-east-1", "--output", file.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            assertThat(SnapshotIO.read(file).accountInventories()).singleElement()
                    .satisfies(a -> assertThat(a.account()).isEqualTo(AwsEmulator.ACCOUNT_ID));
        } finally {
            System.clearProperty("aws.endpointUrl");
        }
    }

    @Test
    void malformedStandardEndpointIsAUsageErrorThatHidesItsCredentials() {
        System.setProperty("aws.endpointUrl", "http://user:s3cret@bad host/");
        try {
            CliRun run = run("collect", "--regions", "us-east-1", "--verbose", "--output", dir.resolve("x.json").toString());
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("AWS_ENDPOINT_URL is not a valid URL").doesNotContain("s3cret");
        } finally {
            System.clearProperty("aws.endpointUrl");
        }
    }

    @Test
    void unknownRegionIsAUsageErrorNamingTheEnabledOnes() {
        Path file = dir.resolve("snapshot.json");
        CliRun run = run("collect", "--regions", "us-east-1,us-east-9", "--endpoint-url", endpoint(), "--output", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).singleElement().asString()
                .startsWith("imdsguard: unknown region 'us-east-9' (enabled: ").contains("us-east-1").contains("eu-west-1");
        assertThat(file).doesNotExist();
    }

    @Test
    void unreachableEndpointIsOneClearLineWithoutStackTrace() throws Exception {
        Path file = dir.resolve("snapshot.json");
        Files.writeString(file, "previous");
        CliRun run = run("collect", "--regions", "us-east-1", "--endpoint-url", "http://127.0.0.1:1", "--output", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("imdsguard: cannot reach AWS at http://127.0.0.1:1: Connection refused");
        assertThat(file).hasContent("previous");
    }

    @Test
    void credentialsInTheEndpointNeverReachTheMessages() {
        CliRun unreachable = run("collect", "--regions", "us-east-1", "--endpoint-url", "http://user:s3cret@127.0.0.1:1/?X-Token=t0ken",
                "--output", dir.resolve("s.json").toString());
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.err().strip())
                .isEqualTo("imdsguard: cannot reach AWS at http://127.0.0.1:1/: Connection refused");
        CliRun notHttp = run("collect", "--endpoint-url", "ftp://user:s3cret@proxy/", "--output", dir.resolve("s.json").toString());
        assertThat(notHttp.exit()).isEqualTo(2);
        assertThat(notHttp.err()).contains("got 'ftp://proxy/'");
        CliRun invalid = run("collect", "--endpoint-url", "http://user:s3cret@proxy/a b", "--output", dir.resolve("s.json").toString());
        assertThat(invalid.exit()).isEqualTo(2);
        assertThat(invalid.err()).contains("not a valid URL: 'http://proxy/a b'");
        assertThat(unreachable.err() + notHttp.err() + invalid.err()).doesNotContain("s3cret", "t0ken", "user");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = run("collect", "--verbose", "--endpoint-url", "http://127.0.0.1:1", "--output", dir.resolve("s.json").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("imdsguard: cannot reach AWS at http://127.0.0.1:1").contains("\tat ");
    }

    @Test
    void unwritableOutputFailsBeforeAnyAwsCall() {
        AWS.clearRecorded();
        CliRun missingDir = run("collect", "--endpoint-url", endpoint(), "--output", dir.resolve("no/such/dir/s.json").toString());
        assertThat(missingDir.exit()).isEqualTo(2);
        assertThat(missingDir.err().strip().lines()).singleElement().asString()
                .startsWith("imdsguard: cannot write ").endsWith("does not exist");
        CliRun isDirectory = run("collect", "--endpoint-url", endpoint(), "--output", dir.toString());
        assertThat(isDirectory.exit()).isEqualTo(2);
        assertThat(isDirectory.err().strip()).endsWith(": is a directory");
        assertThat(AWS.recordedCalls()).isEmpty();
    }

    @Test
    void missingOutputDirectoryFailsFastWithoutTouchingTheEndpoint() {
        // Nothing listens on port 9: an AWS call would fail with "cannot reach AWS", not with the path.
        Path file = dir.resolve("no/such/dir/x.json");
        CliRun run = run("collect", "--endpoint-url", "http://127.0.0.1:9", "-o", file.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("imdsguard: cannot write " + file + ": directory "
                + file.getParent() + " does not exist");
    }

    @Test
    void trailingSlashOutputIsRefusedBeforeAnyAwsCall() {
        AWS.clearRecorded();
        CliRun run = run("collect", "--endpoint-url", endpoint(), "-o", dir.resolve("newdir") + "/");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("newdir/").contains("--output needs a file name");
        assertThat(dir.resolve("newdir")).doesNotExist();
        assertThat(AWS.recordedCalls()).isEmpty();
    }

    @Test
    void dashWritesTheSnapshotToStdout() throws Exception {
        CliRun run = run("collect", "--regions", "us-east-1", "--endpoint-url", endpoint(), "-o", "-");
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        Snapshot snapshot = SnapshotIO.read(new java.io.ByteArrayInputStream(run.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)), "stdout");
        assertThat(snapshot.regions()).containsExactly("us-east-1");
        assertThat(Path.of("-")).as("no file named '-'").doesNotExist();
    }

    @Test
    void emptyRegionsAreAUsageErrorBeforeAnyAwsCall() {
        AWS.clearRecorded();
        CliRun unset = run("collect", "--regions", "", "--endpoint-url", endpoint(), "-o", dir.resolve("s.json").toString());
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err().strip())
                .isEqualTo("imdsguard: --regions: empty value (an unset variable?); name regions, comma-separated, or 'all'");
        CliRun strayComma = run("collect", "--regions", "us-east-1,,", "--endpoint-url", endpoint(), "-o", dir.resolve("s.json").toString());
        assertThat(strayComma.exit()).isEqualTo(2);
        assertThat(strayComma.err()).contains("empty region name in 'us-east-1,,'");
        assertThat(AWS.recordedCalls()).isEmpty();
        assertThat(dir.resolve("s.json")).doesNotExist();
    }

    @Test
    void malformedEndpointAndMissingOutputAreUsageErrors() {
        CliRun badUrl = run("collect", "--endpoint-url", "localhost:4566", "--output", dir.resolve("s.json").toString());
        assertThat(badUrl.exit()).isEqualTo(2);
        assertThat(badUrl.err()).contains("--endpoint-url must be an http(s) URL");
        CliRun noOutput = run("collect", "--endpoint-url", endpoint());
        assertThat(noOutput.exit()).isEqualTo(2);
        assertThat(noOutput.err()).contains("--output");
    }

    @Test
    void namedProfileSuppliesCredentials() throws Exception {
        Path credentials = dir.resolve("credentials");
        Files.writeString(credentials, "[audit]\naws_access_key_id = testing\naws_secret_access_key = testing\n");
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        System.setProperty("aws.configFile", dir.resolve("no-config").toString());
        try {
            CliRun audit = run("collect", "--regions", "us-east-1", "--profile", "audit", "--endpoint-url", endpoint(),
                    "--output", dir.resolve("audit.json").toString());
            assertThat(audit.exit()).as(audit.err()).isEqualTo(0);
            CliRun nobody = run("collect", "--regions", "us-east-1", "--profile", "nobody", "--endpoint-url", endpoint(),
                    "--output", dir.resolve("nobody.json").toString());
            assertThat(nobody.exit()).isEqualTo(2);
            assertThat(nobody.err().strip()).isEqualTo("imdsguard: AWS profile 'nobody' not found in "
                    + dir.resolve("no-config") + " or " + credentials);
            assertThat(dir.resolve("nobody.json")).doesNotExist();
        } finally {
            System.clearProperty("aws.sharedCredentialsFile");
            System.clearProperty("aws.configFile");
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
        }
    }

    @Test
    void helpShowsOptionsAndExamples() {
        CliRun run = run("collect", "--help");
        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("--regions", "--endpoint-url", "--profile", "--output", "Examples:",
                "imdsguard collect --regions us-east-1,eu-west-1", "comma-separated", "'-' is stdout");
    }
}
