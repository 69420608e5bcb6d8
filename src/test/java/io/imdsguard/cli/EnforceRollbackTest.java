package io.imdsguard.cli;

import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.ImdsOptions;
import org.junit.jupiter.api.Test;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enforce rollback} against the emulator: the before-state comes back exactly, a dry run first,
 * a journal cut short by a crash is handled by rollback and by a rerun of enforce, other accounts' lines are refused.
 */
class EnforceRollbackTest extends EnforceEmulatorTest {
    private static MetadataSettings settings(ImdsOptions o) {
        return new MetadataSettings(o.httpTokens(), o.httpEndpoint(), o.hopLimit(), o.httpProtocolIpv6(),
                o.instanceMetadataTags(), MetadataSettings.APPLIED);
    }

    @Test
    void rollbackRestoresTheBeforeStateExactlyAndIsItselfJournaled() throws Exception {
        String a = fleet.launch(EAST, "a", EnforceFixture.UNUSUAL);
        ImdsOptions offBefore = new ImdsOptions("optional", 2, "disabled", "enabled", "disabled");
        String b = fleet.launch(EAST, "b", offBefore);
        CliRun enforced = EnforceFixture.enforce(AWS, "instances", "--instance-ids", a + "," + b, "--regions", EAST,
                "--journal", journal().toString(), "--yes");
        assertThat(enforced.exit()).as(enforced.out() + enforced.err()).isEqualTo(0);
        assertThat(fleet.options(EAST, a).httpTokensAsString()).isEqualTo("required");

        // The dry run (its DryRun calls are answered by the harness; moto alone would apply them).
        CliRun plan = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString());
        assertThat(plan.out()).contains("Roll back 2 changes").contains("Nothing changed. Apply with:");

        // Someone raised a's hop limit after enforcement: the rollback restores over it, and says so.
        fleet.set(EAST, a, new ImdsOptions("required", 4, "enabled", "enabled", "enabled"));
        AWS.clearRecorded();
        CliRun run = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(EnforceFixture.of(fleet.options(EAST, a))).isEqualTo(EnforceFixture.UNUSUAL);
        assertThat(EnforceFixture.of(fleet.options(EAST, b))).isEqualTo(offBefore);
        assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataOptions")).hasSize(2)
                .allSatisfy(p -> assertThat(p).containsKeys("HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit",
                        "HttpProtocolIpv6", "InstanceMetadataTags").doesNotContainEntry("DryRun", "true"));
        assertThat(run.out()).contains("2 restored")
                .contains(a + ": changed since enforcement (now tokens required, endpoint enabled, hop limit 4")
                .doesNotContain(b + ": changed since");

        JournalFile after = JournalFile.read(journal(), false);
        assertThat(after.toUndo()).isEmpty();
        List<JournalChange> rollbacks = after.changes().stream().filter(JournalChange::isRollback).toList();
        assertThat(rollbacks).hasSize(2).allSatisfy(c -> assertThat(c.after().result()).isEqualTo(JournalLine.Result.RESTORED));
        CliRun again = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");
        assertThat(again.exit()).isEqualTo(0);
        assertThat(again.out()).contains("Nothing to roll back");
    }

    @Test
    void runSelectsWhichRunsOfASharedJournalAreUndone() throws Exception {
        String canary = fleet.launch(EAST, "canary", ImdsOptions.v1Allowed());
        String rest = fleet.launch(EAST, "rest", ImdsOptions.v1Allowed());
        assertThat(EnforceFixture.enforce(AWS, "instances", "--instance-ids", canary, "--regions", EAST,
                "--journal", journal().toString(), "--yes").exit()).isEqualTo(0);
        assertThat(EnforceFixture.enforce(AWS, "instances", "--instance-ids", rest, "--regions", EAST,
                "--journal", journal().toString(), "--yes").exit()).isEqualTo(0);
        List<String> runs = JournalFile.read(journal(), false).runs();
        assertThat(runs).hasSize(2);

        CliRun typo = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--run", "enforce-nope");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err()).contains("--run enforce-nope: no such enforcement run in").contains(runs.get(0))
                .contains(runs.get(1));

        CliRun second = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--run", runs.get(1),
                "--yes");
        assertThat(second.exit()).as(second.out() + second.err()).isEqualTo(0);
        assertThat(fleet.options(EAST, rest).httpTokensAsString()).isEqualTo("optional");
        assertThat(fleet.options(EAST, canary).httpTokensAsString()).isEqualTo("required");
        assertThat(JournalFile.read(journal(), false).toUndo()).extracting(c -> c.before().target())
                .containsExactly(canary);
    }

    @Test
    void aTargetAlreadyInItsBeforeStateGetsNoCallButItsRollbackIsJournaled() throws Exception {
        String a = fleet.launch(EAST, "a", ImdsOptions.v1Allowed());
        assertThat(EnforceFixture.enforce(AWS, "instances", "--instance-ids", a, "--regions", EAST,
                "--journal", journal().toString(), "--yes").exit()).isEqualTo(0);
        fleet.set(EAST, a, ImdsOptions.v1Allowed());
        AWS.clearRecorded();

        CliRun run = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("already restored");
        assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataOptions")).isEmpty();
        assertThat(JournalFile.read(journal(), false).toUndo()).isEmpty();
    }

    /** A crash after two before lines: a's change reached AWS, b's did not; perhaps a third line was cut mid-write. */
    private void crashedJournal(String a, String b, boolean lastLineCut) throws Exception {
        Instant at = Instant.now();
        try (JournalWriter w = JournalWriter.open(journal())) {
            w.write(JournalLine.before("enforce-crashed", JournalLine.INSTANCE, List.of(), AwsEmulator.ACCOUNT_ID, EAST, a,
                    "a", at, settings(EnforceFixture.UNUSUAL)));
            w.write(JournalLine.before("enforce-crashed", JournalLine.INSTANCE, List.of(), AwsEmulator.ACCOUNT_ID, EAST, b,
                    "b", at, settings(ImdsOptions.v1Allowed())));
        }
        if (lastLineCut) {
            Files.writeString(journal(), "{\"schemaVersion\":1,\"run\":\"enforce-crashed\",\"cha", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        }
        fleet.set(EAST, a, new ImdsOptions("required", 3, "enabled", "enabled", "enabled"));
    }

    @Test
    void aJournalCutShortAfterABeforeLineIsRolledBack() throws Exception {
        String a = fleet.launch(EAST, "a", EnforceFixture.UNUSUAL);
        String b = fleet.launch(EAST, "b", ImdsOptions.v1Allowed());
        crashedJournal(a, b, true);

        CliRun run = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.err()).contains("last line cut short");
        assertThat(EnforceFixture.of(fleet.options(EAST, a))).isEqualTo(EnforceFixture.UNUSUAL);
        assertThat(EnforceFixture.of(fleet.options(EAST, b))).isEqualTo(ImdsOptions.v1Allowed());
        assertThat(run.out()).contains("1 restored").contains("1 already restored");
        // The cut line now has lines after it and is still set aside: the journal reads, with nothing left to undo.
        JournalFile after = JournalFile.read(journal(), false);
        assertThat(after.warnings()).singleElement().asString().contains("cut short");
        assertThat(after.toUndo()).isEmpty();
    }

    @Test
    void aRerunOfEnforceRecordsHowCutShortChangesEndedThenCompletesCleanly() throws Exception {
        String a = fleet.launch(EAST, "a", EnforceFixture.UNUSUAL);
        String b = fleet.launch(EAST, "b", ImdsOptions.v1Allowed());
        crashedJournal(a, b, false);

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", a + "," + b, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("Recovered 2 changes cut short in " + journal()
                + ": 1 had taken effect, 1 had not taken effect.").contains("1 already compliant").contains("1 changed");
        JournalFile after = JournalFile.read(journal(), false);
        assertThat(after.cutShort()).isEmpty();
        assertThat(after.changes().stream().filter(c -> c.before().run().equals("enforce-crashed")))
                .extracting(c -> c.after().result())
                .containsExactly(JournalLine.Result.CHANGED, JournalLine.Result.FAILED);

        CliRun back = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");
        assertThat(back.exit()).as(back.out() + back.err()).isEqualTo(0);
        assertThat(EnforceFixture.of(fleet.options(EAST, a))).isEqualTo(EnforceFixture.UNUSUAL);
        assertThat(EnforceFixture.of(fleet.options(EAST, b))).isEqualTo(ImdsOptions.v1Allowed());
    }

    @Test
    void linesOfAnotherAccountAreRefusedAndAMalformedJournalIsAUsageError() throws Exception {
        try (JournalWriter w = JournalWriter.open(journal())) {
            JournalLine before = JournalLine.before("enforce-x", JournalLine.INSTANCE, List.of(), "999999999999", EAST,
                    "i-0bbbbbbbbbbbbbbb1", null, Instant.now(), settings(ImdsOptions.v1Allowed()));
            w.write(before);
            w.write(before.after(Instant.now(), settings(ImdsOptions.v2Required()), JournalLine.Result.CHANGED, null));
        }
        AWS.clearRecorded();
        CliRun run = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");
        assertThat(run.exit()).isEqualTo(3);
        assertThat(run.out()).contains("journal is for account 999999999999; these credentials are for "
                + AwsEmulator.ACCOUNT_ID);
        assertThat(AWS.recordedCalls()).noneMatch(c -> c.isMutating());

        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"schemaVersion\": 2}\n");
        CliRun malformed = EnforceFixture.enforce(AWS, "rollback", "--journal", bad.toString());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).contains(bad + ":1");
        assertThat(EnforceFixture.enforce(AWS, "rollback", "--journal", dir.resolve("none.jsonl").toString()).exit())
                .isEqualTo(2);
    }

    /**
     * Another run still writing the journal: its open change is not cut short but under way, so a second
     * run must not close it (its own AFTER line would follow, a second one, and the journal would no longer
     * read) nor undo it. Both commands refuse before any change.
     */
    @Test
    void aJournalAnotherRunIsWritingIsRefusedBeforeAnyChange() throws Exception {
        String a = fleet.launch(EAST, "a", EnforceFixture.UNUSUAL);
        String b = fleet.launch(EAST, "b", ImdsOptions.v1Allowed());
        crashedJournal(a, b, false);
        byte[] before = Files.readAllBytes(journal());
        AWS.clearRecorded();

        CliRun enforce;
        CliRun rollback;
        try (FileChannel other = FileChannel.open(journal(), StandardOpenOption.WRITE); FileLock held = other.lock()) {
            enforce = EnforceFixture.enforce(AWS, "instances", "--instance-ids", a + "," + b, "--regions", EAST,
                    "--journal", journal().toString(), "--yes");
            rollback = EnforceFixture.enforce(AWS, "rollback", "--journal", journal().toString(), "--yes");
        }

        for (CliRun run : List.of(enforce, rollback)) {
            assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
            assertThat(run.err()).contains(journal() + " is in use by another imdsguard run");
        }
        assertThat(Files.readAllBytes(journal())).isEqualTo(before);
        assertThat(AWS.recordedCalls()).noneMatch(c -> c.isMutating());
        assertThat(fleet.options(EAST, b).httpTokensAsString()).isEqualTo("optional");
    }
}
