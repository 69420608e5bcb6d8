package io.imdsguard.aws;

import software.amazon.awssdk.core.exception.SdkClientException;

import java.time.Duration;
import java.util.Optional;

/**
 * A call that timed out: the endpoint took the connection (or never gave one) and did not answer in
 * time. Its message says what was waited for, and how long: "no answer from https://host within 15s".
 */
public final class NoAnswerException extends SdkClientException {
    private static final long serialVersionUID = 1L;

    private final String service;
    private final String operation;
    private final String region;

    NoAnswerException(String service, String operation, String region, String message, Throwable cause) {
        super(SdkClientException.builder().message(message).cause(cause));
        this.service = service;
        this.operation = operation;
        this.region = region;
    }

    /** The timeout behind a failed call: the exception itself or one of its causes. */
    public static Optional<NoAnswerException> in(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof NoAnswerException n) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The call as a person would name it: "ec2 DescribeInstances in us-east-1: no answer from ... within 15s". */
    public String describe() {
        return service + " " + operation + (region == null ? "" : " in " + region) + ": " + getMessage();
    }

    /** "15s", "2m", "1500ms": how a timeout reads in a message. */
    public static String text(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
