package io.imdsguard.cli;

import io.imdsguard.report.Printable;
import io.imdsguard.trace.ssm.Dispatch;
import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.Skip;
import io.imdsguard.trace.ssm.TraceTarget;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plan start and stop print before sending: the targets by region, the skips with reasons, the commands. */
final class TracePlan {
    private TracePlan() {
    }

    static void print(PrintWriter out, RunFile run, String action, List<TraceTarget> targets, Dispatch dispatch) {
        Map<String, List<TraceTarget>> byRegion = new LinkedHashMap<>();
        targets.forEach(t -> byRegion.computeIfAbsent(t.region(), r -> new ArrayList<>()).add(t));
        out.println("Trace run " + run.runId() + " in account " + run.account() + ": " + action + " " + targets.size()
                + " host" + (targets.size() == 1 ? "" : "s") + " in " + byRegion.size() + " region"
                + (byRegion.size() == 1 ? "" : "s"));
        out.println("Targets:" + (targets.isEmpty() ? " none" : ""));
        byRegion.forEach((region, list) -> {
            out.println("  " + region + ": " + list.size());
            list.forEach(t -> out.println("    " + Printable.of(t.label())));
        });
        out.println("Skipped:" + (run.skips().isEmpty() ? " none" : ""));
        for (Skip skip : run.skips()) {
            out.println(Printable.of("  " + skip.instanceId() + " (" + skip.region() + "): " + skip.reason()));
        }
        if (!dispatch.batches().isEmpty()) {
            out.println("Commands (" + dispatch.batches().size() + "):");
            dispatch.planLines().forEach(out::println);
        }
        out.flush();
    }

    /** The closing line of a plan: nothing was sent, and how to send it. */
    static void printHowToSend(PrintWriter out, List<String> args) {
        out.println("Nothing sent. To send it, run:");
        out.println("  " + ShellWords.command(args) + " --yes");
        out.flush();
    }
}
