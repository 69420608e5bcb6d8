package io.imdsguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imdsguard.evidence.EvidenceDirectory;
import io.imdsguard.evidence.EvidenceFormatException;
import io.imdsguard.evidence.HostEvidence;
import io.imdsguard.input.InputErrors;
import io.imdsguard.report.Printable;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;
import io.imdsguard.trace.log.CollectFormatException;
import io.imdsguard.trace.log.TraceInput;
import io.imdsguard.trace.log.TraceLogParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code imdsguard trace parse LOG..}: the packet analyzer's log, copied from a host, read into callers. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        header = "Read packet analyzer logs (or a saved collect output) into the processes that called IMDSv1.",
        description = {"Reads the IMDS packet analyzer's log as any release (1.0 to 1.5) wrote it, or the saved output "
                + "of the host collect script, and lists each process that called IMDS without a token: pid, name, "
                + "command line, parents, paths asked for, calls, first and last seen. A call the analyzer logged "
                + "several times (once per kernel probe) counts once; lines it cannot read are counted. Session "
                + "tokens in the log are never copied.",
            "",
            "Rotated files given together (imds-trace.log.5 .. imds-trace.log) are read oldest first.",
            "With --instance-id and --output, also writes the instance's evidence file, as trace collect does, "
                + "for scan --evidence."},
        footer = {"", "Examples:",
            "  imdsguard trace parse /var/log/imds/imds-trace.log*",
            "  imdsguard trace parse host-a.log --format json",
            "  imdsguard trace parse imds-trace.log --instance-id i-0abc12345def67890 --output evidence/",
            "  imdsguard scan --snapshot snapshot.json --evidence evidence/"})
final class TraceParseCommand implements Callable<Integer> {
    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "LOG", arity = "1..*",
            description = "Analyzer log files (imds-trace.log*), or one saved output of trace script collect.")
    List<Path> logs = new ArrayList<>();

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}). json is the evidence file's trace part.")
    String format;

    @Option(names = "--instance-id", paramLabel = "ID", description = "The instance the logs come from (with --output).")
    String instanceId;

    @Option(names = "--output", paramLabel = "DIR", description = "Evidence directory to write ID.json into (with --instance-id).")
    Path output;

    @Override
    public Integer call() throws Exception {
        // 1. Check the options before reading anything
        format = format.toLowerCase(Locale.ROOT);
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("unknown --format '" + format + "' (expected table or json)");
        }
        if ((instanceId == null) != (output == null)) {
            throw new UsageException(instanceId == null ? "--output needs --instance-id (the instance the logs come from)"
                    : "--instance-id needs --output (the evidence directory to write to)");
        }
        if (instanceId != null && !INSTANCE_ID.matcher(instanceId).matches()) {
            throw new UsageException("--instance-id '" + instanceId + "' is not an instance id (i-0123456789abcdef0)");
        }
        logs.forEach(TraceParseCommand::checkReadable);

        // 2. Parse
        TraceLogParser.Result result;
        try {
            result = TraceInput.read(logs);
        } catch (CollectFormatException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UsageException("cannot read " + String.join(", ", logs.stream().map(Path::toString).toList())
                    + ": " + e.getMessage(), e);
        }

        // 3. Report, and write the evidence
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        result.notes().forEach(n -> err.println("imdsguard: note: " + n));
        if (format.equals("json")) {
            out.println(new ObjectMapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.summary()));
        } else {
            table(result.summary(), out);
        }
        Output.checkStdout(out);
        if (output != null) {
            try {
                Path file = new EvidenceDirectory(output).merge(
                        HostEvidence.of(instanceId, null, null).withTrace(null, Instant.now(), result.summary()));
                err.println("imdsguard: evidence written to " + file);
            } catch (EvidenceFormatException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        err.flush();
        return ExitCode.PASSED.code();
    }

    private static void checkReadable(Path file) {
        if (Files.isDirectory(file)) {
            throw new UsageException("cannot read " + file + ": is a directory, expected an analyzer log file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            in.read();
        } catch (IOException e) {
            throw new UsageException(InputErrors.describe(file, e), e);
        }
    }

    private static void table(TraceSummary summary, PrintWriter out) {
        if (summary.v1Callers().isEmpty()) {
            out.println("No process called IMDSv1.");
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"PROCESS", "PID", "CALLS", "FIRST SEEN", "LAST SEEN", "PATHS"});
            for (V1Caller c : summary.v1Callers()) {
                String paths = String.join(", ", c.paths());
                if (c.missingPayload()) {
                    paths = paths.isEmpty() ? "(request not captured)" : paths + ", (request not captured)";
                }
                // A process's argv and paths are whatever ran on the host: never raw on a terminal.
                rows.add(new String[] {Printable.of(c.displayName()), String.valueOf(c.pid()), String.valueOf(c.calls()),
                    String.valueOf(c.firstSeen()), String.valueOf(c.lastSeen()), Printable.of(paths)});
            }
            int[] width = new int[5];
            rows.forEach(r -> {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            });
            for (String[] r : rows) {
                out.printf("%-" + width[0] + "s  %" + width[1] + "s  %" + width[2] + "s  %-" + width[3] + "s  %-" + width[4]
                        + "s  %s%n", (Object[]) r);
            }
        }
        out.println(count(summary.v1Calls(), "IMDSv1 call") + " from " + count(summary.v1Callers().size(), "process")
                + "; " + count(summary.v2Calls(), "IMDSv2 call") + "; " + count(summary.unparsed(), "unreadable line"));
    }

    private static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}
