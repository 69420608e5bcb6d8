package io.imdsguard.analyze.iam;

import java.util.List;

/**
 * The decision for one action over the resources it could reach, with the statements that decided
 * it and, when CONDITIONAL, the condition keys involved. {@code resource} is the bucket or object
 * (ARN or pattern) the grant covers.
 */
public record Grant(String action, Decision decision, String resource, List<StatementRef> statements,
                    List<String> conditionKeys) {
    public Grant {
        statements = List.copyOf(statements);
        conditionKeys = List.copyOf(conditionKeys);
    }
}
