package io.imdsguard.analyze.iam;

/**
 * Names one policy statement: the policy (managed policy ARN, or {@code role-name/inline-name} for
 * an inline policy, with its version), the statement's Sid or its index ({@code #0}), its effect.
 */
public record StatementRef(String policy, String statement, String effect) {
    @Override
    public String toString() {
        return policy + " " + statement + " (" + effect + ")";
    }
}
