package io.imdsguard.trace.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Files a person hands over: analyzer logs copied from a host (rotated ones together), or one saved
 * output of the host collect script. Which it is, is told by the collect output's header line.
 */
public final class TraceInput {
    private TraceInput() {
    }

    /** Parses {@code files}; a collect output must come alone. */
    public static TraceLogParser.Result read(List<Path> files) throws IOException, CollectFormatException {
        Path collected = null;
        for (Path file : files) {
            if (startsLikeCollectOutput(file)) {
                collected = file;
            }
        }
        if (collected == null) {
            return new TraceLogParser().parseWithNotes(files);
        }
        if (files.size() > 1) {
            throw new CollectFormatException(collected + " is a saved collect output: give it on its own, not with other logs");
        }
        CollectedTrace trace;
        try {
            trace = CollectOutput.parse(text(collected));
        } catch (CollectFormatException e) {
            throw new CollectFormatException(collected + ": " + e.getMessage());
        }
        return new TraceLogParser.Result(trace.summary(), trace.notes());
    }

    private static boolean startsLikeCollectOutput(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(256);
            return CollectOutput.looksLikeCollectOutput(new String(head, StandardCharsets.UTF_8));
        }
    }

    private static String text(Path file) throws IOException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
    }
}
