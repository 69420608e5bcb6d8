package io.imdsguard.aws;

/**
 * An endpoint URL as it may appear in a message or log. A proxy URL can carry credentials
 * ({@code https://user:token@proxy/}) or a signed query, and CI logs are widely readable, so the
 * user-info, query and fragment are dropped. Works on text that is not a valid URI too, since the
 * messages that print it are often about exactly that.
 */
public final class EndpointText {
    private EndpointText() {
    }

    public static String of(String url) {
        if (url == null) {
            return null;
        }
        String s = url.trim();
        int query = firstOf(s, '?', '#');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int scheme = s.indexOf("://");
        int host = scheme < 0 ? 0 : scheme + 3;
        // The last '@', not the first '/': an unencoded '/' in a password must not keep the rest of it.
        int at = s.lastIndexOf('@');
        return at >= host ? s.substring(0, host) + s.substring(at + 1) : s;
    }

    private static int firstOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
