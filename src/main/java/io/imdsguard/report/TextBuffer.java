package io.imdsguard.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * Text written into a growable array that is kept for the next use (a {@link java.io.StringWriter} would
 * copy its text once more to hand it out, and be new each time). Not thread-safe: one writer at a time.
 */
final class TextBuffer extends Writer {
    private char[] chars = new char[1 << 16];
    private int length;

    void clear() {
        length = 0;
    }

    @Override
    public void write(char[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, chars, length, count);
        length += count;
    }

    @Override
    public void write(String text, int offset, int count) {
        ensure(count);
        text.getChars(offset, offset + count, chars, length);
        length += count;
    }

    @Override
    public void write(int c) {
        ensure(1);
        chars[length++] = (char) c;
    }

    /**
     * Writes the text to {@code out} without the {@code prefix} and {@code suffix} it must start and end with.
     *
     * @throws IllegalStateException when it does not: the text is not what the caller expects to join
     */
    void writeInner(Writer out, String prefix, String suffix) throws IOException {
        if (length < prefix.length() + suffix.length() || !startsWith(0, prefix) || !startsWith(length - suffix.length(), suffix)) {
            throw new IllegalStateException("expected text between '" + prefix + "' and '" + suffix + "', got '"
                    + new String(chars, 0, Math.min(length, 40)) + "...'");
        }
        out.write(chars, prefix.length(), length - prefix.length() - suffix.length());
    }

    private boolean startsWith(int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (chars[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void ensure(int more) {
        if (length + more > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + more));
        }
    }

    @Override
    public void flush() {
        // nothing is held elsewhere
    }

    @Override
    public void close() {
        // the text stays readable: the buffer is reused, never closed for good
    }
}
