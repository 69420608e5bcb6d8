package io.imdsguard.bench.jmh;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.findings.Finding;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.RuleCompiler;
import io.imdsguard.rules.RuleEvaluator;
import io.imdsguard.rules.RuleLoadException;
import io.imdsguard.rules.RuleSource;
import io.imdsguard.rules.RuleSources;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rules stage: facts assembled from a recorded analysis, the rule session fired, findings built; and
 * loading the bundled pack precompiled against compiling it at run time. How to run: docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// No rule cache: compilePackAtRunTime must compile every time.
@Fork(value = 1, jvmArgs = {"-Xmx4g", "-Dimdsguard.rulesCache=off"})
public class RuleEngineBenchmark {
    @Param({"10000"})
    int instances;

    Snapshot snapshot;
    Analysis analysis;
    RuleEvaluator evaluator;
    List<RuleSource> bundled;
    List<RuleSource> notPrecompiled;

    @Setup
    public void setUp() throws RuleLoadException {
        snapshot = SyntheticFleet.generate(new FleetShape(instances, 1, 2, 42));
        analysis = new SnapshotAnalyzer(ExposureSettings.DEFAULT).analyze(snapshot);
        bundled = RuleSources.bundled();
        // Same texts under other paths: not the build's pack, so compiled at run time.
        notPrecompiled = bundled.stream().map(s -> new RuleSource("copy/" + s.displayPath(), s.content())).toList();
        evaluator = new RuleEvaluator(RuleCompiler.compile(bundled));
    }

    @Benchmark
    public List<Finding> evaluate() {
        return evaluator.evaluate(snapshot, analysis);
    }

    @Benchmark
    public CompiledRules loadPrecompiledPack() throws RuleLoadException {
        return RuleCompiler.compile(bundled);
    }

    @Benchmark
    public CompiledRules compilePackAtRunTime() throws RuleLoadException {
        return RuleCompiler.compile(notPrecompiled);
    }
}
