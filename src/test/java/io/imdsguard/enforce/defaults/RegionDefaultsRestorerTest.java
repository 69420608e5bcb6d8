package io.imdsguard.enforce.defaults;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RegionDefaultsRestorer} with real clients against the emulator, on journals written line by line:
 * the earliest before-state of a region wins, every field is sent, a change cut short is recovered, and
 * regions it must not touch (another account's, a declarative policy's) are refused.
 */
class RegionDefaultsRestorerTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String ACCOUNT = AwsEmulator.ACCOUNT_ID;
    static AwsClients clients;
    static RegionDefaultsRestorer restorer;

    @TempDir
    Path dir;

    @BeforeAll
    static void clients() {
        clients = new AwsClients(new AwsSettings(AwsEmulator.DEFAULT_REGION, AWS.endpoint(), null), new ApiCallCounter(),
                AWS.credentials());
        restorer = new RegionDefaultsRestorer(clients, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void aRegionChangedTwiceGoesBackToItsEarliestBeforeStateWithEveryFieldSent() throws Exception {
        String region = "eu-west-1";
        set(region, "required", 2, "enabled", "enabled");
        Path journal = dir.resolve("j.jsonl");
        try (JournalWriter w = JournalWriter.open(journal)) {
            JournalLine first = before("run-1", region, new MetadataSettings("optional", null, 4, null, null, null));
            w.write(first);
            w.write(first.after(Instant.now(), null, JournalLine.Result.CHANGED, null));
            JournalLine second = before("run-2", region, new MetadataSettings("required", null, 4, null, null, null));
            w.write(second);
            w.write(second.after(Instant.now(), null, JournalLine.Result.CHANGED, null));
        }
        List<JournalChange> toUndo = JournalFile.read(journal, false).toUndo();
        AWS.clearRecorded();

        List<RestoreOutcome> outcomes;
        try (JournalWriter w = JournalWriter.open(journal)) {
            outcomes = restorer.restore(toUndo, ACCOUNT, true, w, "rb");
        }

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RestoreOutcome.Status.RESTORED);
            assertThat(o.region()).isEqualTo(region);
            assertThat(o.restoredTo()).isEqualTo(new MetadataSettings("optional", null, 4, null, null, null));
        });
        assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataDefaults")).singleElement().satisfies(p ->
                assertThat(p).containsEntry("HttpTokens", "optional").containsEntry("HttpPutResponseHopLimit", "4")
                        .containsEntry("HttpEndpoint", "no-preference").containsEntry("InstanceMetadataTags", "no-preference")
                        .doesNotContainEntry("DryRun", "true"));
        assertThat(get(region)).isEqualTo(new MetadataSettings("optional", null, 4, null, null, null));
        JournalFile after = JournalFile.read(journal, false);
        JournalChange rollback = after.changes().stream().filter(JournalChange::isRollback).findFirst().orElseThrow();
        assertThat(rollback.before().undoes()).containsExactlyInAnyOrder("run-1/" + region, "run-2/" + region);
        assertThat(rollback.before().state()).as("the state the rollback replaced")
                .isEqualTo(new MetadataSettings("required", "enabled", 2, null, "enabled", null));
        assertThat(after.toUndo()).isEmpty();
    }

    @Test
    void aChangeCutShortIsUndoneWhenItTookEffectAndClosedWithoutACallWhenItDidNot() throws Exception {
        // eu-west-2: the call went through before the crash; eu-west-3: the run died before the call.
        set("eu-west-2", "required", 2, null, null);
        Path journal = dir.resolve("j.jsonl");
        try (JournalWriter w = JournalWriter.open(journal)) {
            w.write(before("run-1", "eu-west-2", new MetadataSettings(null, null, null, null, null, null)));
            w.write(before("run-1", "eu-west-3", new MetadataSettings(null, null, null, null, null, null)));
        }
        List<JournalChange> toUndo = JournalFile.read(journal, false).toUndo();
        assertThat(toUndo).hasSize(2).allMatch(JournalChange::cutShort);
        AWS.clearRecorded();

        List<RestoreOutcome> outcomes;
        try (JournalWriter w = JournalWriter.open(journal)) {
            outcomes = restorer.restore(toUndo, ACCOUNT, true, w, "rb");
        }

        assertThat(outcomes).extracting(RestoreOutcome::region, RestoreOutcome::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("eu-west-2", RestoreOutcome.Status.RESTORED),
                org.assertj.core.groups.Tuple.tuple("eu-west-3", RestoreOutcome.Status.ALREADY_RESTORED));
        assertThat(modifyCalls()).extracting(AwsCall::region).containsExactly("eu-west-2");
        assertThat(get("eu-west-2")).isEqualTo(new MetadataSettings(null, null, null, null, null, null));
        assertThat(JournalFile.read(journal, false).toUndo()).as("both closed: a rerun has nothing to do").isEmpty();
    }

    @Test
    void aDryRunProvesPermissionAndChangesNothingAndARefusalIsFailedWithAwsError() throws Exception {
        set("ap-south-1", "required", 2, null, null);
        set("ap-northeast-1", "required", 2, null, null);
        AWS.failOperation("ec2", "ModifyInstanceMetadataDefaults", "ap-northeast-1", 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
        Path journal = dir.resolve("j.jsonl");
        try (JournalWriter w = JournalWriter.open(journal)) {
            for (String region : List.of("ap-south-1", "ap-northeast-1")) {
                JournalLine line = before("run-1", region, new MetadataSettings("optional", null, 1, null, null, null));
                w.write(line);
                w.write(line.after(Instant.now(), null, JournalLine.Result.CHANGED, null));
            }
        }
        List<JournalChange> toUndo = JournalFile.read(journal, false).toUndo();
        AWS.clearRecorded();

        List<RestoreOutcome> planned = restorer.restore(toUndo, ACCOUNT, false, null, "rb-plan");

        assertThat(planned).filteredOn(o -> o.region().equals("ap-south-1")).singleElement()
                .extracting(RestoreOutcome::status).isEqualTo(RestoreOutcome.Status.WOULD_RESTORE);
        assertThat(planned).filteredOn(o -> o.region().equals("ap-northeast-1")).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(RestoreOutcome.Status.FAILED);
            assertThat(o.detail()).startsWith("UnauthorizedOperation: You are not authorized");
        });
        assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataDefaults"))
                .allSatisfy(p -> assertThat(p).containsEntry("DryRun", "true"));
        assertThat(get("ap-south-1").httpTokens()).isEqualTo("required");

        List<RestoreOutcome> applied;
        try (JournalWriter w = JournalWriter.open(journal)) {
            applied = restorer.restore(toUndo, ACCOUNT, true, w, "rb");
        }
        assertThat(applied).filteredOn(o -> o.region().equals("ap-northeast-1")).singleElement()
                .extracting(RestoreOutcome::status).isEqualTo(RestoreOutcome.Status.FAILED);
        assertThat(get("ap-south-1")).isEqualTo(new MetadataSettings("optional", null, 1, null, null, null));
        assertThat(JournalFile.read(journal, false).toUndo()).as("the refused region is still to undo")
                .extracting(c -> c.before().region()).containsExactly("ap-northeast-1");
    }

    @Test
    void anotherAccountsChangesAndARegionManagedByADeclarativePolicyAreRefusedWithoutAModify() throws Exception {
        AWS.manageMetadataDefaultsByDeclarativePolicy("sa-east-1", "Managed by the platform team");
        Path journal = dir.resolve("j.jsonl");
        try (JournalWriter w = JournalWriter.open(journal)) {
            JournalLine managed = before("run-1", "sa-east-1", new MetadataSettings(null, null, null, null, null, null));
            w.write(managed);
            w.write(managed.after(Instant.now(), null, JournalLine.Result.CHANGED, null));
            JournalLine other = JournalLine.before("run-1", JournalLine.REGION_DEFAULTS, List.of(), "210987654321",
                    "ca-central-1", "ca-central-1", null, Instant.now(), new MetadataSettings(null, null, null, null, null, null));
            w.write(other);
            w.write(other.after(Instant.now(), null, JournalLine.Result.CHANGED, null));
        }
        List<JournalChange> toUndo = JournalFile.read(journal, false).toUndo();
        AWS.clearRecorded();

        List<RestoreOutcome> outcomes;
        try (JournalWriter w = JournalWriter.open(journal)) {
            outcomes = restorer.restore(toUndo, ACCOUNT, true, w, "rb");
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o.status()).isEqualTo(RestoreOutcome.Status.FAILED));
        assertThat(outcomes).filteredOn(o -> o.region().equals("sa-east-1")).singleElement()
                .satisfies(o -> assertThat(o.detail()).startsWith("managed by a declarative policy"));
        assertThat(outcomes).filteredOn(o -> o.region().equals("ca-central-1")).singleElement()
                .satisfies(o -> assertThat(o.detail()).isEqualTo("journal is for account 210987654321; these credentials "
                        + "are for " + ACCOUNT));
        assertThat(modifyCalls()).isEmpty();
        assertThat(AWS.recordedCalls()).noneMatch(c -> c.region().equals("ca-central-1"));
        assertThat(JournalFile.read(journal, false).toUndo()).hasSize(2);
    }

    private static JournalLine before(String run, String region, MetadataSettings state) {
        return JournalLine.before(run, JournalLine.REGION_DEFAULTS, List.of(), ACCOUNT, region, region, null, Instant.now(),
                state);
    }

    private static void set(String region, String tokens, Integer hops, String endpoint, String tags) {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens(tokens).httpPutResponseHopLimit(hops).httpEndpoint(endpoint)
                    .instanceMetadataTags(tags));
        }
    }

    private static MetadataSettings get(String region) {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            InstanceMetadataDefaultsResponse d = ec2.getInstanceMetadataDefaults(r -> { }).accountLevel();
            return new MetadataSettings(d.httpTokensAsString(), d.httpEndpointAsString(), d.httpPutResponseHopLimit(), null,
                    d.instanceMetadataTagsAsString(), null);
        }
    }

    private static List<AwsCall> modifyCalls() {
        return AWS.recordedCalls().stream().filter(c -> c.operation().equals("ModifyInstanceMetadataDefaults")).toList();
    }
}
