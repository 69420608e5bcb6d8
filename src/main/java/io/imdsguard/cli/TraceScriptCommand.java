package io.imdsguard.cli;

import io.imdsguard.trace.HostScripts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code imdsguard trace script start|collect|stop}: the host scripts, exactly as they are sent. */
@Command(name = "script", mixinStandardHelpOptions = true,
        header = "Print a host script (start, collect or stop) exactly as trace sends it to run as root.",
        description = {"Prints the POSIX sh script that trace start, trace collect or trace stop runs on each host "
                + "through SSM Run Command, so that you can review what runs as root. Each script's header says what "
                + "it changes on the host and which parameters it takes; trace puts those parameters before the "
                + "script as shell assignments (IMDSGUARD_RUN_ID=...)."},
        footer = {"", "Examples:",
            "  imdsguard trace script start | less",
            "  imdsguard trace script collect > collect.sh && shellcheck collect.sh",
            "  sudo IMDSGUARD_RUN_ID=manual-1 sh collect.sh > out.txt && imdsguard trace parse out.txt"})
final class TraceScriptCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", completionCandidates = Names.class, description = "start, collect or stop.")
    String name;

    static final class Names extends java.util.ArrayList<String> {
        Names() {
            super(HostScripts.NAMES);
        }
    }

    @Override
    public Integer call() {
        if (!HostScripts.NAMES.contains(name)) {
            throw new UsageException("unknown script '" + name + "' (expected start, collect or stop)");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(HostScripts.text(name));
        out.flush();
        Output.checkStdout(out);
        return ExitCode.PASSED.code();
    }
}
