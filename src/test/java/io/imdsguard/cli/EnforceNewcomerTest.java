package io.imdsguard.cli;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer trips over on the rollout of docs/enforcement.md: help that promises the wrong
 * default, an option that is silently ignored, lines that do not fit a terminal, advice that sends
 * them in a circle, a way back offered for a run that changed nothing, a crash that blocks the rollback.
 */
class EnforceNewcomerTest extends EnforceEmulatorTest {
    @Test
    void helpSaysWhereEachCommandLooksAndFitsOneHundredColumns() {
        String instances = CliRun.of("enforce", "instances", "--help").out();
        assertThat(instances.replaceAll("\\s+", " "))
                .contains("--regions=REGION[,REGION...] Regions to look in, comma-separated (repeatable), or 'all' "
                        + "(default: with --from-report, the report's regions; else the home region).")
                .doesNotContain("every region enabled");
        assertThat(CliRun.of("enforce", "rollback", "--help").out()).doesNotContain("--regions");
        assertThat(CliRun.of("enforce", "region-defaults", "--help").out().replaceAll("\\s+", " "))
                .contains("(default: every region enabled in the account)");

        String group = CliRun.of("enforce", "--help").out();
        assertThat(group.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100))
                .anySatisfy(l -> assertThat(l).contains("usage --instance-ids").endsWith("# what broke (rejected calls)"));
    }

    @Test
    void rollbackRefusesRegionsItWouldIgnore() throws Exception {
        Files.writeString(journal(), "");
        CliRun run = CliRun.of("enforce", "rollback", "--journal", journal().toString(), "--regions", "eu-west-1");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("imdsguard: --regions has no use here: the journal names each target's region"
                + System.lineSeparator());
    }

    @Test
    void allRegionsAreCountedInThePlansFirstLineNotListed() {
        String id = fleet.launch(EAST, InstanceSpec.in(fleet.subnet(EAST)).name("c").tag("newcomer", "all")
                .metadata(ImdsOptions.v1Allowed()));

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--tag", "newcomer=all", "--regions", "all",
                "--journal", journal().toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        String first = run.out().lines().findFirst().orElseThrow();
        assertThat(first).matches("Enforce IMDSv2 in account " + AwsEmulator.ACCOUNT_ID
                + ", \\d+ regions: 1 to change of 1 target");
        assertThat(first.length()).isLessThanOrEqualTo(100);
        assertThat(run.out()).contains(id);
    }

    @Test
    void withEvidenceGivenTheReminderDoesNotAskForIt() throws Exception {
        String id = fleet.launch(EAST, "unknown", ImdsOptions.v1Allowed());
        Path evidence = Files.createDirectories(dir.resolve("evidence"));

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--evidence", evidence.toString(), "--journal", journal().toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("* no evidence of IMDSv1 use for 1 instance in " + evidence
                        + " (no trace, no CloudWatch data): run 'imdsguard usage --output DIR' or 'imdsguard trace start' "
                        + "on it first.")
                .doesNotContain("then pass --evidence");
        CliRun without = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", journal().toString());
        assertThat(without.out()).contains("no evidence of IMDSv1 use for 1 instance: see who still calls it with "
                + "'imdsguard usage --output DIR' and 'imdsguard trace start', then pass --evidence DIR.");
    }

    @Test
    void aYesRunThatChangesNothingOffersNoRollbackOfEarlierRuns() throws Exception {
        String id = fleet.launch(EAST, "once", ImdsOptions.v1Allowed());
        CliRun first = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", journal().toString(), "--yes");
        assertThat(first.out()).contains("Undo with: imdsguard enforce rollback --journal " + journal() + " --yes");

        CliRun again = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(again.exit()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("1 already compliant").contains("Nothing was changed, so nothing was journaled.")
                .doesNotContain("Undo with");
        Path fresh = dir.resolve("fresh.jsonl");
        CliRun none = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", fresh.toString(), "--yes");
        assertThat(none.out()).doesNotContain("Undo with").doesNotContain("Journal: ");
        assertThat(fresh).doesNotExist();
    }

    @Test
    void aJournalCutInsideALineStillRollsBackAfterARerun() throws Exception {
        String id = fleet.launch(EAST, "crash", EnforceFixture.UNUSUAL);
        CliRun enforced = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", journal().toString(), "--yes");
        assertThat(enforced.exit()).as(enforced.out() + enforced.err()).isZero();
        // Killed while writing the after line: it stops inside its state object, after a comma.
        List<String> lines = Files.readAllLines(journal());
        String after = lines.get(1);
        String cut = after.substring(0, after.indexOf("\"httpPutResponseHopLimit\""));
        assertThat(cut).endsWith(",");
        Files.writeString(journal(), lines.get(0) + "\n" + cut);

        CliRun rerun = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--regions", EAST,
                "--journal", journal().toString(), "--yes");
        assertThat(rerun.out()).contains("Recovered 1 change cut short");
        CliRun back = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");

        assertThat(back.exit()).as(back.out() + back.err()).isZero();
        assertThat(back.err()).contains(journal() + ":2: line cut short");
        assertThat(back.out()).contains("1 restored");
        assertThat(EnforceFixture.of(fleet.options(EAST, id))).isEqualTo(EnforceFixture.UNUSUAL);
    }
}
