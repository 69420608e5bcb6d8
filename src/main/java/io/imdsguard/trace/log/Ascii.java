package io.imdsguard.trace.log;

/**
 * ASCII-only lower case, one character for one: indexes found in the lower-cased text stay valid in
 * the original (Java's full Unicode mapping can change the length), and the host script's awk, in the
 * C locale, maps exactly these letters.
 */
final class Ascii {
    private Ascii() {
    }

    static String lower(String s) {
        char[] out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = s.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out == null ? s : new String(out);
    }
}
