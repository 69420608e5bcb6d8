package io.imdsguard.analyze.iam.policy;

import io.imdsguard.analyze.iam.policy.ConditionOperator.Comparison;
import io.imdsguard.analyze.iam.policy.ConditionOperator.SetQualifier;

import java.util.List;

/**
 * Decides a Condition block against a request context with AWS's semantics: clauses AND, a key's
 * policy values OR (NOR for negated operators). A key missing from the request fails the clause
 * unless the operator is {@code ...IfExists} (passes) or {@code Null} (tests exactly that): this is
 * the contract of DESIGN section 4, stricter than IAM itself, which also lets negated operators and
 * {@code ForAllValues:} pass on a missing key. Strict is the safe side for a simulator that answers
 * "would this request be allowed": it never reports a grant that rests on an absent key.
 */
public final class ConditionEvaluator {
    private ConditionEvaluator() {
    }

    /** Whether every clause holds. */
    public static boolean holds(List<ConditionClause> clauses, RequestContext context) {
        for (ConditionClause clause : clauses) {
            if (!holds(clause, context)) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(ConditionClause clause, RequestContext context) {
        ConditionOperator op = clause.operator();
        List<String> actual = context.values(clause.key());
        if (op.comparison() == Comparison.NULL) {
            return clause.values().stream().anyMatch(v -> Boolean.parseBoolean(v) == actual.isEmpty());
        }
        if (actual.isEmpty()) {
            return op.ifExists();
        }
        if (op.qualifier() == SetQualifier.FOR_ALL_VALUES) {
            return actual.stream().allMatch(value -> satisfies(op.comparison(), value, clause.values()));
        }
        // A single-valued operator over a multi-valued key behaves like ForAnyValue in IAM.
        return actual.stream().anyMatch(value -> satisfies(op.comparison(), value, clause.values()));
    }

    private static boolean satisfies(Comparison comparison, String value, List<String> policyValues) {
        boolean anyMatch = policyValues.stream().anyMatch(p -> ValueComparisons.matches(comparison, value, p));
        return comparison.negated() ? !anyMatch : anyMatch;
    }
}
