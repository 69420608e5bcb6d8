package io.imdsguard.analyze.iam.policy;

import java.util.Locale;
import java.util.Map;

/**
 * A parsed condition operator such as {@code ForAnyValue:StringLikeIfExists}: its base comparison,
 * the set qualifier, and the {@code IfExists} suffix.
 */
public record ConditionOperator(String name, Comparison comparison, SetQualifier qualifier, boolean ifExists) {

    /** How multi-valued context keys are combined with the policy values. */
    public enum SetQualifier { SINGLE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** The base operators; {@code negated} ones combine their values with NOR instead of OR. */
    public enum Comparison {
        STRING_EQUALS(false), STRING_NOT_EQUALS(true), STRING_EQUALS_IGNORE_CASE(false),
        STRING_NOT_EQUALS_IGNORE_CASE(true), STRING_LIKE(false), STRING_NOT_LIKE(true),
        NUMERIC_EQUALS(false), NUMERIC_NOT_EQUALS(true), NUMERIC_LESS_THAN(false),
        NUMERIC_LESS_THAN_EQUALS(false), NUMERIC_GREATER_THAN(false), NUMERIC_GREATER_THAN_EQUALS(false),
        DATE_EQUALS(false), DATE_NOT_EQUALS(true), DATE_LESS_THAN(false), DATE_LESS_THAN_EQUALS(false),
        DATE_GREATER_THAN(false), DATE_GREATER_THAN_EQUALS(false),
        BOOL(false), BINARY_EQUALS(false), IP_ADDRESS(false), NOT_IP_ADDRESS(true),
        ARN_EQUALS(false), ARN_LIKE(false), ARN_NOT_EQUALS(true), ARN_NOT_LIKE(true), NULL(false);

        private final boolean negated;

        Comparison(boolean negated) {
            this.negated = negated;
        }

        public boolean negated() {
            return negated;
        }
    }

    private static final Map<String, Comparison> BY_NAME = Map.ofEntries(
            Map.entry("stringequals", Comparison.STRING_EQUALS),
            Map.entry("stringnotequals", Comparison.STRING_NOT_EQUALS),
            Map.entry("stringequalsignorecase", Comparison.STRING_EQUALS_IGNORE_CASE),
            Map.entry("stringnotequalsignorecase", Comparison.STRING_NOT_EQUALS_IGNORE_CASE),
            Map.entry("stringlike", Comparison.STRING_LIKE),
            Map.entry("stringnotlike", Comparison.STRING_NOT_LIKE),
            Map.entry("numericequals", Comparison.NUMERIC_EQUALS),
            Map.entry("numericnotequals", Comparison.NUMERIC_NOT_EQUALS),
            Map.entry("numericlessthan", Comparison.NUMERIC_LESS_THAN),
            Map.entry("numericlessthanequals", Comparison.NUMERIC_LESS_THAN_EQUALS),
            Map.entry("numericgreaterthan", Comparison.NUMERIC_GREATER_THAN),
            Map.entry("numericgreaterthanequals", Comparison.NUMERIC_GREATER_THAN_EQUALS),
            Map.entry("dateequals", Comparison.DATE_EQUALS),
            Map.entry("datenotequals", Comparison.DATE_NOT_EQUALS),
            Map.entry("datelessthan", Comparison.DATE_LESS_THAN),
            Map.entry("datelessthanequals", Comparison.DATE_LESS_THAN_EQUALS),
            Map.entry("dategreaterthan", Comparison.DATE_GREATER_THAN),
            Map.entry("dategreaterthanequals", Comparison.DATE_GREATER_THAN_EQUALS),
            Map.entry("bool", Comparison.BOOL),
            Map.entry("binaryequals", Comparison.BINARY_EQUALS),
            Map.entry("ipaddress", Comparison.IP_ADDRESS),
            Map.entry("notipaddress", Comparison.NOT_IP_ADDRESS),
            Map.entry("arnequals", Comparison.ARN_EQUALS),
            Map.entry("arnlike", Comparison.ARN_LIKE),
            Map.entry("arnnotequals", Comparison.ARN_NOT_EQUALS),
            Map.entry("arnnotlike", Comparison.ARN_NOT_LIKE),
            Map.entry("null", Comparison.NULL));

    /**
     * Parses an operator name as written in a policy.
     *
     * @throws PolicyFormatException when the name is not an IAM condition operator
     */
    public static ConditionOperator parse(String name) {
        String rest = name;
        SetQualifier qualifier = SetQualifier.SINGLE;
        String lower = rest.toLowerCase(Locale.ROOT);
        if (lower.startsWith("foranyvalue:")) {
            qualifier = SetQualifier.FOR_ANY_VALUE;
            rest = rest.substring("ForAnyValue:".length());
        } else if (lower.startsWith("forallvalues:")) {
            qualifier = SetQualifier.FOR_ALL_VALUES;
            rest = rest.substring("ForAllValues:".length());
        }
        String base = rest.toLowerCase(Locale.ROOT);
        boolean ifExists = base.endsWith("ifexists");
        if (ifExists) {
            base = base.substring(0, base.length() - "ifexists".length());
        }
        Comparison comparison = BY_NAME.get(base);
        if (comparison == null || comparison == Comparison.NULL && (ifExists || qualifier != SetQualifier.SINGLE)) {
            throw new PolicyFormatException("unknown condition operator '" + name + "'");
        }
        return new ConditionOperator(name, comparison, qualifier, ifExists);
    }
}
