package io.imdsguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.config.ScanConfig;
import io.imdsguard.rules.CompiledRules;
import io.imdsguard.rules.RuleCompiler;
import io.imdsguard.rules.RuleLoadException;
import io.imdsguard.rules.RuleMetadata;
import io.imdsguard.rules.RuleSource;
import io.imdsguard.rules.RuleSources;
import io.imdsguard.rules.testing.CaseLoader;
import io.imdsguard.rules.testing.CaseResult;
import io.imdsguard.rules.testing.ExpectedFinding;
import io.imdsguard.rules.testing.RuleTestCase;
import io.imdsguard.rules.testing.RuleTestException;
import io.imdsguard.rules.testing.RuleTestRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code imdsguard rules list|validate|test}: inspect, check and test rule packs. */
@Command(name = "rules", header = "List, validate and test rule packs.", mixinStandardHelpOptions = true,
        description = "List, validate and test the rule pack (bundled rules plus --rules directories).",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Validate.class, RulesCommand.TestRules.class},
        footer = {"", "Examples:",
            "  imdsguard rules list",
            "  imdsguard rules validate ./my-rules",
            "  imdsguard rules test examples/rule-tests"})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }

    /** Compiles the bundled pack plus {@code dirs}; on failure prints every problem and returns null. */
    static CompiledRules compile(List<Path> dirs, PrintWriter err) {
        try {
            return RuleCompiler.compile(RuleSources.bundledAnd(dirs));
        } catch (RuleLoadException e) {
            e.problems().forEach(err::println);
            err.flush();
            return null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "List every loaded rule: id, severity, title, source file.",
            description = "List every loaded rule (the bundled pack plus --rules directories): id, severity, title, "
                    + "source file and line.",
            footer = {"", "Examples:",
                "  imdsguard rules list",
                "  imdsguard rules list --rules ./my-rules --format json"})
    static final class ListRules implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also load the *.drl files under DIR (repeatable).")
        List<Path> ruleDirs = new ArrayList<>();

        @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
                description = "table or json, in any case (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws Exception {
            format = format.toLowerCase(java.util.Locale.ROOT);
            if (!format.equals("table") && !format.equals("json")) {
                throw new UsageException("unknown --format '" + format + "' (expected table or json)");
            }
            PrintWriter out = spec.commandLine().getOut();
            CompiledRules rules = compile(ruleDirs, spec.commandLine().getErr());
            if (rules == null) {
                return ExitCode.USAGE_ERROR.code();
            }
            if (format.equals("json")) {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (RuleMetadata r : rules.rules()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", r.id());
                    row.put("severity", r.severity().name());
                    row.put("title", r.title());
                    row.put("remediation", r.remediation());
                    row.put("source", r.source());
                    row.put("line", r.line());
                    rows.add(row);
                }
                out.println(new ObjectMapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            } else {
                int idWidth = Math.max(2, rules.rules().stream().mapToInt(r -> r.id().length()).max().orElse(2));
                String row = "%-" + idWidth + "s  %-8s  %s  (%s)%n";
                out.printf("%-" + idWidth + "s  %-8s  %s  (%s)%n", "ID", "SEVERITY", "TITLE", "SOURCE");
                rules.rules().forEach(r -> out.printf(row, r.id(), r.severity(), r.title(), r.source() + ":" + r.line()));
            }
            out.flush();
            return ExitCode.PASSED.code();
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            header = "Check rule files: syntax, types, required metadata, unique ids.",
            footer = {"", "Examples:",
                "  imdsguard rules validate                 # the bundled pack",
                "  imdsguard rules validate ./my-rules      # your rules, together with the bundled pack"},
            description = {"Check rule files: syntax, types, required metadata (@id, @severity, @title, @remediation), "
                    + "unique ids. Without DIR the bundled pack is checked; DIRs are checked together with the bundled "
                    + "pack, as a scan loads them.",
                "Exit 0 when valid, 2 with compiler-style errors (file:line:col: message) otherwise."})
    static final class Validate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", arity = "0..*", description = "Directories of *.drl files.")
        List<Path> dirs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int files;
            Set<String> ownPaths = new HashSet<>();
            try {
                List<RuleSource> own = new ArrayList<>();
                for (Path dir : dirs) {
                    own.addAll(RuleSources.directory(dir));
                }
                List<RuleSource> bundled = RuleSources.bundled();
                // A copy of a bundled file is loaded as that file, so its rules carry the bundled path.
                own.forEach(source -> ownPaths.add(RuleSources.bundledCopy(source, bundled).orElse(source).displayPath()));
                files = dirs.isEmpty() ? bundled.size() : own.size();
            } catch (RuleLoadException e) {
                e.problems().forEach(err::println);
                err.flush();
                return ExitCode.USAGE_ERROR.code();
            }
            CompiledRules rules = compile(dirs, err);
            if (rules == null) {
                return ExitCode.USAGE_ERROR.code();
            }
            long count = dirs.isEmpty() ? rules.rules().size()
                    : rules.rules().stream().filter(r -> ownPaths.contains(r.source())).count();
            out.printf("ok: %d rules from %d files%s (compiled in %d ms)%n", count, files,
                    dirs.isEmpty() ? "" : ", checked together with the bundled pack", rules.compileMillis());
            out.flush();
            return ExitCode.PASSED.code();
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            header = "Run data-driven rule tests (a snapshot plus the findings expected from it).",
            footer = {"", "Examples:",
                "  imdsguard rules test examples/rule-tests",
                "  imdsguard rules test ./my-rule-tests --rules ./my-rules"},
            description = {"Run data-driven rule tests: every *.yaml file under CASES is a snapshot plus the findings "
                    + "expected from it (see docs/rules.md; examples/rule-tests is a worked example).",
                "Exit 0 when every case passes, 1 when one fails, 2 on bad input (unreadable case, rule compile error)."})
    static final class TestRules implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "CASES", description = "Directory of test cases (see docs/rules.md).")
        Path casesDir;

        @Option(names = "--rules", paramLabel = "DIR", description = "Also load the *.drl files under DIR (repeatable).")
        List<Path> ruleDirs = new ArrayList<>();

        @Option(names = "--config", paramLabel = "FILE",
                description = "Configuration YAML, as for scan: trusted CIDRs and thresholds apply to cases without a recorded analysis.")
        Path configFile;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ScanConfig config = ScanCommand.loadConfig(configFile);
            List<RuleTestCase> cases;
            try {
                cases = CaseLoader.load(casesDir);
            } catch (RuleTestException e) {
                err.println("imdsguard: " + e.getMessage());
                err.flush();
                return ExitCode.USAGE_ERROR.code();
            }
            CompiledRules rules = compile(ruleDirs, err);
            if (rules == null) {
                return ExitCode.USAGE_ERROR.code();
            }
            // Cases without a recorded analysis are analysed exactly as a scan would analyse them.
            RuleTestRunner runner = new RuleTestRunner(rules, new SnapshotAnalyzer(config.exposureSettings()));
            int failed = 0;
            for (RuleTestCase c : cases) {
                CaseResult result = runner.run(c);
                out.println((result.passed() ? "PASS " : "FAIL ") + c.name());
                for (ExpectedFinding f : result.missing()) {
                    out.println("  - missing:    " + f);
                }
                for (ExpectedFinding f : result.unexpected()) {
                    out.println("  + unexpected: " + f);
                }
                failed += result.passed() ? 0 : 1;
            }
            out.printf("%d passed, %d failed%n", cases.size() - failed, failed);
            out.flush();
            return failed == 0 ? ExitCode.PASSED.code() : ExitCode.GATE_FAILED.code();
        }
    }
}
