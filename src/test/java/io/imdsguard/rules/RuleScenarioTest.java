package io.imdsguard.rules;

import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.findings.Finding;
import io.imdsguard.rules.testing.CaseLoader;
import io.imdsguard.rules.testing.CaseResult;
import io.imdsguard.rules.testing.RuleTestCase;
import io.imdsguard.rules.testing.RuleTestRunner;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario under src/test/resources/rules/scenarios (snapshot + recorded analyzer
 * results + the exact findings expected) through the bundled pack. Add a scenario by adding a file.
 */
class RuleScenarioTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/rules/scenarios");
    private static final Set<String> EXCLUSIVE = Set.of("IMDS-001", "IMDS-002", "IMDS-003");

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        List<RuleTestCase> cases = CaseLoader.load(SCENARIOS);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(9);
        RuleTestRunner runner = new RuleTestRunner(BundledRules.get(), new SnapshotAnalyzer(ExposureSettings.DEFAULT));
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            CaseResult result = runner.run(c);
            assertThat(result.missing()).as("%s: expected but not found", c.name()).isEmpty();
            assertThat(result.unexpected()).as("%s: found but not expected", c.name()).isEmpty();
            assertExclusive(new RuleEvaluator(BundledRules.get()).evaluate(c.snapshot(), c.analysis().orElseThrow().toAnalysis(c.snapshot())));
        }));
    }

    /** Whatever a scenario expects, no instance may carry two of IMDS-001/002/003. */
    private static void assertExclusive(List<Finding> findings) {
        Map<String, List<String>> byInstance = findings.stream().filter(f -> EXCLUSIVE.contains(f.ruleId()))
                .collect(Collectors.groupingBy(f -> f.account() + "/" + f.region() + "/" + f.resource().id(),
                        Collectors.mapping(Finding::ruleId, Collectors.toList())));
        byInstance.forEach((instance, rules) -> assertThat(rules).as(instance).hasSize(1));
    }
}
