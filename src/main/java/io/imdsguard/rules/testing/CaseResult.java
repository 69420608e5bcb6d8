package io.imdsguard.rules.testing;

import java.util.List;

/** The outcome of one case: what was expected but not found, and what was found but not expected. */
public record CaseResult(RuleTestCase testCase, List<ExpectedFinding> missing, List<ExpectedFinding> unexpected) {
    public CaseResult {
        missing = List.copyOf(missing);
        unexpected = List.copyOf(unexpected);
    }

    public boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty();
    }
}
