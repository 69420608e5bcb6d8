package io.imdsguard.analyze.iam;

import java.util.List;

/** Picks the strongest grant of one action over candidate resources, with its evidence. */
final class S3Grants {
    /** The resource named by a DENIED grant that no statement denied explicitly: nothing was granted anywhere. */
    static final String NO_RESOURCE = "*";

    private S3Grants() {
    }

    static Grant best(RolePermissions permissions, String action, List<String> candidates) {
        Evaluation bestEval = null;
        String bestResource = NO_RESOURCE;
        for (String resource : candidates) {
            Evaluation e = permissions.evaluate(action, resource);
            if (bestEval == null || rank(e) > rank(bestEval)) {
                bestEval = e;
                bestResource = resource;
                if (e.decision() == Decision.ALLOWED) {
                    break;
                }
            }
        }
        if (bestEval == null || bestEval.decision() == Decision.DENIED && bestEval.decidedBy().isEmpty()) {
            return new Grant(action, Decision.DENIED, NO_RESOURCE, List.of(), List.of());
        }
        List<String> keys = bestEval.decision() == Decision.CONDITIONAL ? bestEval.conditionKeys() : List.of();
        return new Grant(action, bestEval.decision(), bestResource, bestEval.statementRefs(), keys);
    }

    /** ALLOWED when both are, CONDITIONAL when both are at least conditional, else DENIED. */
    static Decision both(Decision a, Decision b) {
        if (a == Decision.DENIED || b == Decision.DENIED) {
            return Decision.DENIED;
        }
        return a == Decision.ALLOWED && b == Decision.ALLOWED ? Decision.ALLOWED : Decision.CONDITIONAL;
    }

    // Explicitly denied outranks implicitly denied only so the evidence names the Deny that blocked it.
    private static int rank(Evaluation e) {
        return switch (e.decision()) {
            case ALLOWED -> 3;
            case CONDITIONAL -> 2;
            case DENIED -> e.outcome() == Outcome.EXPLICITLY_DENIED ? 1 : 0;
        };
    }
}
