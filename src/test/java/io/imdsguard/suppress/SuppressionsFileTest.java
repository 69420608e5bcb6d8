package io.imdsguard.suppress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The suppressions file: what a good one yields, and that each kind of mistake names file:line:col and the key. */
class SuppressionsFileTest {
    private static final Path EXAMPLE = Path.of(System.getProperty("imdsguard.projectDir", "."),
            "examples/suppressions.yaml");
    private static final Path MISTAKES = Path.of(System.getProperty("imdsguard.projectDir", "."),
            "src/test/resources/suppress/mistakes");

    @Test
    void theBundledExampleLoads() throws Exception {
        SuppressionsFile file = SuppressionsFile.load(EXAMPLE);
        assertThat(file.entries()).hasSize(3);
        SuppressionEntry first = file.entries().get(0);
        assertThat(first.ruleId()).isEqualTo("IMDS-002");
        assertThat(first.resourceId()).isEqualTo("i-0a1b2c3d4e5f60003");
        assertThat(first.expires()).isEqualTo(LocalDate.of(2099, 3, 31));
        assertThat(first.name()).isEqualTo(EXAMPLE + "#1");
        assertThat(file.entries().get(1).tag()).isEqualTo(new TagMatch("Name", "queue-worker"));
        assertThat(file.entries().get(2).account()).isEqualTo("111122223333");
        assertThat(file.entries().get(2).where()).isEqualTo(EXAMPLE + ":" + lineOf(EXAMPLE, "- ruleId: IMDS-004"));
    }

    @Test
    void everyKeyIsReadAndAnUnquotedAccountKeepsItsDigits() throws Exception {
        SuppressionsFile file = SuppressionsFile.parse("""
                suppressions:
                  - ruleId: IMDS-001
                    resourceId: i-0123
                    account: 012345678901
                    region: eu-west-1
                    tag: "Team=pay=ments"
                    reason: accepted
                    expires: 2027-01-31
                """, "s.yaml");
        SuppressionEntry e = file.entries().get(0);
        assertThat(e).isEqualTo(new SuppressionEntry("s.yaml#1", "s.yaml:2", "IMDS-001", "i-0123", "012345678901",
                "eu-west-1", new TagMatch("Team", "pay=ments"), "accepted", LocalDate.of(2027, 1, 31)));
        assertThat(e.keys()).isEqualTo("ruleId IMDS-001, resourceId i-0123, account 012345678901, region eu-west-1,"
                + " tag Team=pay=ments");
    }

    @Test
    void anEmptyListAndANullListSuppressNothing() throws Exception {
        assertThat(SuppressionsFile.parse("suppressions: []\n", "s.yaml").entries()).isEmpty();
        assertThat(SuppressionsFile.parse("suppressions:\n", "s.yaml").entries()).isEmpty();
    }

    /** One malformed file per mistake; its first line, {@code # error: MESSAGE}, is how the error must start. */
    static Stream<Arguments> mistakes() throws Exception {
        try (Stream<Path> files = Files.list(MISTAKES)) {
            return files.sorted().map(f -> Arguments.of(f.getFileName().toString(), f)).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void aMistakeNamesFileLineAndKey(String name, Path file) throws Exception {
        String text = Files.readString(file);
        String expected = text.lines().findFirst().orElseThrow().replaceFirst("^# error: ", "");
        assertThatThrownBy(() -> SuppressionsFile.parse(text, name))
                .isInstanceOf(SuppressionsException.class).hasMessageStartingWith(expected);
    }

    @Test
    void anEmptyOrUnreadableFileIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n");
        assertThatThrownBy(() -> SuppressionsFile.load(empty)).hasMessage(empty + ": empty file (expected"
                + " 'suppressions:' and a list of entries)");
        assertThatThrownBy(() -> SuppressionsFile.load(dir.resolve("missing.yaml")))
                .hasMessage(dir.resolve("missing.yaml") + ": no such file");
        assertThatThrownBy(() -> SuppressionsFile.load(dir)).hasMessage(dir + ": is a directory");
    }

    private static int lineOf(Path file, String text) throws Exception {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
