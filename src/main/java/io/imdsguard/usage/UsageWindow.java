package io.imdsguard.usage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time range CloudWatch is asked about: the last {@code days} days up to {@code to}, read as one
 * period so that each metric of each instance comes back as a single sum.
 */
public record UsageWindow(int days, Instant from, Instant to) {
    public static final int DEFAULT_DAYS = 14;
    /** CloudWatch keeps hourly data points for 455 days; older ones are gone. */
    public static final int MAX_DAYS = 455;

    public UsageWindow {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", got " + days);
        }
    }

    /**
     * The last {@code days} days, ending at the last whole minute. Whole minutes and a period of whole
     * days (a multiple of 3600 s) meet CloudWatch's rule for data older than 63 days, under which a
     * period that is not a multiple of an hour returns no data points at all.
     */
    public static UsageWindow lastDays(int days, Clock clock) {
        Instant to = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return new UsageWindow(days, to.minus(Duration.ofDays(days)), to);
    }

    /** The GetMetricData period covering the whole window, in seconds. */
    public int periodSeconds() {
        return Math.toIntExact(Duration.between(from, to).toSeconds());
    }
}
