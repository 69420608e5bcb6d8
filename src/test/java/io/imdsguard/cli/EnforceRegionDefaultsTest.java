package io.imdsguard.cli;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.RestoreOutcome;
import io.imdsguard.enforce.defaults.RegionDefaultsRestorer;
import io.imdsguard.enforce.journal.JournalChange;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.NetworkFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code enforce region-defaults} in-process against the emulator (whose front answers the metadata
 * defaults calls, DryRun included, as AWS does): set, verified, journaled and rolled back; a dry run
 * that changes nothing; regions already required or managed by a declarative policy left alone; one
 * region refused while the others go on; the instances that still allow IMDSv1 counted.
 */
class EnforceRegionDefaultsTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @TempDir
    Path dir;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", AwsEmulator.DEFAULT_REGION);
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    @Test
    void twoRegionsAreSetVerifiedJournaledAndRolledBackToExactlyTheirBeforeState() throws Exception {
        // eu-west-1 has no preference at all; eu-west-2 has tokens optional with an explicit hop limit of 3.
        setDefaults("eu-west-2", "optional", 3);
        Path journal = dir.resolve("journal.jsonl");
        AWS.clearRecorded();

        CliRun run = enforce("--regions", "eu-west-1,eu-west-2", "--journal", journal.toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(defaults("eu-west-1")).isEqualTo(settings("required", 2));
        assertThat(defaults("eu-west-2")).as("the explicit hop limit is kept").isEqualTo(settings("required", 3));
        Map<String, Map<String, String>> sent = modifyParamsByRegion();
        assertThat(sent.get("eu-west-1")).containsEntry("HttpTokens", "required")
                .containsEntry("HttpPutResponseHopLimit", "2").doesNotContainKeys("HttpEndpoint", "InstanceMetadataTags");
        assertThat(sent.get("eu-west-2")).containsEntry("HttpTokens", "required")
                .doesNotContainKeys("HttpPutResponseHopLimit", "HttpEndpoint", "InstanceMetadataTags");
        assertThat(run.out()).contains("eu-west-1: changed and verified", "eu-west-2: changed and verified",
                "hop limit 3 kept", "Journal: " + journal + " (run region-defaults-",
                "Undo with: imdsguard enforce rollback --journal " + journal + " --yes");

        // The journal: a before and an after line per region, the before holding the state replaced.
        JournalFile file = JournalFile.read(journal, false);
        assertThat(file.changes()).hasSize(2).allSatisfy(c -> {
            assertThat(c.cutShort()).isFalse();
            assertThat(c.after().result()).isEqualTo(JournalLine.Result.CHANGED);
            assertThat(c.before().account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
            assertThat(c.before().action()).isEqualTo(JournalLine.REGION_DEFAULTS);
        });
        assertThat(before(file, "eu-west-1").state()).isEqualTo(settings(null, null));
        assertThat(before(file, "eu-west-2").state()).isEqualTo(settings("optional", 3));
        assertThat(file.toUndo()).hasSize(2);

        // Rollback, through the restorer the rollback command calls: a dry run first, then for real.
        try (AwsClients clients = clients()) {
            RegionDefaultsRestorer restorer = new RegionDefaultsRestorer(clients, Clock.systemUTC());
            AWS.clearRecorded();
            List<RestoreOutcome> planned = restorer.restore(file.toUndo(), AwsEmulator.ACCOUNT_ID, false, null, "rb-plan");
            assertThat(planned).extracting(RestoreOutcome::status).containsOnly(RestoreOutcome.Status.WOULD_RESTORE);
            assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataDefaults")).hasSize(2)
                    .allSatisfy(p -> assertThat(p).containsEntry("DryRun", "true"));
            assertThat(defaults("eu-west-1")).isEqualTo(settings("required", 2));

            List<RestoreOutcome> restored;
            try (JournalWriter writer = JournalWriter.open(journal)) {
                restored = restorer.restore(file.toUndo(), AwsEmulator.ACCOUNT_ID, true, writer, "rb-1");
            }
            assertThat(restored).extracting(RestoreOutcome::status).containsOnly(RestoreOutcome.Status.RESTORED);
        }
        assertThat(defaults("eu-west-1")).as("no preference again, hop limit included").isEqualTo(settings(null, null));
        assertThat(defaults("eu-west-2")).isEqualTo(settings("optional", 3));
        JournalFile after = JournalFile.read(journal, false);
        assertThat(after.toUndo()).as("the rollback closed both changes").isEmpty();
        assertThat(after.changes()).filteredOn(JournalChange::isRollback).hasSize(2)
                .allSatisfy(c -> assertThat(c.after().result()).isEqualTo(JournalLine.Result.RESTORED));
    }

    @Test
    void aDryRunMakesOnlyDryRunCallsChangesNothingAndJournalsNothing() {
        setDefaults("ap-south-1", "optional", 1);
        Path journal = dir.resolve("journal.jsonl");
        AWS.clearRecorded();

        CliRun run = enforce("--regions", "ap-south-1,ap-northeast-1", "--journal", journal.toString());

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataDefaults")).hasSize(2)
                .allSatisfy(p -> assertThat(p).containsEntry("DryRun", "true"));
        assertThat(AWS.recordedCalls()).filteredOn(AwsCall::isMutating)
                .allSatisfy(c -> assertThat(c.operation()).isEqualTo("ModifyInstanceMetadataDefaults"));
        assertThat(defaults("ap-south-1")).isEqualTo(settings("optional", 1));
        assertThat(defaults("ap-northeast-1")).isEqualTo(settings(null, null));
        assertThat(journal).doesNotExist();
        assertThat(run.out()).containsPattern("ap-northeast-1 +no preference +tokens required, hop limit 2 +change +yes")
                .containsPattern("ap-south-1 +tokens optional, hop limit 1 +tokens required, hop limit 1 +change +yes")
                .contains("ap-south-1: would change: permitted (hop limit 1 kept")
                .contains("Nothing changed. Apply with:")
                .contains("  imdsguard enforce region-defaults --regions ap-south-1,ap-northeast-1 --journal "
                        + journal + " --endpoint-url " + AWS.endpoint() + " --yes")
                .contains("\n\nNothing changed.");
    }

    @Test
    void aRegionAlreadyRequiredGetsNoModifyCall() {
        setDefaults("ca-central-1", "required", 1);
        AWS.clearRecorded();

        CliRun run = enforce("--regions", "ca-central-1", "--journal", dir.resolve("j.jsonl").toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(modifyCalls("ca-central-1")).isEmpty();
        assertThat(run.out()).contains("ca-central-1: already required")
                .contains("Nothing was changed, so nothing was journaled.").doesNotContain("Undo with");
        assertThat(dir.resolve("j.jsonl")).doesNotExist();
        assertThat(defaults("ca-central-1")).isEqualTo(settings("required", 1));
    }

    @Test
    void aRegionManagedByADeclarativePolicyIsReportedNotChangedAndIsNoError() throws Exception {
        AWS.manageMetadataDefaultsByDeclarativePolicy("sa-east-1", "Ask the cloud team: #cloud-platform");
        Path journal = dir.resolve("j.jsonl");
        AWS.clearRecorded();

        CliRun plan = enforce("--regions", "sa-east-1", "--journal", journal.toString());
        CliRun run = enforce("--regions", "sa-east-1", "--journal", journal.toString(), "--yes");

        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(modifyCalls("sa-east-1")).isEmpty();
        assertThat(run.out()).contains("sa-east-1: managed by a declarative policy (Ask the cloud team: #cloud-platform): "
                + "not changed here; change the Organization's EC2 declarative policy (imdsguard enforce guardrails)");
        assertThat(JournalFile.read(journal, true).changes()).isEmpty();
    }

    @Test
    void aRegionThatRefusesFailsWithAwsErrorWhileTheOtherIsChangedExit3() throws Exception {
        AWS.failOperation("ec2", "ModifyInstanceMetadataDefaults", "us-west-1", 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
        Path journal = dir.resolve("journal.jsonl");

        CliRun plan = enforce("--regions", "us-west-1,us-west-2", "--journal", journal.toString());
        assertThat(plan.exit()).as(plan.out() + plan.err()).isEqualTo(3);
        assertThat(plan.out()).containsPattern("us-west-1 .* change +no")
                .contains("us-west-1: would change, but not permitted: UnauthorizedOperation: You are not authorized")
                .contains("us-west-2: would change: permitted");
        assertThat(defaults("us-west-2")).isEqualTo(settings(null, null));

        CliRun run = enforce("--regions", "us-west-1,us-west-2", "--journal", journal.toString(), "--yes");

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.out()).contains("us-west-1: failed: UnauthorizedOperation: You are not authorized to perform "
                + "this operation.", "us-west-2: changed and verified");
        assertThat(defaults("us-west-1")).isEqualTo(settings(null, null));
        assertThat(defaults("us-west-2")).isEqualTo(settings("required", 2));
        JournalFile file = JournalFile.read(journal, false);
        JournalChange refused = file.changes().stream().filter(c -> c.before().region().equals("us-west-1")).findFirst()
                .orElseThrow();
        assertThat(refused.after().result()).isEqualTo(JournalLine.Result.FAILED);
        assertThat(refused.after().error()).startsWith("UnauthorizedOperation: You are not authorized");
        assertThat(file.toUndo()).extracting(c -> c.before().region()).containsExactly("us-west-2");
    }

    @Test
    void eachRegionSaysHowManyExistingInstancesStillAllowImdsV1InThePlanAndAfterTheChange() {
        try (FleetBuilder fleet = AWS.fleet("eu-central-1")) {
            NetworkFleet.VpcRef vpc = fleet.network().vpc("10.30.0.0/16", false);
            String subnet = fleet.network().subnet(vpc.id(), "10.30.1.0/24", null, false);
            fleet.compute().run(InstanceSpec.in(subnet).name("v1-a").metadata(ImdsOptions.v1Allowed()));
            String stopped = fleet.compute().run(InstanceSpec.in(subnet).name("v1-b").metadata(ImdsOptions.v1Allowed()))
                    .instanceId();
            fleet.compute().stop(stopped);
            fleet.compute().run(InstanceSpec.in(subnet).name("v2").metadata(ImdsOptions.v2Required()));
            fleet.compute().run(InstanceSpec.in(subnet).name("off").metadata(ImdsOptions.v1Allowed().endpointDisabled()));
            String gone = fleet.compute().run(InstanceSpec.in(subnet).name("gone").metadata(ImdsOptions.v1Allowed()))
                    .instanceId();
            fleet.compute().terminate(gone);
        }
        Path journal = dir.resolve("journal.jsonl");
        AWS.clearRecorded();

        CliRun plan = enforce("--regions", "eu-central-1,eu-north-1", "--journal", journal.toString());
        List<AwsCall> describes = AWS.recordedCalls().stream().filter(c -> c.operation().equals("DescribeInstances"))
                .toList();
        CliRun run = enforce("--regions", "eu-central-1,eu-north-1", "--journal", journal.toString(), "--yes");

        String expected = "Existing instances are not changed; 2 in eu-central-1 still allow IMDSv1: imdsguard enforce "
                + "instances --regions eu-central-1 --tag KEY=VALUE (a canary first), or --from-report report.json";
        assertThat(plan.out()).as(plan.out() + plan.err()).contains(expected)
                .contains("Existing instances are not changed; none in eu-north-1 allows IMDSv1");
        assertThat(run.out()).as(run.out() + run.err()).contains(expected);
        assertThat(describes).extracting(AwsCall::region).containsExactlyInAnyOrder("eu-central-1", "eu-north-1");
    }

    @Test
    void byDefaultEveryEnabledRegionIsPlanned() {
        List<String> enabled;
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder())) {
            // As AccountContext counts them: opted in, or needing no opt-in.
            enabled = ec2.describeRegions(r -> r.allRegions(true)).regions().stream()
                    .filter(r -> r.optInStatus() == null || !r.optInStatus().equals("not-opted-in"))
                    .map(r -> r.regionName()).toList();
        }

        CliRun run = enforce("--journal", dir.resolve("j.jsonl").toString());

        assertThat(run.out()).as(run.err()).contains("IMDS defaults of " + enabled.size() + " regions (plan)");
        enabled.forEach(region -> assertThat(run.out()).containsPattern("(?m)^" + region + " "));
    }

    @Test
    void anUnknownRegionOrAnUnwritableJournalIsAUsageErrorBeforeAnyChange() {
        AWS.clearRecorded();

        CliRun unknown = enforce("--regions", "xx-nowhere-1", "--journal", dir.resolve("j.jsonl").toString(), "--yes");
        CliRun directory = enforce("--regions", "eu-west-3", "--journal", dir.toString(), "--yes");
        CliRun empty = enforce("--regions", "", "--yes");

        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown region 'xx-nowhere-1'");
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("--journal " + dir + ": is a directory");
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(AWS.recordedCalls()).noneMatch(AwsCall::isMutating);
        assertThat(dir.resolve("j.jsonl")).doesNotExist();
    }

    @Test
    void helpNamesTheCommandInTheEnforceGroup() {
        CliRun run = CliRun.of("enforce", "--help");

        assertThat(run.out()).contains("region-defaults");
    }

    static CliRun enforce(String... args) {
        List<String> all = new ArrayList<>(List.of("enforce", "region-defaults"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint-url", AWS.endpoint().toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    static AwsClients clients() {
        return new AwsClients(new AwsSettings(AwsEmulator.DEFAULT_REGION, AWS.endpoint(), null), new ApiCallCounter(),
                AWS.credentials());
    }

    /** Sets a region's defaults through the SDK, as someone before us did. */
    static void setDefaults(String region, String tokens, int hopLimit) {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens(tokens).httpPutResponseHopLimit(hopLimit));
        }
    }

    /** The region's defaults as GetInstanceMetadataDefaults reports them. */
    static MetadataSettings defaults(String region) {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            InstanceMetadataDefaultsResponse d = ec2.getInstanceMetadataDefaults(r -> { }).accountLevel();
            return new MetadataSettings(d.httpTokensAsString(), d.httpEndpointAsString(), d.httpPutResponseHopLimit(),
                    null, d.instanceMetadataTagsAsString(), null);
        }
    }

    static MetadataSettings settings(String tokens, Integer hopLimit) {
        return new MetadataSettings(tokens, null, hopLimit, null, null, null);
    }

    static JournalLine before(JournalFile file, String region) {
        return file.changes().stream().filter(c -> c.before().region().equals(region)).findFirst().orElseThrow().before();
    }

    /** Each region's ModifyInstanceMetadataDefaults parameters (the stub records calls and parameters in one order). */
    static Map<String, Map<String, String>> modifyParamsByRegion() {
        List<AwsCall> calls = modifyCalls(null);
        List<Map<String, String>> params = AWS.recordedParams("ec2", "ModifyInstanceMetadataDefaults");
        assertThat(calls).hasSameSizeAs(params);
        Map<String, Map<String, String>> byRegion = new java.util.HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            assertThat(byRegion.put(calls.get(i).region(), params.get(i))).as("one call per region").isNull();
        }
        return byRegion;
    }

    static List<AwsCall> modifyCalls(String region) {
        return AWS.recordedCalls().stream().filter(c -> c.operation().equals("ModifyInstanceMetadataDefaults"))
                .filter(c -> region == null || c.region().equals(region)).toList();
    }

}
