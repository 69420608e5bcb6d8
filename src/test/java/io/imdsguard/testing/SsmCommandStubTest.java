package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;

/** SendCommand goes to moto; GetCommandInvocation for seeded instances returns the seeded output. */
@ExtendWith(AwsEmulator.class)
class SsmCommandStubTest {

    @Test
    void seededOutputIsReturnedAndTruncatedLikeAws(AwsEmulator aws) {
        String longOutput = "x".repeat(SsmCommandOutputStub.STDOUT_LIMIT + 500);
        aws.seedCommandOutput("eu-west-1", "i-0aaaaaaaaaaaaaaa1", SsmCommandOutput.success("{\"pids\":[1]}"));
        aws.seedCommandOutput("eu-west-1", "i-0aaaaaaaaaaaaaaa2", SsmCommandOutput.success(longOutput));
        try (SsmClient ssm = aws.client(SsmClient.builder(), "eu-west-1")) {
            String commandId = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript")
                    .instanceIds("i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2")
                    .parameters(java.util.Map.of("commands", java.util.List.of("echo hi")))).command().commandId();

            GetCommandInvocationResponse first = ssm.getCommandInvocation(
                    r -> r.commandId(commandId).instanceId("i-0aaaaaaaaaaaaaaa1"));
            assertThat(first.status()).isEqualTo(CommandInvocationStatus.SUCCESS);
            assertThat(first.standardOutputContent()).isEqualTo("{\"pids\":[1]}");
            assertThat(first.commandId()).isEqualTo(commandId);

            GetCommandInvocationResponse second = ssm.getCommandInvocation(
                    r -> r.commandId(commandId).instanceId("i-0aaaaaaaaaaaaaaa2"));
            assertThat(second.standardOutputContent()).hasSize(SsmCommandOutputStub.STDOUT_LIMIT);
        }
    }

    @Test
    void listCommandInvocationsPagesTheCommandsInstancesWithSeededStates(AwsEmulator aws) {
        List<String> ids = IntStream.range(0, 7).mapToObj(i -> String.format("i-0bbbbbbbbbbbbbb%02d", i)).toList();
        aws.seedCommandOutput("eu-west-2", ids.get(1), SsmCommandOutput.failed(2, "x".repeat(3_000)));
        aws.seedCommandOutput("eu-west-2", ids.get(2), SsmCommandOutput.inProgress());
        try (SsmClient ssm = aws.client(SsmClient.builder(), "eu-west-2");
                SsmClient elsewhere = aws.client(SsmClient.builder(), "eu-west-3")) {
            String commandId = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(ids)
                    .comment("c1").parameters(Map.of("commands", List.of("echo hi")))).command().commandId();
            ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds("i-0ccccccccccccccc1")
                    .parameters(Map.of("commands", List.of("echo other"))));

            ListCommandInvocationsResponse first = ssm.listCommandInvocations(r -> r.commandId(commandId).maxResults(5));
            assertThat(first.commandInvocations()).hasSize(5);
            assertThat(first.nextToken()).isNotNull();
            List<CommandInvocation> all = ssm.listCommandInvocationsPaginator(r -> r.commandId(commandId).maxResults(5)
                    .details(true)).commandInvocations().stream().toList();
            assertThat(all).extracting(CommandInvocation::instanceId).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(all).allSatisfy(inv -> assertThat(inv.commandId()).isEqualTo(commandId));
            CommandInvocation failed = all.stream().filter(i -> i.instanceId().equals(ids.get(1))).findFirst().orElseThrow();
            assertThat(failed.statusAsString()).isEqualTo("Failed");
            assertThat(failed.commandPlugins().get(0).output()).hasSize(SsmCommandInvocationsStub.DETAILS_OUTPUT_LIMIT);
            assertThat(failed.commandPlugins().get(0).responseCode()).isEqualTo(2);
            assertThat(all.stream().filter(i -> i.instanceId().equals(ids.get(2))).findFirst().orElseThrow()
                    .statusAsString()).isEqualTo("InProgress");
            assertThat(all.stream().filter(i -> i.instanceId().equals(ids.get(0))).findFirst().orElseThrow()
                    .statusAsString()).isEqualTo("Success");

            assertThat(ssm.listCommandInvocations(r -> r.commandId(commandId)).commandInvocations().get(0)
                    .commandPlugins()).isEmpty();
            assertThat(ssm.listCommandInvocations(r -> r.commandId(commandId).instanceId(ids.get(3)))
                    .commandInvocations()).extracting(CommandInvocation::instanceId).containsExactly(ids.get(3));
            assertThat(ssm.listCommandInvocations(r -> r.instanceId("i-0ccccccccccccccc1")).commandInvocations())
                    .hasSize(1);
            // Commands belong to the region they were sent in.
            assertThat(elsewhere.listCommandInvocations(r -> r.instanceId(ids.get(0))).commandInvocations()).isEmpty();
        }
    }

    @Test
    void listCommandsNamesOnlyTheInstancesSendCommandAskedFor(AwsEmulator aws) {
        // moto alone adds every EC2 instance of the region to a command sent without Targets.
        String region = "ap-southeast-2";
        List<String> launched;
        try (FleetBuilder fleet = aws.fleet(region)) {
            NetworkFleet.VpcRef vpc = fleet.network().vpc("10.30.0.0/16", false);
            String subnet = fleet.network().subnet(vpc.id(), "10.30.1.0/24", null, false);
            launched = IntStream.range(0, 3).mapToObj(i -> fleet.compute().run(InstanceSpec.in(subnet)).instanceId())
                    .toList();
        }
        try (SsmClient ssm = aws.client(SsmClient.builder(), region)) {
            var sent = ssm.sendCommand(r -> r.documentName("AWS-RunShellScript").instanceIds(launched.get(0))
                    .parameters(Map.of("commands", List.of("echo hi")))).command();
            assertThat(sent.instanceIds()).containsExactly(launched.get(0));
            assertThat(ssm.listCommands(r -> r.commandId(sent.commandId())).commands()).singleElement()
                    .satisfies(c -> assertThat(c.instanceIds()).containsExactly(launched.get(0)));
            assertThat(ssm.listCommands(r -> r.instanceId(launched.get(1))).commands()).isEmpty();
            assertThat(ssm.listCommandInvocations(r -> r.commandId(sent.commandId())).commandInvocations())
                    .extracting(CommandInvocation::instanceId).containsExactly(launched.get(0));
        }
    }
}
