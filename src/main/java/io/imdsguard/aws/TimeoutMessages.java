package io.imdsguard.aws;

import org.apache.http.conn.ConnectTimeoutException;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns the SDK's timeout failures ("Read timed out", "did not complete before the specified timeout
 * configuration: 15000 millis") into a {@link NoAnswerException} that names the endpoint and the wait
 * (find it with {@link NoAnswerException#in}). It runs once per call, after the retries, so retrying
 * still sees the SDK's own exceptions.
 */
final class TimeoutMessages implements ExecutionInterceptor {
    private final Duration silence;
    private final Duration attempt;
    private final Duration total;
    private final Duration connect;

    /**
     * @param silence how long a connection may stay silent (the socket read timeout)
     * @param attempt how long one attempt may take while its answer keeps arriving
     */
    TimeoutMessages(Duration silence, Duration attempt, Duration total, Duration connect) {
        this.silence = silence;
        this.attempt = attempt;
        this.total = total;
        this.connect = connect;
    }

    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable e = context.exception();
        String waited = waited(e);
        if (waited == null) {
            return e;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Region region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        String where = context.httpRequest().map(TimeoutMessages::endpoint).orElse("the endpoint");
        String message = (waited.startsWith("connect") ? "no connection to " : "no answer from ") + where
                + " within " + waited.substring(waited.indexOf(' ') + 1);
        // The SDK's service names are the signing names capitalised ("Ec2", "STS"): lower-case is ours.
        NoAnswerException noAnswer = new NoAnswerException(service == null ? "aws" : service.toLowerCase(Locale.ROOT),
                operation == null ? "call" : operation, region == null ? null : region.id(), message, e);
        // The SDK insists on an exception of the original's class; its timeout classes are final, so carry ours as the cause.
        if (e.getClass().isInstance(noAnswer)) {
            return noAnswer;
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return ApiCallAttemptTimeoutException.create(message, noAnswer);
        }
        if (e instanceof ApiCallTimeoutException) {
            return ApiCallTimeoutException.create(message, noAnswer);
        }
        return e;
    }

    /** "connect 5s" or "answer 15s" for a timeout, null for any other failure. */
    private String waited(Throwable e) {
        if (e instanceof ApiCallTimeoutException) {
            return "answer " + NoAnswerException.text(total);
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return "answer " + NoAnswerException.text(attempt);
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // Apache's connect timeout is an InterruptedIOException that wraps a SocketTimeoutException: test it first.
            if (c instanceof ConnectTimeoutException) {
                return "connect " + NoAnswerException.text(connect);
            }
            if (c instanceof SocketTimeoutException) {
                return "answer " + NoAnswerException.text(silence);
            }
        }
        return null;
    }

    private static String endpoint(SdkHttpRequest request) {
        int standard = "https".equalsIgnoreCase(request.protocol()) ? 443 : 80;
        boolean defaultPort = request.port() == standard || request.port() < 0;
        return EndpointText.of(request.protocol() + "://" + request.host() + (defaultPort ? "" : ":" + request.port()));
    }
}
