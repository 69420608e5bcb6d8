package io.imdsguard.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the clients closes the credentials provider they built, and leaves a caller's alone. */
class AwsClientsTest {
    private static final AwsSettings SETTINGS = new AwsSettings("us-east-1", null, null);

    @Test
    void closesOnlyTheCredentialsProviderItOwns() {
        ClosableProvider built = new ClosableProvider();
        new AwsClients(SETTINGS, new ApiCallCounter(), built, true).close();
        assertThat(built.closed).isTrue();

        ClosableProvider callers = new ClosableProvider();
        new AwsClients(SETTINGS, new ApiCallCounter(), callers).close();
        assertThat(callers.closed).isFalse();
    }

    private static final class ClosableProvider implements AwsCredentialsProvider, SdkAutoCloseable {
        volatile boolean closed;

        @Override
        public AwsCredentials resolveCredentials() {
            return AwsBasicCredentials.create("testing", "testing");
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
