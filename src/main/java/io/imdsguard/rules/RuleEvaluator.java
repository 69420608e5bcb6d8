package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.Snapshot;

import java.util.List;

/**
 * The rules stage: a snapshot and its analysis to facts (pure mapping), facts to rule hits, hits to
 * findings with evidence. The rules are compiled once and may be evaluated concurrently.
 */
public final class RuleEvaluator {
    private final CompiledRules rules;

    public RuleEvaluator(CompiledRules rules) {
        this.rules = rules;
    }

    public CompiledRules rules() {
        return rules;
    }

    /** Findings for the snapshot, in {@link FindingBuilder#ORDER}. */
    public List<Finding> evaluate(Snapshot snapshot, Analysis analysis) {
        FactSet facts = FactAssembler.assemble(snapshot, analysis);
        return FindingBuilder.build(rules.evaluate(facts.facts()), facts, rules);
    }
}
