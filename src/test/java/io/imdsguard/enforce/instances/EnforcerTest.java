package io.imdsguard.enforce.instances;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.enforce.journal.JournalFile;
import io.imdsguard.enforce.journal.JournalLine;
import io.imdsguard.enforce.journal.JournalWriter;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Enforcer} with real clients against the emulator, where the CLI tests cannot place a fault: between
 * the change and the wait for it.
 */
class EnforcerTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static AwsClients clients;

    @TempDir
    Path dir;

    @BeforeAll
    static void clients() {
        clients = new AwsClients(new AwsSettings(AwsEmulator.DEFAULT_REGION, AWS.endpoint(), null), new ApiCallCounter(),
                AWS.credentials());
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    @Test
    void aChangeWhoseReadBackFailsUntilTheTimeoutIsNotApplied_notVanished_andStaysToUndo() throws Exception {
        String region = "eu-north-1";
        String id;
        try (FleetBuilder fleet = AWS.fleet(region)) {
            String subnet = fleet.network().subnet(fleet.network().vpc("10.40.0.0/16", false).id(), "10.40.1.0/24",
                    null, false);
            id = fleet.compute().run(InstanceSpec.in(subnet).name("web").metadata(ImdsOptions.v1Allowed())).instanceId();
        }
        InstanceDescriber describer = new InstanceDescriber(clients, AwsEmulator.ACCOUNT_ID);
        PlanItem item = new Planner(null, false).decide(describer.byIds(region, List.of(id)).get(id));
        // From here every read fails: the change is taken, but nothing can confirm it.
        AWS.failOperation("ec2", "DescribeInstances", region, 503, "Unavailable", "try later");
        Enforcer enforcer = new Enforcer(new MetadataCall(clients), describer, 2, 10, Duration.ofSeconds(2),
                Clock.systemUTC());
        Path journal = dir.resolve("j.jsonl");

        List<PlanItem> done;
        try (JournalWriter writer = JournalWriter.open(journal)) {
            done = enforcer.apply(List.of(item), writer, "run-1", CollectProgress.NONE);
        }

        assertThat(done).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(Outcome.NOT_APPLIED);
            assertThat(d.detail()).contains("not read back").contains("Unavailable");
        });
        JournalFile read = JournalFile.read(journal, false);
        assertThat(read.changes()).singleElement()
                .satisfies(c -> assertThat(c.after().result()).isEqualTo(JournalLine.Result.NOT_APPLIED));
        assertThat(read.toUndo()).as("AWS took the call: a rollback must still undo it").hasSize(1);
    }
}
