package io.imdsguard.trace.log;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes IMDSv2 session tokens from an analyzer log line before anything else reads it. Analyzer
 * releases 1.1 to 1.3 wrote the request headers, token included, in clear; any release writes a
 * process's argv, and {@code curl -H "X-aws-ec2-metadata-token: ..."} puts a token there.
 *
 * <p>Two rules, applied in this order, mirrored exactly by the host collect script (so that a log
 * parsed here and the same log compacted there give the same result):
 * <ol>
 *   <li>the header name {@code x-aws-ec2-metadata-token} (any case; not the {@code -ttl-seconds}
 *       header of the token request, whose value is a number) and everything after it up to the end
 *       of that header or process: the next {@code ", "}, {@code ") -> (pid:"},
 *       {@code ") called by -> (pid:"}, {@code ") req details: "} (any case), or a {@code ")"} that
 *       ends the line, else the end of the line. The name stays, the value becomes
 *       {@value #REDACTED}.</li>
 *   <li>anything token-shaped left: a run of at least 40 base64 characters followed by {@code ==}
 *       (the shape of every IMDSv2 token) becomes {@value #REDACTED}.</li>
 * </ol>
 * The rules are idempotent, so already redacted text passes through unchanged.
 */
public final class TokenRedaction {
    public static final String REDACTED = "**redacted**";
    static final String HEADER = "x-aws-ec2-metadata-token";
    private static final String[] ENDS = {", ", ") -> (pid:", ") called by -> (pid:", ") req details: "};
    private static final Pattern TOKEN_SHAPED = Pattern.compile("[A-Za-z0-9_+/-]{40,}==");

    private TokenRedaction() {
    }

    public static String redact(String line) {
        return redactTokenShapes(redactHeaders(line));
    }

    private static String redactHeaders(String line) {
        String lower = Ascii.lower(line);
        if (!lower.contains(HEADER)) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int from = 0;
        int at;
        while ((at = lower.indexOf(HEADER, from)) >= 0) {
            int valueStart = at + HEADER.length();
            if (valueStart < line.length() && line.charAt(valueStart) == '-') {
                out.append(line, from, valueStart);
                from = valueStart;
                continue;
            }
            int end = valueEnd(lower, valueStart);
            out.append(line, from, valueStart).append(": ").append(REDACTED);
            from = end;
        }
        return out.append(line, from, line.length()).toString();
    }

    /** Where the header's value ends: the first terminator after it, else a line-ending ')', else the end. */
    private static int valueEnd(String lower, int from) {
        int end = -1;
        for (String terminator : ENDS) {
            int i = lower.indexOf(terminator, from);
            if (i >= 0 && (end < 0 || i < end)) {
                end = i;
            }
        }
        if (end >= 0) {
            return end;
        }
        return lower.endsWith(")") && lower.length() - 1 >= from ? lower.length() - 1 : lower.length();
    }

    private static String redactTokenShapes(String line) {
        if (!line.contains("==")) {
            return line;
        }
        Matcher m = TOKEN_SHAPED.matcher(line);
        return m.find() ? m.replaceAll(Matcher.quoteReplacement(REDACTED)) : line;
    }
}
