package io.imdsguard.rules;

import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.Snapshot;

import java.util.List;
import java.util.function.Function;

/**
 * The rules stage end to end: snapshot to facts (through the analyzers the {@link FactAssembler}
 * holds) to rule hits to findings. One instance per run; the rules are compiled once.
 */
public final class RuleEvaluator implements Function<Snapshot, List<Finding>> {
    private final CompiledRules rules;
    private final FactAssembler assembler;

    public RuleEvaluator(CompiledRules rules, FactAssembler assembler) {
        this.rules = rules;
        this.assembler = assembler;
    }

    public CompiledRules rules() {
        return rules;
    }

    /** Findings for the snapshot, in {@link FindingBuilder#ORDER}. */
    @Override
    public List<Finding> apply(Snapshot snapshot) {
        FactSet facts = assembler.assemble(snapshot);
        return FindingBuilder.build(rules.evaluate(facts.facts()), facts, rules);
    }
}
