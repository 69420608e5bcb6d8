package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.GetCommandInvocationResponse;

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
}
