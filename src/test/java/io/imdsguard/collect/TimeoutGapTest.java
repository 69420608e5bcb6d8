package io.imdsguard.collect;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.testing.SilentEndpoint;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A call that gets no answer becomes a gap saying what was waited for, after the timeout and not minutes. */
class TimeoutGapTest {
    @Test
    void aCallWithoutAnswerIsAGapNamingTheEndpointAndTheWait() throws Exception {
        try (SilentEndpoint silent = new SilentEndpoint();
             AwsClients clients = new AwsClients(new AwsSettings("us-east-1", silent.uri(), null, Duration.ofMillis(500)),
                     new ApiCallCounter(), StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))) {
            Gaps gaps = new Gaps();
            AwsCalls calls = new AwsCalls("111122223333", "eu-west-1", Ec2Collector.SERVICE, gaps);
            long started = System.nanoTime();

            assertThat(calls.list("DescribeVpcs", "VPC",
                    () -> clients.ec2("eu-west-1").describeVpcs().vpcs(), v -> v.vpcId(), v -> v)).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
            assertThat(gaps.sorted()).containsExactly(new CollectionGap("111122223333", "eu-west-1", "ec2",
                    "DescribeVpcs", "no answer from " + silent.uri() + " within 500ms"));
        }
    }
}
