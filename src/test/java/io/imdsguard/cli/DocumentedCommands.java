package io.imdsguard.cli;

import java.util.ArrayList;
import java.util.List;

/** Command lines as documentation and manifests write them, turned into the arguments a shell would pass. */
final class DocumentedCommands {
    private DocumentedCommands() {
    }

    /** Shell and CI expansions ($VAR, ${..}, $(..), $((..)), ${{ .. }}) as "1", so that the line still parses. */
    static String expand(String command) {
        return command.replaceAll("\\$\\{\\{[^}]*}}", "1")
                .replaceAll("\\$\\(\\([^)]*\\)\\)", "1")
                .replaceAll("\\$\\([^)]*\\)", "1")
                .replaceAll("\\$\\{[^}]*}", "1")
                .replaceAll("\\$[A-Za-z_][A-Za-z0-9_]*", "1")
                .replace("\\%", "%");
    }

    /** POSIX shell words: single quotes literal, double quotes grouping, backslash escapes. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
