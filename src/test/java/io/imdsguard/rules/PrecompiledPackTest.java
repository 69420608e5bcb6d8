package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.Snapshot;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled pack comes precompiled from the build, and decides exactly what the run-time compiler's pack does. */
class PrecompiledPackTest {
    @Test
    void theBuildPrecompilesTheBundledPack() throws RuleLoadException {
        assertThat(PrecompiledPack.load(RuleSources.bundled())).as("rules/bundled.kjar from the process-classes step")
                .isPresent();
    }

    @Test
    void anEditedPackIsNotTakenFromTheBuild() throws RuleLoadException {
        List<RuleSource> edited = RuleSources.bundled().stream()
                .map(s -> new RuleSource(s.displayPath(), s.content() + "\n// edited\n")).toList();
        assertThat(PrecompiledPack.load(edited)).isEmpty();
        List<RuleSource> renamed = RuleSources.bundled().stream()
                .map(s -> new RuleSource("elsewhere/" + s.displayPath(), s.content())).toList();
        assertThat(PrecompiledPack.load(renamed)).isEmpty();
    }

    @Test
    void precompiledAndRunTimeCompiledPacksGiveTheSameFindings() throws RuleLoadException {
        CompiledRules precompiled = RuleCompiler.compile(RuleSources.bundled());
        // Other paths, same texts: not the build's pack, so compiled here (no cache).
        CompiledRules compiledNow = RuleCompiler.compile(RuleSources.bundled().stream()
                .map(s -> new RuleSource("copy/" + s.displayPath(), s.content())).toList(), Optional.empty());
        assertThat(precompiled.rules()).extracting(RuleMetadata::id)
                .containsExactlyElementsOf(compiledNow.rules().stream().map(RuleMetadata::id).toList());

        Snapshot fleet = SyntheticFleet.generate(new FleetShape(2_000, 2, 2, 5));
        Analysis analysis = new SnapshotAnalyzer(ExposureSettings.DEFAULT).analyze(fleet);
        List<Finding> a = new RuleEvaluator(precompiled).evaluate(fleet, analysis);
        List<Finding> b = new RuleEvaluator(compiledNow).evaluate(fleet, analysis);
        assertThat(a).hasSizeGreaterThan(1_000).isEqualTo(b);
    }
}
