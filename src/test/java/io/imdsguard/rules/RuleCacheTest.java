package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.inventory.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** User packs compiled once are loaded from the cache next time, with the same rules; failures are never cached. */
class RuleCacheTest {
    private static final Path LOAD = Path.of("src/test/resources/rules/load");

    @TempDir
    Path dir;

    @Test
    void aUserPackIsCompiledOnceThenLoadedWithTheSameRulesAndFindings() throws Exception {
        RuleCache cache = new RuleCache(dir);
        List<RuleSource> sources = RuleSources.bundledAnd(List.of(LOAD.resolve("user-pack")));
        CompiledRules first = RuleCompiler.compile(sources, Optional.of(cache));
        assertThat(cache.loads()).isZero();
        assertThat(kjars()).hasSize(1);

        CompiledRules second = RuleCompiler.compile(sources, Optional.of(cache));
        assertThat(cache.loads()).isEqualTo(1);
        assertThat(second.rules()).isEqualTo(first.rules());
        Snapshot fleet = SyntheticFleet.generate(new FleetShape(500, 1, 2, 3));
        Analysis analysis = new SnapshotAnalyzer(ExposureSettings.DEFAULT).analyze(fleet);
        assertThat(new RuleEvaluator(second).evaluate(fleet, analysis))
                .isEqualTo(new RuleEvaluator(first).evaluate(fleet, analysis)).isNotEmpty();

        // Another pack is another entry; a damaged entry is compiled again and replaced.
        Files.write(kjars().get(0), new byte[] {1, 2, 3});
        CompiledRules again = RuleCompiler.compile(sources, Optional.of(cache));
        assertThat(cache.loads()).isEqualTo(1);
        assertThat(again.rules()).isEqualTo(first.rules());
        assertThat(Files.size(kjars().get(0))).isGreaterThan(1000);
    }

    @Test
    void aPackThatDoesNotCompileIsNotCached() {
        RuleCache cache = new RuleCache(dir);
        assertThatThrownBy(() -> RuleCompiler.compile(RuleSources.bundledAnd(List.of(LOAD.resolve("duplicate-id"))),
                Optional.of(cache))).isInstanceOf(RuleLoadException.class);
        assertThat(dir).isEmptyDirectory();
    }

    private List<Path> kjars() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".kjar")).toList();
        }
    }
}
