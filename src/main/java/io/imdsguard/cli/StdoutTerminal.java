package io.imdsguard.cli;

import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.Severity;
import io.imdsguard.report.RenderOptions;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.Console;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntSupplier;

/**
 * Whether the report on stdout reaches a person at a terminal, and so may be coloured and fitted to
 * its width, or a file or pipe, which get neither. The decisions take the environment as a map so
 * they are tested without the real one.
 */
final class StdoutTerminal {
    private StdoutTerminal() {
    }

    /** Render options for stdout in this process, with a plain threshold. */
    static RenderOptions options(Optional<Severity> failOn, boolean wide, boolean noColorFlag) {
        return options(GatePolicy.failOn(failOn), wide, noColorFlag);
    }

    /** Render options for stdout in this process; {@code gate} lets reports mark what the exit code counts. */
    static RenderOptions options(GatePolicy gate, boolean wide, boolean noColorFlag) {
        boolean terminal = isTerminal();
        Map<String, String> env = System.getenv();
        return new RenderOptions(gate, wide, colour(terminal, noColorFlag, env),
                columns(terminal, env, StdoutTerminal::queryWidth));
    }

    /** Colour only on a terminal that has it ({@code TERM=dumb} has not), unless {@code --no-color} or a non-empty {@code NO_COLOR} says no. */
    static boolean colour(boolean terminal, boolean noColorFlag, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return terminal && !noColorFlag && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }

    /** The terminal's width: {@code COLUMNS} when set (the user's override), else asked of the terminal; empty off a terminal or when unknown. */
    static OptionalInt columns(boolean terminal, Map<String, String> env, IntSupplier queried) {
        if (!terminal) {
            return OptionalInt.empty();
        }
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            if (columns > 0) {
                return OptionalInt.of(columns);
            }
        } catch (NumberFormatException e) {
            // not a number: ask the terminal
        }
        int width = queried.getAsInt();
        return width > 0 ? OptionalInt.of(width) : OptionalInt.empty();
    }

    /** Whether the process runs on a terminal (stdin and stdout both one); the one test for colour, width and progress. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Up to Java 21 a console exists only when stdin and stdout are terminals; from 22 it may exist
        // when they are redirected, and isTerminal() tells the two apart.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static int queryWidth() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(false).build()) {
            return terminal.getWidth();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
