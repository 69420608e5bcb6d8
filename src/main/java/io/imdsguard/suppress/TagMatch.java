package io.imdsguard.suppress;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code tag: "Key=Value"} of an entry: the resource carries tag {@code Key} with exactly this
 * value. The value may be empty ({@code "Scratch="}), as AWS allows; the key may not.
 */
public record TagMatch(String key, String value) {
    public TagMatch {
        Objects.requireNonNull(key);
        Objects.requireNonNull(value);
    }

    /** {@code Key=Value}, split at the first {@code =} (a value may itself hold one). */
    public static TagMatch parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected Key=Value (e.g. \"Team=payments\"), got '" + text + "'");
        }
        return new TagMatch(text.substring(0, eq), text.substring(eq + 1));
    }

    boolean matches(Map<String, String> tags) {
        return value.equals(tags.get(key));
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
