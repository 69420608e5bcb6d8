package io.imdsguard.analyze.iam.policy;

import io.imdsguard.analyze.iam.policy.ConditionOperator.Comparison;
import io.imdsguard.analyze.iam.policy.ConditionOperator.SetQualifier;

import java.util.List;

/**
 * Decides a Condition block against a request context with AWS's semantics: clauses AND, a key's
 * policy values OR (NOR for negated operators). A key missing from the request follows the IAM
 * condition-operator reference: the clause fails, except that {@code ...IfExists} passes, {@code Null}
 * tests exactly that, a negated operator ({@code StringNotEquals}, {@code ArnNotLike},
 * {@code NotIpAddress}, ...) passes ("the key is not matched"), {@code ForAllValues:} passes (every one
 * of no values matches) and {@code ForAnyValue:} fails (no value matches).
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
            return absentKeyHolds(op);
        }
        if (op.qualifier() == SetQualifier.FOR_ALL_VALUES) {
            return actual.stream().allMatch(value -> satisfies(op.comparison(), value, clause.values()));
        }
        // A single-valued operator over a multi-valued key behaves like ForAnyValue in IAM.
        return actual.stream().anyMatch(value -> satisfies(op.comparison(), value, clause.values()));
    }

    private static boolean absentKeyHolds(ConditionOperator op) {
        if (op.ifExists()) {
            return true;
        }
        return switch (op.qualifier()) {
            case FOR_ALL_VALUES -> true;
            case FOR_ANY_VALUE -> false;
            case SINGLE -> op.comparison().negated();
        };
    }

    private static boolean satisfies(Comparison comparison, String value, List<String> policyValues) {
        boolean anyMatch = policyValues.stream().anyMatch(p -> ValueComparisons.matches(comparison, value, p));
        return comparison.negated() ? !anyMatch : anyMatch;
    }
}
