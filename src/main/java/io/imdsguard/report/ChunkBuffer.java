package io.imdsguard.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 bytes written into a growable array that is kept for the next use (a {@link java.io.ByteArrayOutputStream}
 * would copy its bytes once more to hand them out, and be new each time). Not thread-safe: one writer at a time.
 */
final class ChunkBuffer extends OutputStream {
    private byte[] bytes = new byte[1 << 16];
    private int length;

    void clear() {
        length = 0;
    }

    @Override
    public void write(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
    }

    @Override
    public void write(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    /**
     * Writes the bytes to {@code out} without the ASCII {@code prefix} and {@code suffix} they must start and end with.
     *
     * @throws IllegalStateException when they do not: the bytes are not what the caller expects to join
     */
    void writeInner(OutputStream out, String prefix, String suffix) throws IOException {
        checkFrame(prefix, suffix);
        out.write(bytes, prefix.length(), length - prefix.length() - suffix.length());
    }

    /** As {@link #writeInner(OutputStream, String, String)}, decoded for a writer of text. */
    void writeInner(Writer out, String prefix, String suffix) throws IOException {
        checkFrame(prefix, suffix);
        out.write(new String(bytes, prefix.length(), length - prefix.length() - suffix.length(), StandardCharsets.UTF_8));
    }

    private void checkFrame(String prefix, String suffix) {
        if (length < prefix.length() + suffix.length() || !startsWith(0, prefix) || !startsWith(length - suffix.length(), suffix)) {
            throw new IllegalStateException("expected bytes between '" + prefix + "' and '" + suffix + "', got '"
                    + new String(bytes, 0, Math.min(length, 40), StandardCharsets.UTF_8) + "...'");
        }
    }

    private boolean startsWith(int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    @Override
    public void flush() {
        // nothing is held elsewhere
    }

    @Override
    public void close() {
        // the bytes stay readable: the buffer is reused, never closed for good
    }
}
