package io.imdsguard.trace.log;

import io.imdsguard.trace.TraceSummary;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/** The packet analyzer's log parser. (Being written on branch h-parse.) */
public final class TraceLogParser {

    public TraceSummary parse(List<Path> logFiles) throws IOException {
        throw new UnsupportedOperationException("the trace log parser is not written yet");
    }

    public TraceSummary parse(String name, Reader text) throws IOException {
        throw new UnsupportedOperationException("the trace log parser is not written yet");
    }
}
