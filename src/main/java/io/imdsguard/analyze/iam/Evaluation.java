package io.imdsguard.analyze.iam;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of evaluating one request. {@code conditional} is true when the outcome rests on a
 * statement with a Condition (a conditional Allow, a conditional Deny that did not apply, or, for an
 * implicit deny, an Allow whose Condition failed). {@code decidedBy} lists those statements.
 */
public record Evaluation(Outcome outcome, boolean conditional, List<MatchedStatement> decidedBy) {
    public Evaluation {
        decidedBy = List.copyOf(decidedBy);
    }

    /** The scan's three-valued view: CONDITIONAL for a conditional allow, DENIED for either deny. */
    public Decision decision() {
        if (outcome != Outcome.ALLOWED) {
            return Decision.DENIED;
        }
        return conditional ? Decision.CONDITIONAL : Decision.ALLOWED;
    }

    /** The deciding statements as evidence references. */
    public List<StatementRef> statementRefs() {
        return decidedBy.stream().map(MatchedStatement::ref).toList();
    }

    /** The condition keys of the deciding statements, in order, without duplicates. */
    public List<String> conditionKeys() {
        Set<String> keys = new LinkedHashSet<>();
        decidedBy.forEach(m -> keys.addAll(m.statement().conditionKeys()));
        return List.copyOf(keys);
    }
}
