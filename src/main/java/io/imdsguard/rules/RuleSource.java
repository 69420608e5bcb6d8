package io.imdsguard.rules;

/**
 * One DRL file's text and the path users see in messages ({@code rules/imds-hop-limit.drl} for the
 * bundled pack, the file path as found under a {@code --rules} directory otherwise).
 */
public record RuleSource(String displayPath, String content) {
}
