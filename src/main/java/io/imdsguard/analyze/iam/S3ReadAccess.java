package io.imdsguard.analyze.iam;

/**
 * Whether a role can read S3: some bucket allows {@code s3:ListBucket} and some object allows
 * {@code s3:GetObject}. {@code decision} is ALLOWED when both are ALLOWED, CONDITIONAL when both
 * are at least CONDITIONAL, else DENIED.
 */
public record S3ReadAccess(String roleArn, Decision decision, Grant listBucket, Grant getObject) {
    public boolean canRead() {
        return decision != Decision.DENIED;
    }
}
