package io.imdsguard.trace.ssm;

import java.util.regex.Pattern;

/**
 * SendCommand's rate limits, as the user gave them and SSM accepts them: MaxConcurrency (hosts at once)
 * and MaxErrors (failures before SSM stops sending), each a count or a percentage; and the delivery
 * timeout (TimeoutSeconds: how long SSM waits for an offline host to come back before giving up).
 */
public record CommandSettings(String maxConcurrency, String maxErrors, int deliveryTimeoutSeconds) {
    public static final String DEFAULT_MAX_CONCURRENCY = "10";
    public static final String DEFAULT_MAX_ERRORS = "25%";
    /** Ten minutes: a host that does not take the command by then is reported, not waited for. */
    public static final int DEFAULT_DELIVERY_TIMEOUT = 600;
    // The patterns of the SendCommand API reference.
    private static final Pattern CONCURRENCY = Pattern.compile("([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)");
    private static final Pattern ERRORS = Pattern.compile("([1-9][0-9]*|0|[1-9][0-9]%|[0-9]%|100%)");

    public CommandSettings {
        if (maxConcurrency.length() > 7 || !CONCURRENCY.matcher(maxConcurrency).matches()) {
            throw new IllegalArgumentException("--max-concurrency must be a number of hosts (1 or more) or a "
                    + "percentage (1%-100%), got '" + maxConcurrency + "'");
        }
        if (maxErrors.length() > 7 || !ERRORS.matcher(maxErrors).matches()) {
            throw new IllegalArgumentException("--max-errors must be a number of hosts (0 or more) or a "
                    + "percentage (0%-100%), got '" + maxErrors + "'");
        }
        if (deliveryTimeoutSeconds < 30) {
            throw new IllegalArgumentException("the delivery timeout must be at least 30 seconds");
        }
    }

    public static CommandSettings of(String maxConcurrency, String maxErrors) {
        return new CommandSettings(maxConcurrency == null ? DEFAULT_MAX_CONCURRENCY : maxConcurrency.strip(),
                maxErrors == null ? DEFAULT_MAX_ERRORS : maxErrors.strip(), DEFAULT_DELIVERY_TIMEOUT);
    }
}
