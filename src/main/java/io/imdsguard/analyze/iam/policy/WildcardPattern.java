package io.imdsguard.analyze.iam.policy;

import java.util.Locale;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (including none and including
 * {@code /} and {@code :}), {@code ?} exactly one. Actions compare case-insensitively, resources and
 * ARNs case-sensitively, so the caller picks the mode.
 */
public final class WildcardPattern {
    private final String pattern;
    private final boolean ignoreCase;
    private final String folded;

    private WildcardPattern(String pattern, boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
        this.folded = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    }

    /** A case-insensitive pattern, as IAM compares actions and String...IgnoreCase values. */
    public static WildcardPattern caseInsensitive(String pattern) {
        return new WildcardPattern(pattern, true);
    }

    /** A case-sensitive pattern, as IAM compares resources, ARNs and StringLike values. */
    public static WildcardPattern caseSensitive(String pattern) {
        return new WildcardPattern(pattern, false);
    }

    /** The same kind of pattern (case mode) over other text. */
    public WildcardPattern withPattern(String other) {
        return new WildcardPattern(other, ignoreCase);
    }

    public String pattern() {
        return pattern;
    }

    /** Whether {@code value} matches the whole pattern. */
    public boolean matches(String value) {
        String v = ignoreCase ? value.toLowerCase(Locale.ROOT) : value;
        return globMatch(folded, v);
    }

    /*
     * Linear-time greedy glob match with single-star backtracking: no regex compilation per pattern and
     * no catastrophic backtracking on adversarial patterns like "a*a*a*a*b".
     */
    private static boolean globMatch(String p, String s) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
