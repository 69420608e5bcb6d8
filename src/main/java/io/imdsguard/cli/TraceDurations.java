package io.imdsguard.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the trace options take them: 90s, 30m, 2h, 1d, or plain seconds. */
final class TraceDurations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)?");

    private TraceDurations() {
    }

    static Duration parse(String option, String text, Duration min, Duration max) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + " must be a duration such as 30m, 2h or 1d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new UsageException(option + " must be between " + words(min) + " and " + words(max) + ", got '" + text + "'");
        }
        return d;
    }

    /** 2h, 90m, 45s: the largest unit that divides it. */
    static String words(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
