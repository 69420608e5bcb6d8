package io.imdsguard.analyze.iam.policy;

import java.util.List;

/**
 * One policy statement. {@code principal} is null in identity policies (they apply to their owner);
 * {@code conditions} are ANDed.
 */
public record Statement(String sid, int index, Effect effect, PatternList actions, PatternList resources,
                        PrincipalSpec principal, List<ConditionClause> conditions) {
    public Statement {
        conditions = List.copyOf(conditions);
    }

    /** The statement's Sid, or {@code #index} when it has none. */
    public String label() {
        return sid == null || sid.isEmpty() ? "#" + index : sid;
    }

    public boolean hasCondition() {
        return !conditions.isEmpty();
    }

    /** The condition keys, in policy order, without duplicates. */
    public List<String> conditionKeys() {
        return conditions.stream().map(ConditionClause::key).distinct().toList();
    }
}
