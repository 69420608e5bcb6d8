package io.imdsguard.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The items of a repeatable option that also takes comma-separated lists ({@code -f json,sarif -f junit}).
 * Split here rather than by picocli, whose split drops the empty items ({@code ""}, {@code "a,,"}) that
 * betray an unset CI variable or a stray comma: those are usage errors, never "use the default".
 */
final class CommaList {
    private CommaList() {
    }

    /**
     * @param option the option, for messages ({@code --regions})
     * @param item   what one item is, for messages ({@code region name})
     * @param hint   what to give instead, appended to the message for a wholly empty value
     */
    static List<String> items(String option, String item, String hint, List<String> values) {
        List<String> items = new ArrayList<>();
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                if (name.isBlank()) {
                    throw new UsageException(value.isBlank() ? option + ": empty value (an unset variable?); " + hint
                            : option + ": empty " + item + " in '" + value + "'");
                }
                items.add(name.trim());
            }
        }
        return items;
    }
}
