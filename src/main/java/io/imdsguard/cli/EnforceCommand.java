package io.imdsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
                + "3 a target is left unchanged (refused, vanished, failed, not applied in time)."},
        footer = {"", "A safe rollout (docs/enforcement.md):",
            "  imdsguard usage --regions all --output evidence/                 # who still calls IMDSv1",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/   # the plan",
            "  imdsguard enforce instances --tag imdsv2-canary=true --evidence evidence/ --yes",
            "  imdsguard usage --instance-ids ... --days 1                     # MetadataNoTokenRejected: what broke",
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
}
