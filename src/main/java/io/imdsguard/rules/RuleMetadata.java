package io.imdsguard.rules;

import io.imdsguard.findings.Severity;

/**
 * A rule's declared metadata ({@code @id}, {@code @severity}, {@code @title}, {@code @remediation})
 * and where it was declared.
 */
public record RuleMetadata(String id, Severity severity, String title, String remediation,
                           String packageName, String ruleName, String source, int line) {
}
