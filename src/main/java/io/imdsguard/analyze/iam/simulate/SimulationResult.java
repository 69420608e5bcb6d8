package io.imdsguard.analyze.iam.simulate;

import io.imdsguard.analyze.iam.Evaluation;
import io.imdsguard.analyze.iam.MatchedStatement;

import java.util.List;

/**
 * One output item of {@code policy simulate} (docs/iam.md): {@code decision} is Allowed,
 * ImplicitlyDenied or ExplicitlyDenied; {@code decidedBy} holds statement references such as
 * {@code identityPolicies[0]#AllowRead} or {@code resourcePolicy.Statement[2]}.
 */
public record SimulationResult(String decision, boolean conditional, List<String> decidedBy) {
    public SimulationResult {
        decidedBy = List.copyOf(decidedBy);
    }

    static SimulationResult of(Evaluation e) {
        return new SimulationResult(e.outcome().json(), e.conditional(),
                e.decidedBy().stream().map(MatchedStatement::reference).toList());
    }
}
