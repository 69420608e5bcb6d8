package io.imdsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code imdsguard enforce instances|region-defaults|rollback|guardrails}: require IMDSv2, per
 * instance, as each region's default and as Organization guardrails, with a plan first, a journal of
 * every change and a way back.
 */
@Command(name = "enforce", header = "Require IMDSv2: on instances, as region defaults, as Organization guardrails.",
        mixinStandardHelpOptions = true,
        description = {
            "Changes AWS, and only with --yes: without it each command prints its plan and proves with DryRun "
                + "calls that the change is permitted. Every change is journaled before and after it is made, and "
                + "enforce rollback puts the journaled before-state back.",
            "",
            "Exit codes: 0 every target ends compliant (or would, in a plan), 2 usage error, "
                + "3 a target is left unchanged (refused, vanished, not permitted, failed, not applied in time, "
                + "not attempted)."},
        footer = {"", "A safe rollout (docs/enforcement.md):",
            "  imdsguard usage --regions all --output evidence/                 # who still calls IMDSv1",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/   # the plan",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/ --yes",
            "  imdsguard usage --instance-ids ... --regions ... --days 1       # what broke (rejected calls)",
            "  imdsguard enforce instances --from-report report.json --evidence evidence/ --yes",
            "  imdsguard enforce region-defaults --yes",
            "  imdsguard enforce guardrails",
            "",
            "Undo: imdsguard enforce rollback --journal imdsguard-journal.jsonl --yes"},
        subcommands = {EnforceInstancesCommand.class, EnforceRegionDefaultsCommand.class, EnforceRollbackCommand.class,
            EnforceGuardrailsCommand.class})
public final class EnforceCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }

    /**
     * The shared AWS options promise every enabled region by default, true of region-defaults only:
     * instances looks in the report's regions or the home region, and rollback's journal names them.
     */
    static void describeRegions(CommandLine enforce) {
        TraceCommand.replaceRegions(enforce, "instances", List.of("Regions to look in, comma-separated (repeatable), "
                + "or 'all' (default: with --from-report, the report's regions; else the home region)."), false);
        // Kept only to be refused with that reason.
        TraceCommand.replaceRegions(enforce, "rollback", List.of(), true);
    }
}
