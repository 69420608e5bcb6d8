package io.imdsguard.inventory;

import java.util.regex.Pattern;

/**
 * What an AWS account id looks like: exactly twelve digits, leading zeros included. One definition for
 * every input that names an account (flags, configuration, suppressions, simulate input, policy principals),
 * so that they accept and refuse the same ids.
 */
public final class AccountIds {
    /** Twelve digits; usable inside larger patterns as {@code PATTERN.pattern()}. */
    public static final Pattern PATTERN = Pattern.compile("\\d{12}");

    private AccountIds() {
    }

    /** Whether {@code id} is an account id (null is not). */
    public static boolean valid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }
}
