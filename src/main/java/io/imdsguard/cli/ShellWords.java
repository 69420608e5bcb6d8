package io.imdsguard.cli;

import java.util.List;

/** Command lines printed for people to paste: each word quoted for a POSIX shell when it needs it. */
final class ShellWords {
    private ShellWords() {
    }

    /** {@code imdsguard} and {@code args} (picocli's originalArgs: the subcommand names included). */
    static String command(List<String> args) {
        StringBuilder line = new StringBuilder("imdsguard");
        for (String arg : args) {
            line.append(' ').append(quoted(arg));
        }
        return line.toString();
    }

    static String quoted(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
