package io.imdsguard.cli;

import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.evidence.MetadataNoTokenCounts;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.MetricsFleet;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enforce instances} in-process against the emulator: what a dry run and --yes send, what they
 * leave alone, evidence refusals, vanished ids, the journal, stopped instances and MetadataNoTokenRejected.
 * Each test launches its own instances: the emulator is shared by the class.
 */
class EnforceInstancesTest extends EnforceEmulatorTest {
    static final String WEST = "eu-west-1";

    private static List<Map<String, String>> modifyCalls() {
        return AWS.recordedParams("ec2", "ModifyInstanceMetadataOptions");
    }

    /** Relies on the harness answering DryRun as EC2 does: moto alone ignores DryRun and applies the change. */
    @Test
    void aDryRunChangesNothingAndSendsOnlyDryRunCalls() {
        String open = fleet.launch(EAST, "open", EnforceFixture.UNUSUAL);
        String done = fleet.launch(EAST, "done", ImdsOptions.v2Required());
        Map<String, InstanceMetadataOptionsResponse> before = fleet.all(EAST);
        AWS.clearRecorded();

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", open + "," + done, "--regions", EAST,
                "--journal", journal().toString());

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(fleet.all(EAST)).isEqualTo(before);
        assertThat(modifyCalls()).hasSize(1).allSatisfy(p -> {
            assertThat(p).containsEntry("DryRun", "true").containsEntry("InstanceId", open);
        });
        assertThat(run.out()).contains("permitted").contains("already compliant")
                .contains("Nothing changed. Apply with:").contains(open + "," + done).endsWith("--yes" + System.lineSeparator());
        assertThat(journal()).as("nothing is journaled in a dry run").doesNotExist();
    }

    @Test
    void yesChangesExactlyTheTargetsKeepsTheirOtherFieldsAndJournalsBothLines() throws Exception {
        String open = fleet.launch(EAST, "open", EnforceFixture.UNUSUAL);
        String done = fleet.launch(EAST, "done", ImdsOptions.v2Required().withHopLimit(4));
        String other = fleet.launch(EAST, "other", ImdsOptions.v1Allowed());
        AWS.clearRecorded();

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", open + "," + done, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(EnforceFixture.of(fleet.options(EAST, open)))
                .isEqualTo(new ImdsOptions("required", 3, "enabled", "enabled", "enabled"));
        assertThat(EnforceFixture.of(fleet.options(EAST, done))).isEqualTo(ImdsOptions.v2Required().withHopLimit(4));
        assertThat(EnforceFixture.of(fleet.options(EAST, other))).isEqualTo(ImdsOptions.v1Allowed());
        assertThat(modifyCalls()).as("the compliant target gets no call").hasSize(1)
                .allSatisfy(p -> assertThat(p).containsEntry("InstanceId", open).doesNotContainEntry("DryRun", "true")
                        .containsEntry("HttpTokens", "required").containsEntry("HttpPutResponseHopLimit", "3")
                        .containsEntry("HttpProtocolIpv6", "enabled").containsEntry("InstanceMetadataTags", "enabled"));

        JournalFile written = JournalFile.read(journal(), false);
        assertThat(written.changes()).hasSize(1);
        JournalChange change = written.changes().get(0);
        assertThat(change.before().target()).isEqualTo(open);
        assertThat(change.before().account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(change.before().state().httpTokens()).isEqualTo("optional");
        assertThat(change.before().state().httpPutResponseHopLimit()).isEqualTo(3);
        assertThat(change.after().result()).isEqualTo(JournalLine.Result.CHANGED);
        assertThat(change.after().state().httpTokens()).isEqualTo("required");
        String runId = change.before().run();
        assertThat(run.out()).contains("Results:").contains("1 changed").contains("1 already compliant")
                .contains("Journal: " + journal() + " (run " + runId + ")")
                .contains("Undo with: imdsguard enforce rollback --journal " + journal() + " --yes")
                .contains("Undo only this run: imdsguard enforce rollback --journal " + journal() + " --run " + runId
                        + " --yes")
                .contains("imdsguard usage --instance-ids " + open + " --regions " + EAST + " --days 1");
    }

    @Test
    void aRunThatChangesNothingOffersNoRollbackAndTheUndoCommandIsQuotedForTheShell() throws Exception {
        String done = fleet.launch(EAST, "done", ImdsOptions.v2Required());
        Path journal = Files.createDirectories(dir.resolve("on call")).resolve("journal.jsonl");

        CliRun nothing = EnforceFixture.enforce(AWS, "instances", "--instance-ids", done, "--regions", EAST,
                "--journal", journal.toString(), "--yes");

        assertThat(nothing.exit()).as(nothing.out() + nothing.err()).isEqualTo(0);
        assertThat(nothing.out()).contains("Nothing was changed, so nothing was journaled.").doesNotContain("Undo with");
        assertThat(journal).doesNotExist();

        String open = fleet.launch(EAST, "open", ImdsOptions.v1Allowed());
        CliRun changed = EnforceFixture.enforce(AWS, "instances", "--instance-ids", open, "--regions", EAST,
                "--journal", journal.toString(), "--yes");

        assertThat(changed.exit()).as(changed.out() + changed.err()).isEqualTo(0);
        assertThat(changed.out()).contains("Undo with: imdsguard enforce rollback --journal '" + journal + "' --yes");
    }

    @Test
    void anInstanceWithItsEndpointDisabledKeepsItDisabled() {
        String off = fleet.launch(EAST, "off", ImdsOptions.v1Allowed().endpointDisabled());

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", off, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(EnforceFixture.of(fleet.options(EAST, off)))
                .isEqualTo(new ImdsOptions("required", 1, "disabled", "disabled", "disabled"));
        assertThat(run.out()).contains("required/disabled");
    }

    @Test
    void aVanishedIdIsReportedAndTheRestProceed() {
        String kept = fleet.launch(EAST, "kept", ImdsOptions.v1Allowed());
        String gone = fleet.launch(EAST, "gone", ImdsOptions.v1Allowed());
        fleet.terminate(EAST, gone);
        String never = "i-0123456789abcdef0";

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", never + "," + gone + "," + kept,
                "--regions", EAST, "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(fleet.options(EAST, kept).httpTokensAsString()).isEqualTo("required");
        assertThat(run.out()).contains(never + ": not found in " + EAST).contains("2 vanished").contains("1 changed");
    }

    @Test
    void evidenceOfImdsV1UseRefusesWithoutForceNamingCallersAndCountingCalls() throws Exception {
        String traced = fleet.launch(EAST, "traced", ImdsOptions.v1Allowed());
        String counted = fleet.launch(EAST, "counted", ImdsOptions.v1Allowed());
        String elsewhere = fleet.launch(EAST, "elsewhere", ImdsOptions.v1Allowed());
        Path evidence = Files.createDirectories(dir.resolve("evidence"));
        EvidenceDirectory ev = new EvidenceDirectory(evidence);
        List<V1Caller> callers = List.of(caller(1, "/usr/bin/python3 app.py", 40), caller(2, "/opt/agent/bin/agent", 7),
                caller(3, "/usr/bin/curl -s", 2), caller(4, "/usr/bin/aws s3 ls", 1));
        ev.merge(HostEvidence.of(traced, AwsEmulator.ACCOUNT_ID, EAST)
                .withTrace("trace-1", Instant.now(), new TraceSummary(callers, 0, 0)));
        Instant now = Instant.now();
        ev.merge(HostEvidence.of(counted, AwsEmulator.ACCOUNT_ID, EAST)
                .withUsage(new MetadataNoTokenCounts(14, now.minus(Duration.ofDays(14)), now, 42L, 0L)));
        // Another account's instance of the same id: not evidence about this one.
        ev.merge(HostEvidence.of(elsewhere, "999999999999", EAST)
                .withUsage(new MetadataNoTokenCounts(14, now.minus(Duration.ofDays(14)), now, 5L, 0L)));
        String ids = traced + "," + counted + "," + elsewhere;

        // A plan in which every target is refused has nothing for --yes to do, and must not say otherwise.
        CliRun onlyRefused = EnforceFixture.enforce(AWS, "instances", "--instance-ids", traced + "," + counted,
                "--regions", EAST, "--evidence", evidence.toString(), "--journal", journal().toString());
        assertThat(onlyRefused.exit()).isEqualTo(3);
        assertThat(onlyRefused.out())
                .contains("Nothing changed, and --yes would change nothing: refused instances change only with --force")
                .doesNotContain("Apply with");

        CliRun refused = EnforceFixture.enforce(AWS, "instances", "--instance-ids", ids, "--regions", EAST,
                "--evidence", evidence.toString(), "--journal", journal().toString(), "--yes");

        assertThat(refused.exit()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(fleet.options(EAST, traced).httpTokensAsString()).isEqualTo("optional");
        assertThat(fleet.options(EAST, counted).httpTokensAsString()).isEqualTo("optional");
        assertThat(fleet.options(EAST, elsewhere).httpTokensAsString()).isEqualTo("required");
        assertThat(refused.out())
                .contains(traced + ": IMDSv1 callers traced: /usr/bin/python3 (40 calls), /opt/agent/bin/agent (7 calls), "
                        + "/usr/bin/curl (2 calls) +1 more")
                .contains(counted + ": 42 IMDSv1 calls in the last 14 days (CloudWatch MetadataNoToken)")
                .contains("2 refused").contains("no evidence of IMDSv1 use for 1 instance")
                .contains("imdsguard usage --output DIR").contains("imdsguard trace start");

        CliRun forced = EnforceFixture.enforce(AWS, "instances", "--instance-ids", traced + "," + counted, "--regions", EAST,
                "--evidence", evidence.toString(), "--journal", journal().toString(), "--yes", "--force");

        assertThat(forced.exit()).as(forced.out() + forced.err()).isEqualTo(0);
        assertThat(fleet.options(EAST, traced).httpTokensAsString()).isEqualTo("required");
        assertThat(fleet.options(EAST, counted).httpTokensAsString()).isEqualTo("required");
        assertThat(forced.out()).contains(counted + ": forced: 42 IMDSv1 calls").contains("2 changed");
    }

    @Test
    void aReportOfAScanWithEvidenceRefusesTheSameHostsAndTheEvidenceDirectoryHasTheLastWord() throws Exception {
        String legacy = fleet.launch(EAST, "legacy", ImdsOptions.v1Allowed());
        String quiet = fleet.launch(EAST, "quiet", ImdsOptions.v1Allowed());
        Path report = dir.resolve("report.json");
        Files.writeString(report, """
                {"schemaVersion": 1, "findings": [
                  {"ruleId": "IMDS-003", "severity": "MEDIUM", "account": "%1$s", "region": "%2$s",
                   "resource": {"type": "ec2-instance", "id": "%3$s", "name": "legacy"},
                   "evidence": {"imdsV1Callers": [{"pid": 7, "comm": "agent", "argv": "/opt/legacy/agent --poll",
                                "parents": [], "paths": ["/latest/meta-data/iam/"], "calls": 9, "missingPayload": false,
                                "firstSeen": null, "lastSeen": null}]}},
                  {"ruleId": "IMDS-003", "severity": "MEDIUM", "account": "%1$s", "region": "%2$s",
                   "resource": {"type": "ec2-instance", "id": "%4$s", "name": "quiet"}, "evidence": {}}]}
                """.formatted(AwsEmulator.ACCOUNT_ID, EAST, legacy, quiet));

        CliRun fromReport = EnforceFixture.enforce(AWS, "instances", "--from-report", report.toString(),
                "--journal", journal().toString(), "--yes");

        assertThat(fromReport.exit()).as(fromReport.out() + fromReport.err()).isEqualTo(3);
        assertThat(fromReport.out()).contains(legacy + ": IMDSv1 caller traced: /opt/legacy/agent (9 calls)");
        assertThat(fleet.options(EAST, legacy).httpTokensAsString()).isEqualTo("optional");
        assertThat(fleet.options(EAST, quiet).httpTokensAsString()).isEqualTo("required");

        // A later trace (the agent was fixed) in the evidence directory wins over what the report saw.
        Path evidence = Files.createDirectories(dir.resolve("later-evidence"));
        new EvidenceDirectory(evidence).merge(HostEvidence.of(legacy, AwsEmulator.ACCOUNT_ID, EAST)
                .withTrace("trace-2", Instant.now(), new TraceSummary(List.of(), 12, 0)));
        CliRun later = EnforceFixture.enforce(AWS, "instances", "--from-report", report.toString(),
                "--evidence", evidence.toString(), "--journal", journal().toString(), "--yes");

        assertThat(later.exit()).as(later.out() + later.err()).isZero();
        assertThat(fleet.options(EAST, legacy).httpTokensAsString()).isEqualTo("required");
    }

    private static V1Caller caller(int pid, String argv, long calls) {
        return new V1Caller(pid, null, argv, List.of(), List.of("/latest/meta-data/"), calls, false, null, null);
    }

    @Test
    void aStoppedInstanceIsPendingAtItsNextStart() throws Exception {
        String parked = fleet.launch(EAST, "parked", ImdsOptions.v1Allowed());
        fleet.stop(EAST, parked);

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", parked, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("pending at next start").contains(parked + ": applies at next start");
        assertThat(JournalFile.read(journal(), false).changes().get(0).after().result())
                .isEqualTo(JournalLine.Result.PENDING_START);
    }

    @Test
    void tagsSelectOnlyInstancesCarryingEveryTagInTheGivenRegions() {
        String subnet = fleet.subnet(WEST);
        String both = fleet.launch(WEST, InstanceSpec.in(subnet).name("both").tag("team", "pay").tag("stage", "canary"));
        String one = fleet.launch(WEST, InstanceSpec.in(subnet).name("one").tag("team", "pay"));

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--tag", "team=pay", "--tag", "stage=canary",
                "--regions", WEST, "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(fleet.options(WEST, both).httpTokensAsString()).isEqualTo("required");
        assertThat(fleet.options(WEST, one).httpTokensAsString()).isEqualTo("optional");
        assertThat(run.out()).contains("1 target: 1 changed");
    }

    @Test
    void aReportsFindingsOfAnotherAccountAreSkippedAndTheReportsRegionsAreUsed() throws Exception {
        String mine = fleet.launch(WEST, "mine", ImdsOptions.v1Allowed());
        Path report = dir.resolve("report.json");
        Files.writeString(report, """
                {"schemaVersion": 1, "tool": {"name": "imdsguard", "version": "0"},
                 "scan": {"startedAt": "2026-01-01T00:00:00Z", "finishedAt": "2026-01-01T00:00:01Z",
                          "accounts": ["%s"], "regions": ["%s"], "gaps": []},
                 "summary": {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 0, "LOW": 0, "INFO": 0},
                 "findings": [
                   {"ruleId": "IMDS-002", "severity": "HIGH", "title": "t", "account": "%s", "region": "%s",
                    "resource": {"type": "ec2-instance", "id": "%s", "name": "mine", "arn": "arn"},
                    "evidence": {}, "remediation": "r", "suppressed": false, "status": "new"},
                   {"ruleId": "IMDS-003", "severity": "MEDIUM", "title": "t", "account": "999999999999", "region": "%s",
                    "resource": {"type": "ec2-instance", "id": "i-0aaaaaaaaaaaaaaa1", "name": null, "arn": "arn"},
                    "evidence": {}, "remediation": "r", "suppressed": false, "status": "new"}
                 ]}
                """.formatted(AwsEmulator.ACCOUNT_ID, WEST, AwsEmulator.ACCOUNT_ID, WEST, mine, WEST));

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--from-report", report.toString(),
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(fleet.options(WEST, mine).httpTokensAsString()).isEqualTo("required");
        assertThat(run.out()).contains("i-0aaaaaaaaaaaaaaa1: the report's finding is for account 999999999999; "
                + "these credentials are for " + AwsEmulator.ACCOUNT_ID).contains("1 skipped");
    }

    @Test
    void theTableStaysWithin100ColumnsAndNamesCannotDriveTheTerminal() {
        // C1 controls and bidi overrides: what XML lets through to a tag value (ESC itself it does not).
        String evil = fleet.launch(EAST, "\u009b31m\u202e" + "x".repeat(80), ImdsOptions.v1Allowed());

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", evil, "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.out()).doesNotContain("\u009b").doesNotContain("\u202e").contains("?31m?xxx");
        String table = run.out().substring(run.out().indexOf("Results:"));
        table.lines().takeWhile(l -> !l.startsWith("NOW is")).forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
        assertThat(table).contains(evil);
    }

    @Test
    void checkAfterReadsMetadataNoTokenRejectedAndWarnsWithTheRollbackCommand() {
        String broke = fleet.launch(EAST, "broke", ImdsOptions.v1Allowed());
        try (FleetBuilder f = AWS.fleet(EAST)) {
            f.metrics().put(broke, MetricsFleet.NO_TOKEN_REJECTED, Instant.now().minus(Duration.ofMinutes(10)), 6);
        }

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", broke, "--regions", EAST,
                "--journal", journal().toString(), "--yes", "--check-after", "1s");

        assertThat(run.exit()).as("a rejection warns, the exit code stays: " + run.out() + run.err()).isEqualTo(0);
        assertThat(run.err()).contains("waiting 1s before reading MetadataNoTokenRejected");
        assertThat(run.out()).contains("  " + broke + " (" + EAST + "): 6")
                .contains("WARNING: IMDSv1 calls are being rejected on " + broke)
                .contains("Undo with: imdsguard enforce rollback --journal " + journal() + " --yes");
    }

    @Test
    void usageErrorsComeBeforeAnyChange() throws Exception {
        String id = fleet.launch(EAST, "untouched", ImdsOptions.v1Allowed());
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"schemaVersion\": 1, \"run\": \"r\"}\nnot json\n");
        Path badEvidence = Files.createDirectories(dir.resolve("ev"));
        Files.writeString(badEvidence.resolve(id + ".json"), "{\"schemaVersion\": \"one\"}");
        AWS.clearRecorded();

        assertThat(EnforceFixture.enforce(AWS, "instances", "--regions", EAST).exit()).isEqualTo(2);
        assertThat(EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--tag", "a=b").err())
                .contains("exactly one of --instance-ids");
        CliRun journal = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--journal", bad.toString(), "--yes");
        assertThat(journal.exit()).isEqualTo(2);
        assertThat(journal.err()).contains(bad + ":1");
        CliRun evidence = EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--evidence",
                badEvidence.toString(), "--journal", journal().toString(), "--yes");
        assertThat(evidence.exit()).isEqualTo(2);
        assertThat(evidence.err()).contains(id + ".json");
        assertThat(EnforceFixture.enforce(AWS, "instances", "--tag", "=x").err()).contains("--tag must be KEY=VALUE");
        assertThat(EnforceFixture.enforce(AWS, "instances", "--instance-ids", id, "--concurrency", "65").exit()).isEqualTo(2);
        assertThat(AWS.recordedCalls()).isEmpty();
        assertThat(fleet.options(EAST, id).httpTokensAsString()).isEqualTo("optional");
    }

    @Test
    void runningInstancesAreWaitedForInBulkUntilApplied() throws Exception {
        List<String> ids = List.of(fleet.launch(EAST, "slow-1", ImdsOptions.v1Allowed()),
                fleet.launch(EAST, "slow-2", ImdsOptions.v1Allowed()), fleet.launch(EAST, "slow-3", ImdsOptions.v1Allowed()));
        ids.forEach(id -> AWS.holdMetadataOptionsPending(id, 2));
        AWS.clearRecorded();

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", String.join(",", ids), "--regions", EAST,
                "--journal", journal().toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("3 changed");
        long describes = AWS.recordedCalls().stream().filter(c -> c.operation().equals("DescribeInstances")).count();
        assertThat(describes).as("one listing for the plan, then one per round for all three, until applied")
                .isBetween(3L, 4L);
        assertThat(JournalFile.read(journal(), false).changes()).allSatisfy(c -> {
            assertThat(c.after().result()).isEqualTo(JournalLine.Result.CHANGED);
            assertThat(c.after().state().state()).isEqualTo("applied");
        });
    }

    @Test
    void anInstanceStillPendingAtTheWaitTimeoutIsNotAppliedInTime() throws Exception {
        String stuck = fleet.launch(EAST, "stuck", ImdsOptions.v1Allowed());
        AWS.holdMetadataOptionsPending(stuck, 0);

        CliRun run = EnforceFixture.enforce(AWS, "instances", "--instance-ids", stuck, "--regions", EAST,
                "--journal", journal().toString(), "--yes", "--wait-timeout", "2s");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("not applied in time").contains(stuck + ": still pending after 2s");
        JournalChange change = JournalFile.read(journal(), false).changes().get(0);
        assertThat(change.after().result()).isEqualTo(JournalLine.Result.NOT_APPLIED);
        assertThat(JournalFile.read(journal(), false).toUndo()).as("it may still take effect: rollback undoes it")
                .hasSize(1);
    }
}
