package io.imdsguard.rules;

import io.imdsguard.rules.facts.InstanceFact;
import io.imdsguard.rules.facts.RuleHit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleLoadTest {
    private static final Path LOAD = Path.of("src/test/resources/rules/load");

    @Test
    void bundledPackDeclaresTheCatalogue() {
        CompiledRules rules = BundledRules.get();
        assertThat(rules.rules()).extracting(RuleMetadata::id)
                .containsExactly("IMDS-001", "IMDS-002", "IMDS-003", "IMDS-004", "IMDS-005", "IMDS-006");
        assertThat(rules.rules()).extracting(r -> r.severity().name())
                .containsExactly("CRITICAL", "HIGH", "MEDIUM", "MEDIUM", "LOW", "MEDIUM");
        assertThat(rules.rules()).allSatisfy(r -> {
            assertThat(r.source()).startsWith("rules/").endsWith(".drl");
            assertThat(r.title()).isNotBlank();
            assertThat(r.remediation()).isNotBlank();
        });
        System.out.println("bundled pack compiled in " + rules.compileMillis() + " ms");
    }

    /** The index is what the shaded jar relies on; it must list exactly the top-level rules/*.drl files. */
    @Test
    void bundledIndexListsEveryDrlFile() throws IOException {
        Path rulesDir = Path.of("rules");
        List<String> onDisk;
        try (Stream<Path> files = Files.list(rulesDir)) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".drl")).sorted().toList();
        }
        List<String> indexed = Files.readAllLines(rulesDir.resolve("index.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).sorted().toList();
        assertThat(indexed).isEqualTo(onDisk);
    }

    @Test
    void syntaxErrorIsReportedCompilerStyle() {
        RuleLoadException e = loadFails("syntax-error");
        assertThat(e.problems()).isNotEmpty();
        assertThat(e.problems().get(0)).matches(
                java.util.regex.Pattern.quote(LOAD.resolve("syntax-error/broken.drl").toString()) + ":9:\\d+: .+");
    }

    @Test
    void unknownFieldIsReportedAtItsLine() {
        RuleLoadException e = loadFails("unknown-field");
        assertThat(e.problems()).anySatisfy(p -> assertThat(p)
                .startsWith(LOAD.resolve("unknown-field/typo.drl") + ":9:")
                .contains("hopLimmit"));
    }

    @Test
    void consequenceErrorPointsAtTheDrlLine() {
        RuleLoadException e = loadFails("consequence-error");
        assertThat(e.problems()).singleElement().asString()
                .startsWith(LOAD.resolve("consequence-error/rhs.drl") + ":11:")
                .contains("in a rule consequence")
                .contains("instanceKey()");
    }

    @Test
    void ruleMissingSeverityIsRefused() {
        RuleLoadException e = loadFails("missing-severity");
        assertThat(e.problems()).containsExactly(
                LOAD.resolve("missing-severity/no-severity.drl") + ":7: rule \"No severity\": missing @severity");
    }

    @Test
    void badSeverityIsRefused() {
        RuleLoadException e = loadFails("bad-severity");
        assertThat(e.problems()).singleElement().asString()
                .startsWith(LOAD.resolve("bad-severity/bad.drl") + ":6: rule \"Bad severity\": bad @severity \"URGENT\"");
    }

    @Test
    void duplicateIdAcrossPacksIsRefused() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> RuleCompiler.compile(RuleSources.bundledAnd(List.of(LOAD.resolve("duplicate-id")))));
        assertThat(e.problems()).singleElement().asString()
                .contains("dup.drl:7: rule \"Shadow of IMDS-005\": duplicate @id IMDS-005")
                .contains("rules/imds-hop-limit.drl");
    }

    @Test
    void userDirectoryAddsARuleThatFires() throws RuleLoadException {
        CompiledRules rules = RuleCompiler.compile(RuleSources.bundledAnd(List.of(LOAD.resolve("user-pack"))));
        assertThat(rules.rule("ACME-100")).hasValueSatisfying(r -> {
            assertThat(r.severity().name()).isEqualTo("INFO");
            assertThat(r.source()).endsWith("user-pack/acme-untagged.drl");
        });
        InstanceFact anonymous = new InstanceFact("1/r/i-1", "1", "r", "i-1", null, "running", true, true, "required",
                false, 1, null, null, false, false);
        InstanceFact named = new InstanceFact("1/r/i-2", "1", "r", "i-2", "db", "running", true, true, "required",
                false, 1, null, null, false, false);
        assertThat(rules.evaluate(List.of(anonymous, named))).containsExactly(new RuleHit("ACME-100", "1/r/i-1", null));
    }

    @Test
    void missingDirectoryIsALoadError() {
        assertThatThrownBy(() -> RuleSources.directory(LOAD.resolve("no-such-dir")))
                .isInstanceOf(RuleLoadException.class).hasMessageContaining("no-such-dir: no such directory");
    }

    @Test
    void directoryWithoutRulesIsALoadError() {
        assertThatThrownBy(() -> RuleSources.directory(LOAD.resolve("user-pack-tests")))
                .isInstanceOf(RuleLoadException.class).hasMessageEndingWith("user-pack-tests: no *.drl files");
    }

    private static RuleLoadException loadFails(String dir) {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class,
                () -> RuleCompiler.compile(RuleSources.directory(LOAD.resolve(dir))));
        assertThat(e).as("loading %s must fail", dir).isNotNull();
        return e;
    }
}
