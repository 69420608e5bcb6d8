package io.imdsguard.cli;

import io.imdsguard.report.Utf8Writer;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;

/**
 * Where one output goes, as the user named it: {@code -} is stdout, anything else a file
 * ({@link OutputFile}). A name ending in {@code /} names a directory, so it cannot be a file.
 */
final class Output {
    /** The one line for a report lost on stdout: PrintWriter keeps only a flag, not the reason. */
    static final String STDOUT_FAILED = "cannot write to stdout (closed, or no space left); the output is incomplete";

    /** Writes the content as text, or as UTF-8 bytes to a file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;

        /** The same content as UTF-8 bytes; {@code out} stays open. By default the text, encoded. */
        default void writeTo(OutputStream out) throws IOException {
            Writer text = new Utf8Writer(out);
            writeTo(text);
            text.flush();
        }
    }

    private final OutputFile file;
    private final PrintWriter stdout;

    private Output(OutputFile file, PrintWriter stdout) {
        this.file = file;
        this.stdout = stdout;
    }

    /** {@code option} names the flag in messages. */
    static Output of(String raw, String option, PrintWriter stdout) {
        if (isStdio(raw)) {
            return new Output(null, stdout);
        }
        if (raw.isBlank()) {
            throw new UsageException(option + ": empty path");
        }
        if (namesDirectory(raw)) {
            throw new UsageException("cannot write " + raw + ": a path ending in '/' is a directory; " + option + " needs a file name");
        }
        return new Output(new OutputFile(raw, Path.of(raw)), stdout);
    }

    /** {@code -} as a file name: stdout where a file is written, stdin where one is read. */
    static boolean isStdio(String raw) {
        return "-".equals(raw);
    }

    static boolean isStdio(Path path) {
        return path != null && isStdio(path.toString());
    }

    /** Path drops a trailing separator, so only the text as typed tells "dir/" from "dir". */
    static boolean namesDirectory(String raw) {
        return raw.endsWith("/") || raw.endsWith(java.io.File.separator);
    }

    boolean isStdout() {
        return file == null;
    }

    void checkWritable() {
        if (file != null) {
            file.checkWritable();
        }
    }

    void write(Content content) throws IOException {
        if (file != null) {
            file.write(content);
            return;
        }
        content.writeTo(new FilterWriter(stdout) {
            @Override
            public void close() {
                // Serializers close what they write to; stdout must stay open for what follows.
                flush();
            }

            @Override
            public void flush() {
                stdout.flush();
            }
        });
        checkStdout(stdout);
    }

    /** A write to stdout that failed is an error, not a silently lost report. */
    static void checkStdout(PrintWriter stdout) {
        if (stdout.checkError()) {
            throw new UsageException(STDOUT_FAILED);
        }
    }
}
