package io.imdsguard.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class StdoutTerminalTest {
    @Test
    void colourOnlyOnATerminalWithoutNoColorFlagOrEnv() {
        assertThat(StdoutTerminal.colour(true, false, Map.of())).isTrue();
        assertThat(StdoutTerminal.colour(false, false, Map.of())).as("file or pipe").isFalse();
        assertThat(StdoutTerminal.colour(true, true, Map.of())).as("--no-color").isFalse();
        assertThat(StdoutTerminal.colour(true, false, Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(StdoutTerminal.colour(true, false, Map.of("NO_COLOR", "false"))).as("any non-empty value").isFalse();
        assertThat(StdoutTerminal.colour(true, false, Map.of("TERM", "dumb"))).as("a terminal without colour").isFalse();
        assertThat(StdoutTerminal.colour(true, false, Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(StdoutTerminal.colour(true, false, Map.of("NO_COLOR", ""))).as("empty means unset").isTrue();
    }

    @Test
    void widthFromColumnsElseTheTerminalAndNeverOffATerminal() {
        assertThat(StdoutTerminal.columns(false, Map.of("COLUMNS", "50"), () -> 90)).isEmpty();
        assertThat(StdoutTerminal.columns(true, Map.of("COLUMNS", "50"), () -> 90)).isEqualTo(OptionalInt.of(50));
        assertThat(StdoutTerminal.columns(true, Map.of(), () -> 90)).isEqualTo(OptionalInt.of(90));
        assertThat(StdoutTerminal.columns(true, Map.of("COLUMNS", "wide"), () -> 0)).as("unknown: never cut").isEmpty();
    }
}
