package io.imdsguard.collect;

import io.imdsguard.aws.NoAnswerException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Optional;

/**
 * One-line error text for a gap or a message: {@code "<ErrorCode>: <message>"}, or for a call that
 * timed out what was waited for ({@code "no answer from https://host within 15s"}). Request ids and
 * the SDK's "(Service: .., Status Code: .., Request ID: ..)" suffix are dropped: they differ on
 * every run and would make snapshots of the same account differ.
 */
public final class ErrorText {
    private ErrorText() {
    }

    public static String of(Throwable e) {
        Optional<NoAnswerException> timeout = NoAnswerException.in(e);
        if (timeout.isPresent()) {
            // Already one line that says what was waited for; the gap's fields name the call.
            return timeout.get().getMessage();
        }
        if (e instanceof AwsServiceException service) {
            AwsErrorDetails details = service.awsErrorDetails();
            String code = details == null || details.errorCode() == null
                    ? "HTTP " + service.statusCode() : details.errorCode();
            // Without a parseable error body the SDK's "message" is only its own suffix: strip it either way.
            String message = stripSuffix(details == null || details.errorMessage() == null
                    ? service.getMessage() : details.errorMessage());
            String text = oneLine(message);
            return code + ": " + (text.isEmpty() ? "the service answered without an error code or message" : text);
        }
        return e.getClass().getSimpleName() + ": " + oneLine(stripSuffix(rootMessage(e)));
    }

    /** The innermost cause's message: "Connection refused" rather than the SDK's wrapper text. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static String stripSuffix(String message) {
        if (message == null) {
            return "";
        }
        // A response without an error body leaves only the suffixes: "(Service: ..) (SDK Attempt Count: 4)".
        if (message.startsWith("(Service: ")) {
            return "";
        }
        int cut = message.indexOf(" (Service: ");
        if (cut < 0) {
            cut = message.indexOf(" (SDK Attempt Count");
        }
        return cut >= 0 ? message.substring(0, cut) : message;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }
}
