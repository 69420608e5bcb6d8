package io.imdsguard.trace.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes what the host {@code collect} script printed (format 1, described in its header comment)
 * back into log lines, and reads them with the same parser as a log file. The host only compacts:
 * each distinct line body once, pids taken out, timestamps split into a shared prefix and the rest,
 * identical lines in a row within one second as one record with a count.
 */
public final class CollectOutput {
    static final String HEADER = "#imdsguard-trace-collect ";
    private static final Pattern HEADER_LINE = Pattern.compile("#imdsguard-trace-collect (\\d+) tracer=(running|stopped|absent)\\s*");
    private static final Pattern END = Pattern.compile("#end (?:lines=(\\d+)|cut lines=(\\d+) of=(\\d+))\\s*");
    private static final Pattern TEMPLATE = Pattern.compile("t(\\d+) (.*)", Pattern.DOTALL);
    private static final Pattern RECORD = Pattern.compile("(-|:[0-9:,.]*) (\\d+)(?: ([0-9_]+(?:,[0-9_]+)*))?(?: \\*(\\d+))?");
    private static final String PID = "(pid:";

    private CollectOutput() {
    }

    /** True when {@code text} starts as the collect script's output does (after any blank lines). */
    public static boolean looksLikeCollectOutput(String text) {
        return text.stripLeading().startsWith(HEADER);
    }

    public static CollectedTrace parse(String stdout) throws CollectFormatException {
        String[] lines = stdout.split("\r?\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first == lines.length) {
            throw new CollectFormatException("the output is empty, not the collect script's output");
        }
        Matcher header = HEADER_LINE.matcher(lines[first]);
        if (!header.matches()) {
            throw new CollectFormatException(lines[first].startsWith(HEADER)
                    ? "the collect output's header is not understood (line " + (first + 1) + ")"
                    : "this is not the collect script's output: it does not start with its header line");
        }
        if (!header.group(1).equals("1")) {
            throw new CollectFormatException("collect output format " + header.group(1) + " is not supported (this imdsguard reads 1)");
        }
        int last = lines.length - 1;
        while (last > first && lines[last].isBlank()) {
            last--;
        }
        Matcher end = END.matcher(lines[last]);
        boolean ended = end.matches();
        // Without its trailer the output was cut by SSM, maybe mid-line: a last line without its newline is dropped.
        int stop = ended ? last : stdout.endsWith("\n") ? last + 1 : last;
        Decoder decoder = new Decoder();
        List<String> notes = new ArrayList<>();
        for (int i = first + 1; i < stop; i++) {
            decoder.line(lines[i], i + 1, notes);
        }
        boolean complete = ended && end.group(1) != null;
        if (ended) {
            long said = end.group(1) != null ? Long.parseLong(end.group(1)) : Long.parseLong(end.group(2));
            if (said != decoder.lines) {
                throw new CollectFormatException("the collect output says it holds " + said + " lines but holds "
                        + decoder.lines + " (line " + (last + 1) + ")");
            }
            if (!complete) {
                notes.add("the host's log was too long for the command output: only " + said + " of "
                        + end.group(3) + " lines were read (an S3 output bucket gets all of it)");
            }
        } else {
            notes.add("the collect output was cut short (SSM keeps the first 24,000 characters): part of the log is missing");
        }
        notes.addAll(decoder.acc.notes());
        return new CollectedTrace(decoder.acc.summary(), header.group(2), complete, notes, decoder.logFiles);
    }

    private static final class Decoder {
        final TraceAccumulator acc = new TraceAccumulator();
        final Map<String, String> bodies = new HashMap<>();
        final Map<String, String> lastPids = new HashMap<>();
        String prefix;
        long lines;
        int logFiles;

        void line(String text, int number, List<String> notes) throws CollectFormatException {
            if (text.isEmpty()) {
                return;
            }
            if (text.startsWith("#note ")) {
                notes.add(text.substring("#note ".length()).strip());
                return;
            }
            if (text.startsWith("#file ")) {
                // The journal gives only BCC's lost-sample lines, not the analyzer's log.
                logFiles += text.substring("#file ".length()).strip().equals("journal") ? 0 : 1;
                return;
            }
            if (text.startsWith("#")) {
                return;
            }
            if (text.startsWith("d")) {
                prefix = text.substring(1);
                return;
            }
            Matcher t = TEMPLATE.matcher(text);
            if (t.matches()) {
                bodies.put(t.group(1), t.group(2));
                return;
            }
            Matcher r = RECORD.matcher(text);
            if (!r.matches()) {
                throw new CollectFormatException("the collect output has a line it cannot read (line " + number + ")");
            }
            String body = bodies.get(r.group(2));
            if (body == null) {
                throw new CollectFormatException("the collect output uses line body " + r.group(2)
                        + " before defining it (line " + number + ")");
            }
            String pids = r.group(3) != null ? r.group(3) : lastPids.getOrDefault(r.group(2), "");
            lastPids.put(r.group(2), pids);
            String rest = r.group(1);
            if (!rest.equals("-") && prefix == null) {
                throw new CollectFormatException("the collect output has a time before its first prefix (line " + number + ")");
            }
            String line = (rest.equals("-") ? "" : "[" + prefix + rest + "] ") + withPids(body, pids, number);
            int times = r.group(4) != null ? Integer.parseInt(r.group(4)) : 1;
            for (int i = 0; i < times; i++) {
                acc.accept(line);
            }
            lines += times;
        }


        private static String withPids(String body, String pids, int number) throws CollectFormatException {
            String[] each = pids.isEmpty() ? new String[0] : pids.split(",", -1);
            StringBuilder out = new StringBuilder(body.length() + 8 * each.length);
            int from = 0;
            int slot = 0;
            int at;
            while ((at = body.indexOf(PID, from)) >= 0) {
                if (slot >= each.length) {
                    throw new CollectFormatException("the collect output has too few pids for its line body (line " + number + ")");
                }
                out.append(body, from, at + PID.length()).append(each[slot].equals("_") ? "" : each[slot]);
                slot++;
                from = at + PID.length();
            }
            if (slot != each.length) {
                throw new CollectFormatException("the collect output has too many pids for its line body (line " + number + ")");
            }
            return out.append(body, from, body.length()).toString();
        }
    }
}
