package io.imdsguard.trace.ssm;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids such as {@code trace-20261201-2130-9f3a}: when (UTC, to the minute), and four hex digits for two runs in one minute. */
public final class RunIds {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static String next(Clock clock) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return "trace-" + MINUTE.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }
}
