package io.imdsguard.rules.facts;

/**
 * The instance's role can read S3: some bucket allows {@code s3:ListBucket} and some object allows
 * {@code s3:GetObject}. Inserted only when it can; {@code decision} is {@code ALLOWED} or
 * {@code CONDITIONAL} (some granting statement has a Condition), and {@code conditional} says the latter.
 */
public record S3ReadFact(String instanceKey, String roleArn, String decision, boolean conditional) {
}
