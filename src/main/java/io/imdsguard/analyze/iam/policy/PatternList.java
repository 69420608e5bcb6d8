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

    /**
     * Like {@link #matches(String)}, with policy variables in the patterns taken from {@code context};
     * without a context (a scan) variables stay literal text.
     */
    public boolean matches(String value, RequestContext context) {
        if (context == null) {
            return matches(value);
        }
        boolean any = false;
        for (WildcardPattern p : patterns) {
            WildcardPattern effective = p;
            if (PolicyVariables.hasVariable(p.pattern())) {
                String resolved = PolicyVariables.resolve(p.pattern(), context);
                effective = resolved == null ? null : p.withPattern(resolved);
            }
            if (effective != null && effective.matches(value)) {
                any = true;
                break;
            }
        }
        return any != negated;
    }
}
