package io.imdsguard.enforce;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Run ids for the journal, such as {@code enforce-20261201-213004-9f3a}: when (UTC), and a random suffix. */
public final class RunNames {
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunNames() {
    }

    /** @param kind {@code enforce}, {@code region-defaults} or {@code rollback} */
    public static String next(String kind, Clock clock) {
        byte[] suffix = new byte[2];
        RANDOM.nextBytes(suffix);
        return kind + "-" + SECOND.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }
}
