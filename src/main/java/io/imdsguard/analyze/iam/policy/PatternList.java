package io.imdsguard.analyze.iam.policy;

import java.util.List;

/**
 * The Action/NotAction or Resource/NotResource element of a statement: patterns, and whether the
 * element is the complement form ({@code Not...}), which matches everything the patterns do not.
 */
public record PatternList(boolean negated, List<WildcardPattern> patterns) {
    public PatternList {
        patterns = List.copyOf(patterns);
    }

    /** Matches every value: a statement without Resource (resource policies may omit it for some services). */
    public static PatternList any() {
        return new PatternList(false, List.of(WildcardPattern.caseSensitive("*")));
    }

    public boolean matches(String value) {
        boolean any = false;
        for (WildcardPattern p : patterns) {
            if (p.matches(value)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }
}
