package io.imdsguard.trace.log;

import io.imdsguard.trace.TraceSummary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packet analyzer's log parser: every line shape of releases 1.0 to 1.5 ({@link LineParser}),
 * tokens removed before a line is read ({@link TokenRedaction}), a call logged once per kernel probe
 * counted once ({@link TraceAccumulator}). Lines it cannot read are counted, never fatal.
 */
public final class TraceLogParser {

    /** What a parse found: the summary, and plain notes about the trace itself (lost events, probes). */
    public record Result(TraceSummary summary, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    /** Rotated files, given in any order, are read oldest first ({@code imds-trace.log.5} .. {@code .1}, then {@code imds-trace.log}). */
    public TraceSummary parse(List<Path> logFiles) throws IOException {
        return parseWithNotes(logFiles).summary();
    }

    public TraceSummary parse(String name, Reader text) throws IOException {
        TraceAccumulator acc = new TraceAccumulator();
        read(text, acc);
        return acc.summary();
    }

    /** As {@link #parse(List)}, with the notes. An unreadable file is an IOException naming it. */
    public Result parseWithNotes(List<Path> logFiles) throws IOException {
        TraceAccumulator acc = new TraceAccumulator();
        for (Path file : RotationOrder.oldestFirst(logFiles)) {
            try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE))) {
                read(in, acc);
            }
        }
        return new Result(acc.summary(), acc.notes());
    }

    /** The files in the order {@link #parse(List)} reads them. */
    public static List<Path> readingOrder(List<Path> logFiles) {
        return RotationOrder.oldestFirst(logFiles);
    }

    static void read(Reader text, TraceAccumulator acc) throws IOException {
        BufferedReader lines = text instanceof BufferedReader b ? b : new BufferedReader(text);
        String line;
        while ((line = lines.readLine()) != null) {
            acc.accept(line);
        }
    }
}
