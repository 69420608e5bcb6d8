package io.imdsguard.cli;

import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** Process entry point: the only place that calls {@link System#exit(int)}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cl = ImdsguardCommand.commandLine();
        cl.setOut(stdout(new FileOutputStream(FileDescriptor.out)));
        System.exit(execute(cl, args));
    }

    /**
     * Runs the command line; output lost on stdout ({@code > /dev/full}, a closed pipe) turns success,
     * a failed gate or an incomplete scan into a usage error, since the report never arrived.
     */
    static int execute(CommandLine cl, String[] args) {
        int code = cl.execute(args);
        boolean reportable = code == ExitCode.PASSED.code() || code == ExitCode.GATE_FAILED.code()
                || code == ExitCode.INCOMPLETE.code();
        if (reportable && cl.getOut().checkError()) {
            cl.getErr().println("imdsguard: " + Output.STDOUT_FAILED);
            cl.getErr().flush();
            return ExitCode.USAGE_ERROR.code();
        }
        return code;
    }

    /**
     * Stdout as a writer that sees write errors. picocli's default wraps System.out, a PrintStream that
     * swallows them, in an OutputStreamWriter, where even checkError() cannot see them.
     */
    static PrintWriter stdout(OutputStream fd) {
        String encoding = System.getProperty("sun.stdout.encoding");
        Charset charset = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
        return new PrintWriter(new OutputStreamWriter(fd, charset), true);
    }
}
