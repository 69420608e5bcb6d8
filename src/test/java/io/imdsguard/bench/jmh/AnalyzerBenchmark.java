package io.imdsguard.bench.jmh;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.inventory.Snapshot;
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

import java.util.concurrent.TimeUnit;

/**
 * The analysis stage (network reachability per region, S3 read per instance profile) on a synthetic fleet,
 * with few large regions and with many small accounts. How to run: docs/performance.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class AnalyzerBenchmark {
    @Param({"10000"})
    int instances;

    /** 1 account (two large regions) or 200 accounts (400 small regions). */
    @Param({"1", "200"})
    int accounts;

    Snapshot snapshot;
    SnapshotAnalyzer analyzer;

    @Setup
    public void setUp() {
        snapshot = SyntheticFleet.generate(new FleetShape(instances, accounts, 2, 42));
        analyzer = new SnapshotAnalyzer(ExposureSettings.DEFAULT);
    }

    @Benchmark
    public Analysis analyze() {
        return analyzer.analyze(snapshot);
    }
}
