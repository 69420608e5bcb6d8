package io.imdsguard.rules;

/**
 * The loaded rules misbehaved while firing (e.g. a user rule that re-activates itself forever): the
 * rule author's to fix, so the CLI reports it as a usage error, not as a bug in imdsguard.
 */
public class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message) {
        super(message);
    }
}
