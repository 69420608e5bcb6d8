package io.imdsguard.enforce.defaults;

import io.imdsguard.enforce.defaults.RegionOutcome.Status;
import io.imdsguard.report.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code enforce region-defaults} prints: a table (one row per region) and, under it, one line per
 * region saying what happened and how many existing instances still allow IMDSv1.
 */
public final class RegionDefaultsText {
    private static final String[] PLAN = {"REGION", "NOW", "THEN", "ACTION", "PERMITTED"};
    private static final String[] DONE = {"REGION", "BEFORE", "AFTER", "RESULT"};
    private static final String POLICY_HINT = "not changed here; change the Organization's EC2 declarative policy "
            + "(imdsguard enforce guardrails)";

    private RegionDefaultsText() {
    }

    /** The dry run's table and notes. */
    public static void plan(PrintWriter out, List<RegionOutcome> outcomes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(PLAN);
        for (RegionOutcome o : outcomes) {
            boolean change = o.status() == Status.PERMITTED || o.status() == Status.NOT_PERMITTED;
            rows.add(new String[] {o.region(), now(o), change ? DefaultsCalls.describe(o.intended()) : "unchanged",
                change ? "change" : o.before() == null ? "-" : "none", permitted(o)});
        }
        table(out, rows);
        notes(out, outcomes);
    }

    /** The table and notes after {@code --yes}. */
    public static void applied(PrintWriter out, List<RegionOutcome> outcomes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(DONE);
        for (RegionOutcome o : outcomes) {
            rows.add(new String[] {o.region(), now(o), o.after() == null ? "unchanged" : DefaultsCalls.describe(o.after()),
                result(o)});
        }
        table(out, rows);
        notes(out, outcomes);
    }

    private static String now(RegionOutcome o) {
        return o.before() == null ? "?" : DefaultsCalls.describe(o.before().settings());
    }

    private static String permitted(RegionOutcome o) {
        return switch (o.status()) {
            case PERMITTED -> "yes";
            case NOT_PERMITTED -> "no";
            default -> "-";
        };
    }

    private static String result(RegionOutcome o) {
        return switch (o.status()) {
            case CHANGED -> "changed";
            case ALREADY_REQUIRED -> "already required";
            case MANAGED -> "declarative policy";
            case FAILED -> "failed";
            case PERMITTED, NOT_PERMITTED -> "planned";
        };
    }

    /** "eu-west-1: would change (...). Existing instances are not changed; ..." */
    static String note(RegionOutcome o) {
        String what = switch (o.status()) {
            case MANAGED -> "managed by a declarative policy" + (o.detail() == null ? "" : " (" + Printable.of(o.detail())
                    + ")") + ": " + POLICY_HINT;
            case ALREADY_REQUIRED -> "already required";
            case PERMITTED -> "would change: permitted" + also(o.detail());
            case NOT_PERMITTED -> "would change, but not permitted: " + o.detail();
            case CHANGED -> "changed and verified: new launches require IMDSv2" + also(o.detail());
            case FAILED -> "failed: " + o.detail();
        };
        return o.region() + ": " + what + ". " + instances(o);
    }

    private static String instances(RegionOutcome o) {
        if (o.imdsV1() == null) {
            return "Existing instances are not changed; how many in " + o.region() + " still allow IMDSv1 is unknown ("
                    + o.countProblem() + ")";
        }
        if (o.imdsV1() == 0) {
            return "Existing instances are not changed; none in " + o.region() + " allows IMDSv1";
        }
        return "Existing instances are not changed; " + o.imdsV1() + " in " + o.region()
                + (o.imdsV1() == 1 ? " still allows" : " still allow") + " IMDSv1: "
                + "imdsguard enforce instances --regions " + o.region() + " --tag KEY=VALUE (a canary first), "
                + "or --from-report report.json";
    }

    private static String also(String detail) {
        return detail == null ? "" : " (" + detail + ")";
    }

    private static void notes(PrintWriter out, List<RegionOutcome> outcomes) {
        out.println();
        outcomes.forEach(o -> out.println(note(o)));
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
