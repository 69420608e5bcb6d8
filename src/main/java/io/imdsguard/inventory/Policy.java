package io.imdsguard.inventory;

/**
 * A named policy document (JSON text, already URL-decoded). For managed policies this is the
 * default version's document; {@code versionId} names it.
 */
public record Policy(String arn, String name, String versionId, String document) {
}
