package io.imdsguard.analyze.iam.policy;

import java.util.List;

/** One key under one operator of a Condition block, with the policy's values for it (OR, or NOR if negated). */
public record ConditionClause(ConditionOperator operator, String key, List<String> values) {
    public ConditionClause {
        values = List.copyOf(values);
    }
}
