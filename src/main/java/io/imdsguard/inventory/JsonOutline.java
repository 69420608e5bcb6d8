package io.imdsguard.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the raw bytes of a JSON document and tells where values begin and end, without tokens and
 * without decoding strings: the outline that lets {@link SplitSnapshotReader} hand byte ranges to
 * threads. It checks the structure it walks (brackets, colons, commas) but not what is skipped inside a
 * value (numbers, literals, escapes): the ranges are bound by Jackson afterwards, which does. Whatever
 * it does not expect throws {@link Unexpected}, and the caller reads the document the ordinary way.
 */
final class JsonOutline {
    /** The document is not what this outline walks: fall back to reading it with Jackson alone. */
    static final class Unexpected extends Exception {
        Unexpected(String what, long offset) {
            super(what + " at byte " + offset, null, false, false);
        }
    }

    /**
     * Deeper than this the outline gives up. Jackson refuses documents nested deeper than 1,000, and the
     * ranges it binds start below their depth in the file, so the limit must be checked here; a snapshot
     * is nested about 10 deep.
     */
    static final int MAX_DEPTH = 500;

    private final InputStream in;
    /** How many objects and arrays that {@link #open} entered are open. */
    private int depth;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** The document offset of {@code buf[0]}. */
    private long base;

    JsonOutline(InputStream in) {
        this(in, 1 << 20);
    }

    /** @param bufferSize bytes read at a time (tests use tiny buffers, so that every token meets a buffer's end) */
    JsonOutline(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** The document offset of the next byte. */
    long offset() {
        return base + pos;
    }

    /** The next byte after white space, not consumed; -1 at the end. */
    int peek() throws IOException {
        while (true) {
            if (pos == lim && !fill()) {
                return -1;
            }
            byte b = buf[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b & 0xff; // a byte of 0xff must not read as the end
            }
            pos++;
        }
    }

    /** Consumes {@code c}, after white space, or throws. */
    void expect(char c) throws IOException, Unexpected {
        if (peek() != c) {
            throw new Unexpected("expected '" + c + "'", offset());
        }
        pos++;
    }

    /**
     * After an object's member or an array's element: true when another follows (the comma is consumed),
     * false at {@code close} (consumed too).
     */
    boolean more(char close) throws IOException, Unexpected {
        int c = peek();
        pos++;
        if (c == ',') {
            return true;
        }
        if (c == close) {
            depth--;
            return false;
        }
        throw new Unexpected("expected ',' or '" + close + "'", offset() - 1);
    }

    /** Consumes the opening of an object or array and tells whether it is empty (its close consumed too). */
    boolean open(char open, char close) throws IOException, Unexpected {
        expect(open);
        if (peek() == close) {
            pos++;
            return true;
        }
        depth++;
        return false;
    }

    /** A member's name and its colon. Names with escapes are not expected in a snapshot. */
    String name() throws IOException, Unexpected {
        expect('"');
        long start = offset();
        StringBuilder name = new StringBuilder();
        while (true) {
            if (pos == lim && !fill()) {
                throw new Unexpected("unterminated name", start);
            }
            byte b = buf[pos++];
            if (b == '"') {
                break;
            }
            if (b == '\\' || (b & 0xff) < 0x20) {
                throw new Unexpected("escape in a name", start);
            }
            name.append((char) (b & 0xff));
        }
        expect(':');
        // Bytes of UTF-8 were appended as chars one by one; decode them when there are any.
        String text = name.toString();
        return text.chars().allMatch(ch -> ch < 0x80) ? text
                : new String(text.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Skips one value of any kind; the caller reads {@link #offset()} before and after for its range. */
    void skipValue() throws IOException, Unexpected {
        int c = peek();
        if (c == '"') {
            pos++;
            skipStringRest();
        } else if (c == '{' || c == '[') {
            skipNested();
        } else if (c == -1) {
            throw new Unexpected("value expected, end of document", offset());
        } else if (c == ',' || c == ']' || c == '}' || c == ':') {
            throw new Unexpected("value expected", offset());
        } else {
            skipScalar();
        }
    }

    private void skipStringRest() throws IOException, Unexpected {
        while (true) {
            if (pos == lim && !fill()) {
                throw new Unexpected("unterminated string", offset());
            }
            byte b = buf[pos++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                if (pos == lim && !fill()) {
                    throw new Unexpected("unterminated string", offset());
                }
                pos++; // the escaped byte cannot close the string; \\uXXXX needs nothing more here
            }
        }
    }

    /** What {@link #skipNested} must look at outside strings; every other byte is stepped over. */
    private static final byte[] STRUCTURE = new byte[256];
    private static final byte QUOTE = 1;
    private static final byte OPEN = 2;
    private static final byte CLOSE = 3;

    /** What ends a run of a string's content: its closing quote or an escape. */
    private static final byte[] STRING_STOP = new byte[256];

    static {
        STRING_STOP['"'] = 1;
        STRING_STOP['\\'] = 1;
        STRUCTURE['"'] = QUOTE;
        STRUCTURE['{'] = OPEN;
        STRUCTURE['['] = OPEN;
        STRUCTURE['}'] = CLOSE;
        STRUCTURE[']'] = CLOSE;
    }

    /**
     * An object or array, brackets counted and strings stepped over: the hot loop of the outline, which
     * looks at every byte of the snapshot. Bytes that matter to neither are stepped over with one table
     * lookup each, inside strings and out, in one loop: with a method call per string and five comparisons
     * per byte, walking a 200 MB snapshot took 440 ms instead of 230.
     */
    private void skipNested() throws IOException, Unexpected {
        int nested = 0;
        boolean inString = false;
        boolean escaped = false; // the buffer ended right after a backslash in a string
        while (true) {
            if (pos == lim && !fill()) {
                throw new Unexpected(inString ? "unterminated string" : "unterminated object or array", offset());
            }
            byte[] b = buf;
            int p = pos;
            int end = lim;
            if (escaped) {
                p++;
                escaped = false;
            }
            while (p < end) {
                if (inString) {
                    // Up to the closing quote, over escapes; most bytes are neither.
                    while (p < end && STRING_STOP[b[p] & 0xff] == 0) {
                        p++;
                    }
                    if (p == end) {
                        break;
                    }
                    if (b[p++] == '"') {
                        inString = false;
                    } else if (p == end) {
                        escaped = true;
                    } else {
                        p++; // the escaped byte cannot close the string; \\uXXXX needs nothing more here
                    }
                    continue;
                }
                while (p < end && STRUCTURE[b[p] & 0xff] == 0) {
                    p++;
                }
                if (p == end) {
                    break;
                }
                byte kind = STRUCTURE[b[p++] & 0xff];
                if (kind == QUOTE) {
                    inString = true;
                } else if (kind == OPEN) {
                    if (++nested + depth > MAX_DEPTH) {
                        pos = p;
                        throw new Unexpected("nested deeper than " + MAX_DEPTH, offset());
                    }
                } else if (--nested == 0) {
                    pos = p;
                    return;
                }
            }
            pos = p;
        }
    }

    /**
     * A number or a literal. Only the bytes those are made of are taken: bound on its own, a range is read
     * more leniently than inside the document (Jackson sniffs a byte-order mark, and stops at the first
     * character that ends a literal), so anything else here is for the sequential reader to judge.
     */
    private void skipScalar() throws IOException, Unexpected {
        while (true) {
            if (pos == lim && !fill()) {
                return;
            }
            byte b = buf[pos];
            if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                return;
            }
            boolean scalarByte = b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
                    || b == '+' || b == '-' || b == '.';
            if (!scalarByte) {
                throw new Unexpected("not a number or literal", offset());
            }
            pos++;
        }
    }

    private boolean fill() throws IOException {
        base += lim;
        pos = 0;
        lim = 0;
        int n = in.readNBytes(buf, 0, buf.length);
        lim = n;
        return n > 0;
    }
}
