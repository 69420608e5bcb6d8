package io.imdsguard.rules.testing;

import io.imdsguard.inventory.Snapshot;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One data-driven rule test: a snapshot, optionally the analyzer results to use instead of running
 * the analyzers, and the findings expected. When {@code onlyRules} is not empty, only findings of
 * those rule ids are compared (so a user's case is not broken by the bundled rules).
 */
public record RuleTestCase(String name, Path file, String description, Snapshot snapshot,
                           Optional<RecordedAnalysis> analysis, List<ExpectedFinding> expected, List<String> onlyRules) {
    public RuleTestCase {
        expected = List.copyOf(expected);
        onlyRules = List.copyOf(onlyRules);
    }
}
