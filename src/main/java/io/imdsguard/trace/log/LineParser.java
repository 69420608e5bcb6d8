package io.imdsguard.trace.log;

import io.imdsguard.trace.ProcessRef;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of the packet analyzer's log, as every release wrote it
 * ({@code [%(asctime)s] [%(levelname)s] %(message)s}):
 * <ul>
 *   <li>1.0: {@code [2026-03-02T10:01:10] [WARNING] IMDSv1(!) (pid:..)}, no request details;</li>
 *   <li>1.1-1.3: {@code [2026-03-02 10:01:10,500] [WARNING] IMDSv1(!) (pid:..) Req details: GET /path HTTP/1.1, Host: ..};</li>
 *   <li>1.4 on: the message lower-cased ({@code imdsv1(!) (pid:..) req details: get /path http/1.1, ..});</li>
 *   <li>{@code {MISSING PAYLOAD} } before the message (ERROR level) when the request was not captured.</li>
 * </ul>
 * A process is {@code (pid:N:comm argv:ARGS)} or {@code (pid:N unable to get argv information)};
 * the caller's parents follow as {@code called by -> (..) -> (..)}. Lines the analyzer's start-up and
 * BCC write are recognised too. The line must already be redacted ({@link TokenRedaction}).
 */
final class LineParser {
    private static final Pattern STAMPED = Pattern.compile(
            "\\[(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[,.](\\d{1,9}))?] \\[([A-Z]+)] ?(.*)", Pattern.DOTALL);
    private static final Pattern LEVEL_ONLY = Pattern.compile("\\[([A-Z]+)] (.*)", Pattern.DOTALL);
    private static final Pattern LOST = Pattern.compile(".*Possibly lost (\\d{1,18}) samples.*");
    private static final Pattern PROBE_FAILED = Pattern.compile(
            "(?:Cannot attach kprobe to (\\S+), it depends on your kernels\\.|Failed to attach kprobe to (\\S+), using older kernel implementation)");
    private static final String PROBE_START = "Try to attach multiple kernel functions to make sure the event can be triggered in most cases.";
    private static final List<String> ANALYZER_SAYS = List.of("Starting ImdsPacketAnalyzer", "Output format:",
            "Logging to ", "Setting log folder to root", "Using config file as one was provided", "You need to have root");
    private static final String MISSING = "{MISSING PAYLOAD} ";
    private static final String DETAILS = ") req details:";
    /** Between two processes of the chain; the lookahead keeps an argv holding " -> (" in one piece. */
    private static final Pattern SEPARATOR = Pattern.compile(
            "\\) (?:called by )?-> \\((?=pid:\\d+(?::|\\s+unable to get argv information(?:\\)|$)))", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROCESS = Pattern.compile(
            "pid:(\\d{1,10})(?::(.*?) argv:(.*)|\\s+unable to get argv information)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern REQUEST = Pattern.compile("([A-Za-z]+) (\\S+).*", Pattern.DOTALL);

    private LineParser() {
    }

    static LogLine parse(String line) {
        if (line.isBlank()) {
            return LogLine.of(LogLine.Kind.BLANK);
        }
        String time = null;
        String level;
        String message;
        Matcher stamped = STAMPED.matcher(line);
        Matcher levelOnly;
        if (stamped.matches()) {
            time = isoTime(stamped.group(1), stamped.group(2), stamped.group(3));
            level = stamped.group(4);
            message = stamped.group(5);
        } else if ((levelOnly = LEVEL_ONLY.matcher(line)).matches()) {
            // The analyzer's stdout (the journal) has the level but no time.
            level = levelOnly.group(1);
            message = levelOnly.group(2);
        } else {
            return notACall(line);
        }
        LogLine call = call(time, level, message);
        return call != null ? call : notACall(message);
    }

    private static LogLine notACall(String message) {
        Matcher lost = LOST.matcher(message);
        if (lost.matches()) {
            return new LogLine(LogLine.Kind.LOST_SAMPLES, null, null, false, List.of(), null,
                    Long.parseLong(lost.group(1)), null);
        }
        String text = message.strip();
        if (text.equals(PROBE_START)) {
            return LogLine.of(LogLine.Kind.PROBE_START);
        }
        Matcher probe = PROBE_FAILED.matcher(text);
        if (probe.matches()) {
            String function = probe.group(1) != null ? probe.group(1) : probe.group(2);
            return new LogLine(LogLine.Kind.PROBE_FAILED, null, null, false, List.of(), null, 0, function);
        }
        return ANALYZER_SAYS.stream().anyMatch(text::startsWith) ? LogLine.of(LogLine.Kind.ANALYZER_INFO)
                : LogLine.of(LogLine.Kind.UNPARSED);
    }

    private static LogLine call(String time, String level, String message) {
        boolean missing = message.startsWith(MISSING);
        String m = missing ? message.substring(MISSING.length()) : message;
        String lower = Ascii.lower(m);
        LogLine.Kind kind;
        String rest;
        if (lower.startsWith("imdsv1(!) ")) {
            kind = LogLine.Kind.V1_CALL;
            rest = m.substring("imdsv1(!) ".length());
        } else if (lower.startsWith("imdsv2 ")) {
            kind = LogLine.Kind.V2_CALL;
            rest = m.substring("imdsv2 ".length());
        } else {
            return null;
        }
        String lowerRest = Ascii.lower(rest);
        if (!lowerRest.startsWith("(pid:")) {
            return null;
        }
        int details = lowerRest.indexOf(DETAILS);
        String chainText;
        String path = null;
        if (details >= 0) {
            chainText = rest.substring(1, details);
            path = path(rest.substring(details + DETAILS.length()));
        } else if (rest.endsWith(")")) {
            chainText = rest.substring(1, rest.length() - 1);
        } else {
            return null;
        }
        List<ProcessRef> chain = chain(chainText);
        if (chain == null) {
            return null;
        }
        return new LogLine(kind, time, level, missing, chain, path, 0, null);
    }

    private static List<ProcessRef> chain(String text) {
        List<ProcessRef> chain = new ArrayList<>();
        for (String part : SEPARATOR.split(text, -1)) {
            Matcher p = PROCESS.matcher(part);
            if (!p.matches()) {
                return null;
            }
            long pid = Long.parseLong(p.group(1));
            if (pid > Integer.MAX_VALUE) {
                return null;
            }
            String argv = p.group(3);
            chain.add(new ProcessRef((int) pid, p.group(2), argv == null || argv.isBlank() ? null : argv));
        }
        return chain;
    }

    /** The path of the request line (the first line of the payload), without query or fragment. */
    private static String path(String details) {
        String first = details.strip();
        int comma = first.indexOf(", ");
        if (comma >= 0) {
            first = first.substring(0, comma);
        }
        Matcher request = REQUEST.matcher(first);
        if (!request.matches()) {
            return null;
        }
        String url = request.group(2);
        int scheme = url.indexOf("://");
        if (scheme >= 0) {
            int slash = url.indexOf('/', scheme + 3);
            url = slash >= 0 ? url.substring(slash) : "/";
        }
        int cut = indexOfAny(url, '?', '#');
        url = cut >= 0 ? url.substring(0, cut) : url;
        return url.startsWith("/") ? url : null;
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** {@code 2026-03-02}, {@code 10:01:10}, {@code 5} -> {@code 2026-03-02T10:01:10.500}; no fraction is {@code .000}. */
    private static String isoTime(String date, String time, String fraction) {
        String millis = fraction == null ? "000" : (fraction + "00").substring(0, 3);
        return date + "T" + time + "." + millis;
    }
}
