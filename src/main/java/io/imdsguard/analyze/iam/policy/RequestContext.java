package io.imdsguard.analyze.iam.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The request's condition keys and their values; keys compare case-insensitively, as in IAM. */
public final class RequestContext {
    private final Map<String, List<String>> values = new HashMap<>();

    /** @param keyValues each key with one or more values (a multi-valued key is a list) */
    public RequestContext(Map<String, List<String>> keyValues) {
        keyValues.forEach((k, v) -> values.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    }

    public static RequestContext empty() {
        return new RequestContext(Map.of());
    }

    /**
     * This context with {@code defaults} added for the keys it does not carry: AWS fills keys such as
     * {@code aws:PrincipalArn} from the request itself, so a context given without them still has them.
     */
    public RequestContext withDefaults(Map<String, List<String>> defaults) {
        Map<String, List<String>> merged = new HashMap<>(values);
        defaults.forEach((k, v) -> merged.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return new RequestContext(merged);
    }

    /** The values of {@code key}, or an empty list when the request does not carry it. */
    public List<String> values(String key) {
        return values.getOrDefault(key.toLowerCase(Locale.ROOT), List.of());
    }
}
