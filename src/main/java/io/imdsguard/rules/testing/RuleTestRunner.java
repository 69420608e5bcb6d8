package io.imdsguard.rules.testing;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.findings.Finding;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.RuleEvaluator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs rule test cases through the rules. A case that records its analysis is evaluated with it;
 * any other case is analysed first, exactly as a scan would analyse its snapshot.
 */
public final class RuleTestRunner {
    private final RuleEvaluator evaluator;
    private final SnapshotAnalyzer analyzer;

    /** @param analyzer for cases without a recorded analysis (it carries the scan's exposure settings) */
    public RuleTestRunner(CompiledRules rules, SnapshotAnalyzer analyzer) {
        this.evaluator = new RuleEvaluator(rules);
        this.analyzer = analyzer;
    }

    public CaseResult run(RuleTestCase testCase) {
        Analysis analysis = testCase.analysis().map(a -> a.toAnalysis(testCase.snapshot()))
                .orElseGet(() -> analyzer.analyze(testCase.snapshot()));
        List<Finding> findings = evaluator.evaluate(testCase.snapshot(), analysis);
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
