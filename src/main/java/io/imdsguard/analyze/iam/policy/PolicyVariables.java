package io.imdsguard.analyze.iam.policy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes IAM policy variables ({@code ${aws:username}}, {@code ${aws:PrincipalTag/team, 'none'}})
 * in a resource pattern from the request context. A variable whose key the request lacks, and that has
 * no default, makes the pattern match nothing, as in IAM.
 */
final class PolicyVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern WITH_DEFAULT = Pattern.compile("\\s*([^,]+?)\\s*,\\s*'([^']*)'\\s*");

    private PolicyVariables() {
    }

    static boolean hasVariable(String pattern) {
        return pattern.contains("${");
    }

    /** The pattern with every variable replaced, or null when one cannot be resolved. */
    static String resolve(String pattern, RequestContext context) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = value(m.group(1), context);
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String body, RequestContext context) {
        // ${*}, ${?} and ${$} are IAM's escapes for the literal characters.
        if (body.equals("*") || body.equals("?") || body.equals("$")) {
            return body;
        }
        String key = body.trim();
        String fallback = null;
        Matcher d = WITH_DEFAULT.matcher(body);
        if (d.matches()) {
            key = d.group(1);
            fallback = d.group(2);
        }
        List<String> values = context.values(key);
        return values.isEmpty() ? fallback : values.get(0);
    }
}
