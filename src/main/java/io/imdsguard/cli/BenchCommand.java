package io.imdsguard.cli;

import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code imdsguard bench ...}: tools for measuring imdsguard itself. */
@Command(name = "bench", header = "Generate synthetic fleets for benchmarks (bench synth).",
        mixinStandardHelpOptions = true,
        description = "Tools for measuring imdsguard at fleet scale; see docs/performance.md.",
        subcommands = BenchCommand.Synth.class)
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }

    /** {@code imdsguard bench synth --instances N --output FILE}. */
    @Command(name = "synth", mixinStandardHelpOptions = true,
            header = "Write a deterministic synthetic fleet snapshot of N instances.",
            description = {
                "Writes a snapshot (as 'collect' does) of a made-up but realistic fleet: VPCs with public, "
                    + "NAT-routed and isolated subnets, shared security groups, NACLs that deny part of the internet, "
                    + "ALBs and NLBs with several target groups, WAF web ACLs, roles with varied S3 grants, conditions "
                    + "and permission boundaries, buckets, and a few percent of instances on the attack path.",
                "The same options give byte-identical output. Instances are spread evenly over accounts x regions."},
            footer = {"", "Examples:",
                "  imdsguard bench synth --instances 100000 --output fleet.json",
                "  imdsguard bench synth --instances 100000 --accounts 1400 --regions 2 --output many-accounts.json",
                "  imdsguard bench synth --instances 1000000 --regions 4 --seed 7 --output big.json",
                "  imdsguard scan --snapshot fleet.json --format json --output report.json --fail-on none",
                "",
                "Exit codes: 0 written, 2 bad option or unwritable output."})
    static final class Synth implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--instances", required = true, paramLabel = "N", description = "Instances in the fleet.")
        int instances;

        @Option(names = "--accounts", paramLabel = "A", defaultValue = "1",
                description = "Accounts (default: ${DEFAULT-VALUE}).")
        int accounts;

        @Option(names = "--regions", paramLabel = "R", defaultValue = "2",
                description = "Regions per account, 1-16 (default: ${DEFAULT-VALUE}).")
        int regions;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
                description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
                description = "Where to write the snapshot JSON ('-' is stdout).")
        String output;

        @Override
        public Integer call() throws IOException {
            FleetShape shape;
            try {
                shape = new FleetShape(instances, accounts, regions, seed);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + e.getMessage());
            }
            Output file = Output.of(output, "--output", spec.commandLine().getOut());
            file.checkWritable();
            long started = System.nanoTime();
            Snapshot snapshot = SyntheticFleet.generate(shape);
            file.write(out -> SnapshotIO.write(snapshot, out));
            PrintWriter err = spec.commandLine().getErr();
            err.println(String.format(Locale.ROOT, "imdsguard: wrote %d instances in %d account(s) x %d region(s) to %s"
                    + " in %.1fs", snapshot.instanceCount(), accounts, regions, output,
                    (System.nanoTime() - started) / 1e9));
            err.flush();
            return ExitCode.PASSED.code();
        }
    }
}
