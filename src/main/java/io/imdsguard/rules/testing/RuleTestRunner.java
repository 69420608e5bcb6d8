package io.imdsguard.rules.testing;

import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.RuleEvaluator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs rule test cases through the rules. A case that records its analyzer results is evaluated
 * with them; any other case goes through {@code pipeline}, the real snapshot-to-findings pipeline
 * (analyzers included) that the caller supplies.
 */
public final class RuleTestRunner {
    private final CompiledRules rules;
    private final Function<Snapshot, List<Finding>> pipeline;

    /**
     * @param pipeline the full pipeline for cases without recorded analysis; null when the analyzers
     *                 are not available, in which case such cases are refused as bad input
     */
    public RuleTestRunner(CompiledRules rules, Function<Snapshot, List<Finding>> pipeline) {
        this.rules = rules;
        this.pipeline = pipeline;
    }

    public CaseResult run(RuleTestCase testCase) throws RuleTestException {
        List<Finding> findings;
        if (testCase.analysis().isPresent()) {
            findings = new RuleEvaluator(rules, testCase.analysis().get().assembler()).apply(testCase.snapshot());
        } else if (pipeline != null) {
            findings = pipeline.apply(testCase.snapshot());
        } else {
            throw new RuleTestException(testCase.file() + ": has no recorded 'analysis' and this build has no analyzers wired", null);
        }
        Set<ExpectedFinding> actual = new LinkedHashSet<>();
        for (Finding f : findings) {
            if (testCase.onlyRules().isEmpty() || testCase.onlyRules().contains(f.ruleId())) {
                actual.add(new ExpectedFinding(f.ruleId(), f.resource().id()));
            }
        }
        Set<ExpectedFinding> expected = new LinkedHashSet<>(testCase.expected());
        List<ExpectedFinding> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<ExpectedFinding> unexpected = new ArrayList<>(actual);
        unexpected.removeAll(expected);
        return new CaseResult(testCase, missing, unexpected);
    }
}
