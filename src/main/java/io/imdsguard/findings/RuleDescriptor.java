package io.imdsguard.findings;

/**
 * A rule loaded for a scan, as reports describe it whether or not it fired. {@code remediation} is
 * the rule's declared text with its {@code {id}} and {@code {region}} placeholders unfilled: it is
 * about the rule, while each finding carries its own filled-in copy.
 */
public record RuleDescriptor(String id, Severity severity, String title, String remediation) {
}
