package io.imdsguard.analyze.iam.policy;

import io.imdsguard.analyze.iam.policy.ConditionOperator.Comparison;
import io.imdsguard.analyze.iam.policy.ConditionOperator.SetQualifier;

import java.util.List;

/**
 * Decides a Condition block against a request context with AWS's semantics: clauses AND, a key's
 * policy values OR (NOR for negated operators). A key missing from the request fails the clause
 * unless the operator is {@code ...IfExists} (passes) or {@code Null} (tests exactly that): this is
 * the contract documented in docs/iam.md. IAM differs: there a negated operator ({@code StringNotEquals},
 * {@code NotIpAddress}, ...) and {@code ForAllValues:} hold on a missing key. So where the two disagree
 * this evaluator answers "the clause fails", which cuts both ways: an Allow resting on such a clause is
 * not granted here (IAM would grant it), and a Deny resting on one does not apply here (IAM would deny),
 * e.g. a Deny with {@code StringNotEquals aws:SourceVpc} and no {@code aws:SourceVpc} in the context
 * reports Allowed where IAM denies. Give the context every key the policies test to avoid both.
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
