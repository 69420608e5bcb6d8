package io.imdsguard.report;

/**
 * Makes text from AWS (tag values, names) safe to print: EC2 tags may hold any character, and a
 * control character would let a tag drive the reader's terminal (ANSI/OSC escapes) or make XML invalid.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean control = Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT;
            out.appendCodePoint(control ? '?' : c);
        });
        return out.toString();
    }
}
