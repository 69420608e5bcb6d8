package io.imdsguard.cli;

import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.testing.ImdsOptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enforce instances} when AWS refuses: the dry run shows UnauthorizedOperation, --max-errors stops
 * new changes, throttling is retried. Faults last until the class's emulator reset, so each test uses its own region.
 */
class EnforceFaultsTest extends EnforceEmulatorTest {
    @Test
    void unauthorizedInTheDryRunIsShownAndExits3() {
        String region = "us-west-2";
        String id = fleet.launch(region, "denied", ImdsOptions.v1Allowed());
        AWS.failOperation("ec2", "ModifyInstanceMetadataOptions", region, 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", region);

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains(id + ": not permitted: UnauthorizedOperation: You are not authorized")
                .contains("1 not permitted")
                .contains("Nothing changed, and --yes would change nothing: these credentials may not make the change")
                .doesNotContain("Apply with");
        assertThat(fleet.options(region, id).httpTokensAsString()).isEqualTo("optional");
    }

    @Test
    void maxErrorsStopsNewChangesAndTheRestAreNotAttempted() throws Exception {
        String failing = "eu-west-1";
        String fine = "eu-central-1";
        List<String> west = List.of(fleet.launch(failing, "w1", ImdsOptions.v1Allowed()),
                fleet.launch(failing, "w2", ImdsOptions.v1Allowed()), fleet.launch(failing, "w3", ImdsOptions.v1Allowed()));
        String central = fleet.launch(fine, "c1", ImdsOptions.v1Allowed());
        AWS.failOperation("ec2", "ModifyInstanceMetadataOptions", failing, 400, "InvalidParameterValue", "nope");
        Path journal = dir.resolve("j.jsonl");

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", String.join(",", west) + "," + central,
                "--regions", failing + "," + fine, "--max-errors", "2", "--concurrency", "1", "--journal",
                journal.toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("2 failed").contains("2 not attempted")
                .contains(west.get(0) + ": InvalidParameterValue: nope").contains("--max-errors 2 reached");
        assertThat(fleet.options(fine, central).httpTokensAsString()).isEqualTo("optional");
        JournalFile written = JournalFile.read(journal, false);
        assertThat(written.changes()).hasSize(2).allSatisfy(c -> {
            assertThat(c.after().result()).isEqualTo(JournalLine.Result.FAILED);
            assertThat(c.after().error()).isEqualTo("InvalidParameterValue: nope");
        });
        assertThat(written.toUndo()).as("a failed change has nothing to undo").isEmpty();
    }

    @Test
    void throttlingIsRetriedAndTheChangesGoThrough() {
        String region = "ap-southeast-2";
        String a = fleet.launch(region, "t1", ImdsOptions.v1Allowed());
        String b = fleet.launch(region, "t2", ImdsOptions.v1Allowed());
        AWS.throttle("ec2", "ModifyInstanceMetadataOptions", 2);

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", a + "," + b, "--regions", region,
                "--journal", dir.resolve("j.jsonl").toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(fleet.options(region, a).httpTokensAsString()).isEqualTo("required");
        assertThat(fleet.options(region, b).httpTokensAsString()).isEqualTo("required");
    }
}
