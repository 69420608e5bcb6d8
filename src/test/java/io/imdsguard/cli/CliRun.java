package io.imdsguard.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One in-process run of the CLI, as a user would type it: its exit code, stdout and stderr. */
public record CliRun(int exit, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        CliRun run = run(new PrintWriter(out, true), args);
        return new CliRun(run.exit, out.toString(), run.err);
    }

    /** A run whose stdout is {@code stdout} (one that fails, say); {@link #out()} is then empty. */
    public static CliRun withStdout(OutputStream stdout, String... args) {
        return run(new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true), args);
    }

    /** A run reading {@code stdin} from standard input. */
    public static CliRun withStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return of(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static CliRun run(PrintWriter out, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = ImdsguardCommand.commandLine();
        cl.setOut(out);
        cl.setErr(new PrintWriter(err, true));
        int exit = Main.execute(cl, args);
        return new CliRun(exit, "", err.toString());
    }
}
