package io.imdsguard.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;

/**
 * Text written as UTF-8 to a byte stream that stays open: closing the writer only flushes it. Serializers
 * close what they write to, and the stream belongs to whoever opened it (a file being replaced, say).
 */
public final class Utf8Writer extends BufferedWriter {
    public Utf8Writer(OutputStream out) {
        super(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
