package io.imdsguard.analyze.iam.policy;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import io.imdsguard.analyze.iam.policy.ConditionOperator.Comparison;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One request value against one policy value. Negated comparisons are answered in their positive form
 * here; {@link ConditionEvaluator} applies the negation (NOR) across the policy values. A value that
 * does not parse as the operator's type never matches.
 */
final class ValueComparisons {
    private ValueComparisons() {
    }

    static boolean matches(Comparison c, String value, String policy) {
        return switch (c) {
            case STRING_EQUALS, STRING_NOT_EQUALS -> value.equals(policy);
            case STRING_EQUALS_IGNORE_CASE, STRING_NOT_EQUALS_IGNORE_CASE -> value.equalsIgnoreCase(policy);
            case STRING_LIKE, STRING_NOT_LIKE -> WildcardPattern.caseSensitive(policy).matches(value);
            case NUMERIC_EQUALS, NUMERIC_NOT_EQUALS -> compareNumbers(value, policy) == 0;
            case NUMERIC_LESS_THAN -> compareNumbers(value, policy) == -1;
            case NUMERIC_LESS_THAN_EQUALS -> inRange(compareNumbers(value, policy), -1, 0);
            case NUMERIC_GREATER_THAN -> compareNumbers(value, policy) == 1;
            case NUMERIC_GREATER_THAN_EQUALS -> inRange(compareNumbers(value, policy), 0, 1);
            case DATE_EQUALS, DATE_NOT_EQUALS -> compareDates(value, policy) == 0;
            case DATE_LESS_THAN -> compareDates(value, policy) == -1;
            case DATE_LESS_THAN_EQUALS -> inRange(compareDates(value, policy), -1, 0);
            case DATE_GREATER_THAN -> compareDates(value, policy) == 1;
            case DATE_GREATER_THAN_EQUALS -> inRange(compareDates(value, policy), 0, 1);
            case BOOL -> value.equalsIgnoreCase(policy);
            case BINARY_EQUALS -> value.equals(policy);
            case IP_ADDRESS, NOT_IP_ADDRESS -> ipInRange(value, policy);
            case ARN_EQUALS, ARN_LIKE, ARN_NOT_EQUALS, ARN_NOT_LIKE -> arnMatches(value, policy);
            case NULL -> throw new IllegalArgumentException("Null is decided by presence, not by value");
        };
    }

    private static boolean inRange(int cmp, int low, int high) {
        return cmp != Integer.MIN_VALUE && cmp >= low && cmp <= high;
    }

    /** -1, 0, 1, or MIN_VALUE when either side is not a number. */
    private static int compareNumbers(String value, String policy) {
        try {
            return Integer.signum(new BigDecimal(value.trim()).compareTo(new BigDecimal(policy.trim())));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static int compareDates(String value, String policy) {
        Instant a = instant(value);
        Instant b = instant(policy);
        return a == null || b == null ? Integer.MIN_VALUE : Integer.signum(a.compareTo(b));
    }

    // IAM accepts ISO 8601 date-times, plain dates and epoch seconds.
    private static Instant instant(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d+")) {
                return Instant.ofEpochSecond(Long.parseLong(t));
            }
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Whether {@code text} is an IPv4 or IPv6 address or CIDR, as IpAddress conditions take them. */
    static boolean isAddressOrCidr(String text) {
        return new IPAddressString(text.trim()).getAddress() != null;
    }

    private static boolean ipInRange(String value, String cidr) {
        IPAddress address = new IPAddressString(value.trim()).getAddress();
        IPAddress range = new IPAddressString(cidr.trim()).getAddress();
        return address != null && range != null && range.getIPVersion() == address.getIPVersion()
                && range.toPrefixBlock().contains(address);
    }

    // IAM compares each of the six colon-separated ARN parts on its own, so '*' never crosses a ':' boundary
    // into another part (the last part, the resource, may itself contain ':').
    private static boolean arnMatches(String value, String policy) {
        String[] v = value.split(":", 6);
        String[] p = policy.split(":", 6);
        if (v.length != 6 || p.length != 6) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (!WildcardPattern.caseSensitive(p[i]).matches(v[i])) {
                return false;
            }
        }
        return true;
    }
}
