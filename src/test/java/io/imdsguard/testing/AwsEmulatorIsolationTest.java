package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The second class of the reset proof (with {@link AwsEmulatorTest}): whichever runs second finds the
 * other's marker VPC gone. Also shows the {@code @ExtendWith} + parameter injection style.
 */
@ExtendWith(AwsEmulator.class)
class AwsEmulatorIsolationTest {

    @Test
    void seesNoStateFromOtherClassesAndLeavesSomeBehind(AwsEmulator aws) {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder())) {
            assertThat(ReuseCheck.markedVpcs(ec2)).isEmpty();
            ReuseCheck.createMarkedVpc(ec2, "AwsEmulatorIsolationTest");
            assertThat(ReuseCheck.markedVpcs(ec2)).hasSize(1);
        }
    }
}
