package io.imdsguard.findings;

import java.util.List;

/**
 * The one place findings are filtered between the rules and the gate: suppressions (marking a
 * finding {@code suppressed} with its reason) and a baseline (marking it {@code new} or
 * {@code existing}) go here. A filter marks; it never drops a finding, so every report still shows
 * what the rules found.
 */
@FunctionalInterface
public interface FindingFilter {
    /** Leaves every finding as the rules produced it. */
    FindingFilter NONE = findings -> findings;

    /** The findings as they should be reported, in the order given. */
    List<Finding> apply(List<Finding> findings);

    /** This filter, then {@code next}. */
    default FindingFilter andThen(FindingFilter next) {
        return findings -> next.apply(apply(findings));
    }
}
