package io.imdsguard.collect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** IAM returns policy documents URL-encoded (RFC 3986); the inventory holds them as plain JSON. */
final class PolicyDocuments {
    private PolicyDocuments() {
    }

    static String decode(String document) {
        if (document == null) {
            return null;
        }
        String trimmed = document.trim();
        if (trimmed.startsWith("{")) {
            // Already plain JSON (some emulators and SDKs decode for you); decoding again would corrupt '%' or '+'.
            return trimmed;
        }
        // RFC 3986 encodes '+' as %2B, so a literal '+' never means space here, unlike in form encoding.
        return URLDecoder.decode(trimmed.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
