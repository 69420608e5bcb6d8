package io.imdsguard.report;

import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.Severity;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one report is written: the gate threshold (formats that show pass/fail mark exactly what fails
 * the gate), and for the table whether to add remediation lines, colour severities, and cut to a
 * terminal's width.
 *
 * @param gate     what fails the gate ({@code --fail-on}, {@code --fail-on-new})
 * @param wide     print each finding's remediation and never cut a cell
 * @param color    colour severities with ANSI escapes (only ever for a terminal)
 * @param columns  the width of the terminal the table goes to; empty when it goes to a file or pipe,
 *                 and then nothing is cut
 */
public record RenderOptions(GatePolicy gate, boolean wide, boolean color, OptionalInt columns) {
    /** A plain file with the default gate ({@code --fail-on high}). */
    public static final RenderOptions DEFAULTS = new RenderOptions(GatePolicy.DEFAULT, false, false, OptionalInt.empty());

    /** Options with a plain {@code --fail-on} threshold (every finding counts, not only new ones). */
    public RenderOptions(Optional<Severity> failOn, boolean wide, boolean color, OptionalInt columns) {
        this(GatePolicy.failOn(failOn), wide, color, columns);
    }

    /** The {@code --fail-on} threshold, empty for {@code none}. */
    public Optional<Severity> failOn() {
        return gate.failOn();
    }

    /** The same report written to a file: no colour, no width to fit. */
    public RenderOptions forFile() {
        return new RenderOptions(gate, wide, false, OptionalInt.empty());
    }
}
