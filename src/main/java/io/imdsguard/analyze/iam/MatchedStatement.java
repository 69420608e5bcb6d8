package io.imdsguard.analyze.iam;

import io.imdsguard.analyze.iam.policy.Statement;

/** A statement whose action, resource and principal cover the request, and how its Condition came out. */
public record MatchedStatement(String policy, Statement statement, ConditionState condition) {

    /** The scan's evidence form: policy, Sid or {@code #index}, effect. */
    public StatementRef ref() {
        return new StatementRef(policy, statement.label(), statement.effect().json());
    }

    /**
     * The simulate form: {@code <policy>#<Sid>}, or {@code <policy>.Statement[<index>]} when the
     * statement has no Sid, e.g. {@code identityPolicies[0]#AllowRead}.
     */
    public String reference() {
        String sid = statement.sid();
        return sid == null || sid.isEmpty() ? policy + ".Statement[" + statement.index() + "]" : policy + "#" + sid;
    }
}
