package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate on a live scan against the emulator: tags for {@code tag:} suppressions come from what EC2
 * answered (not from a snapshot written by hand), and a baseline of last night's live scan tells the
 * instance launched since as the one new finding.
 */
class ScanGateEmulatorTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static String ami;
    private static String payments;
    private static String search;

    @TempDir
    Path dir;

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", "us-east-1");
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "us-east-1")) {
            ami = ec2.describeImages(r -> { }).images().get(0).imageId();
            payments = launch(ec2, "payments");
            search = launch(ec2, "search");
        }
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    /** An instance answering IMDSv1 (EC2's default), tagged with its team. */
    private static String launch(Ec2Client ec2, String team) {
        return ec2.runInstances(r -> r.imageId(ami).minCount(1).maxCount(1).instanceType("t3.micro")
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("Team").value(team).build()).build()))
                .instances().get(0).instanceId();
    }

    private JsonNode scan(String report, String... more) throws Exception {
        Path out = dir.resolve(report);
        List<String> args = new java.util.ArrayList<>(List.of("scan", "--regions", "us-east-1", "--endpoint-url",
                AWS.endpoint().toString(), "-q", "-f", "json", "-o", out.toString()));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        // Every scan here passes --fail-on none: anything but 0 is a gap or an error.
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        return GateFixture.read(out);
    }

    private static List<String> suppressedIds(JsonNode report) {
        return GateFixture.suppressed(report).stream().map(s -> s.substring(s.indexOf(' ') + 1)).distinct().toList();
    }

    @Test
    void aTagEntrySuppressesTheTaggedInstancesFindingsOnly() throws Exception {
        Path file = dir.resolve("s.yaml");
        java.nio.file.Files.writeString(file, "suppressions:\n  - tag: Team=payments\n    reason: payments migrates"
                + " in Q2\n");
        JsonNode report = scan("r.json", "--suppressions", file.toString(), "--fail-on", "none");
        assertThat(suppressedIds(report)).containsExactly(payments);
        assertThat(GateFixture.byFinding(report, "/resource/id").values()).as("the other team's findings stay")
                .contains(search);
    }

    @Test
    void aBaselineOfTheLastLiveScanMakesOnlyTheNewInstanceNew() throws Exception {
        Path lastNight = dir.resolve("last-night.json");
        scan("last-night.json", "--fail-on", "none");
        String newcomer;
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "us-east-1")) {
            newcomer = launch(ec2, "newcomer");
        }
        try {
            JsonNode tonight = scan("tonight.json", "--baseline", lastNight.toString(), "--fail-on", "none");
            GateFixture.byFinding(tonight, "/status").forEach((finding, status) ->
                    assertThat(status).as(finding).isEqualTo(finding.endsWith(newcomer) ? "new" : "existing"));
            assertThat(GateFixture.byFinding(tonight, "/status").keySet()).anyMatch(k -> k.endsWith(newcomer));
            assertThat(tonight.get("resolved")).isEmpty();
        } finally {
            try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "us-east-1")) {
                ec2.terminateInstances(r -> r.instanceIds(newcomer));
            }
        }
    }
}
