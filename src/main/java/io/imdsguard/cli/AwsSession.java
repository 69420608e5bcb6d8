package io.imdsguard.cli;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsProfileException;
import io.imdsguard.aws.EndpointText;
import io.imdsguard.aws.NoAnswerException;
import io.imdsguard.collect.ErrorText;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.function.Supplier;

/**
 * AWS as the commands that act on it (trace, enforce) reach it: clients from the usual options, the account from STS, and a
 * failed call that stops the command turned into one line naming the call (exit 2).
 */
final class AwsSession implements AutoCloseable {
    final AwsClients clients;

    private AwsSession(AwsClients clients) {
        this.clients = clients;
    }

    static AwsSession open(AwsOptions options) {
        try {
            return new AwsSession(new AwsClients(options.settings(), new ApiCallCounter()));
        } catch (AwsProfileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    String account() {
        return call("STS GetCallerIdentity", () -> clients.sts().getCallerIdentity(r -> { }).account());
    }

    String homeRegion() {
        return clients.homeRegion().id();
    }

    /** Runs a call whose failure ends the command. */
    <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new UsageException(what + " failed: " + describe(e), e);
        }
    }

    /** One line for a failed call, without request ids. */
    String describe(SdkException e) {
        if (e instanceof SdkClientException client && NoAnswerException.in(client).isEmpty()) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            if (message.startsWith("Unable to load credentials") || message.contains("Profile file contained no credentials")) {
                return "no usable AWS credentials (use --profile, AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)";
            }
            String where = clients.endpoint().map(uri -> EndpointText.of(uri.toString()))
                    .orElse("the " + homeRegion() + " endpoints");
            return "cannot reach AWS at " + where + ": " + ErrorText.rootMessage(e);
        }
        return ErrorText.of(e);
    }

    @Override
    public void close() {
        clients.close();
    }
}
