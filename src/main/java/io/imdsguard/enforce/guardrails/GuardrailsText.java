package io.imdsguard.enforce.guardrails;

import java.util.List;

/**
 * The text form of {@code enforce guardrails}: what each guardrail does and what it costs, the two
 * documents, and the commands that apply them one OU at a time.
 */
public final class GuardrailsText {
    private GuardrailsText() {
    }

    /** The whole text, ending with a newline. */
    public static String render(Guardrails guardrails) {
        StringBuilder out = new StringBuilder();
        line(out, "Organization guardrails that keep IMDSv1 from coming back. Nothing is changed: these are two");
        line(out, "documents for AWS Organizations and the commands that apply them.");
        line(out, "");
        line(out, "1. Service control policy (SCP). In every account below the root or OU it is attached to, it denies:");
        line(out, "   - LaunchOnlyWithImdsV2Required: ec2:RunInstances unless the launch asks for HttpTokens=required.");
        line(out, "     EC2 reads ec2:MetadataHttpTokens from the launch request, so a launch that does not ask for it");
        line(out, "     is denied even where the region default or the AMI would require IMDSv2: launch templates,");
        line(out, "     Auto Scaling groups and infrastructure code must set HttpTokens=required.");
        line(out, "   - " + Guardrails.MODIFY_SID + ": ec2:ModifyInstanceMetadataOptions unless the call sets");
        line(out, "     HttpTokens=required. A call that leaves HttpTokens out is denied too, as EC2 may then apply");
        line(out, "     optional. imdsguard enforce instances sends every field, so it is not affected.");
        exemption(out, guardrails.exemptRoles());
        line(out, "   - NoRoleCredentialsDeliveredThroughImdsV1: every action made with instance role credentials that");
        line(out, "     were fetched through IMDSv1 (ec2:RoleDelivery below 2.0). Attach it only after enforce instances:");
        line(out, "     a workload that still reads its credentials through IMDSv1 fails from then on.");
        line(out, "   SCPs do not restrict the management account or service-linked roles.");
        line(out, "");
        out.append(Guardrails.json(guardrails.serviceControlPolicy())).append('\n');
        line(out, "");
        line(out, "2. EC2 declarative policy, instance metadata defaults. Every account and region below the target");
        line(out, "   launches new instances with HttpTokens=required and a hop limit of 2 (room for containers)");
        line(out, "   unless the launch asks otherwise, and account administrators can no longer change these defaults");
        line(out, "   (enforce region-defaults then reports the region as managed by a declarative policy). It changes");
        line(out, "   no existing instance and stops no launch that asks for optional: the SCP does that.");
        line(out, "");
        out.append(Guardrails.json(guardrails.declarativePolicy())).append('\n');
        line(out, "");
        line(out, "How to apply, from the management account (or a delegated administrator). Test on one OU first:");
        line(out, "  imdsguard enforce guardrails" + exemptOptions(guardrails.exemptRoles()) + " --only scp > imdsv2-scp.json");
        line(out, "  aws organizations enable-policy-type --root-id r-EXAMPLE --policy-type SERVICE_CONTROL_POLICY  # once");
        line(out, "  aws organizations create-policy --type SERVICE_CONTROL_POLICY --name imdsv2-required \\");
        line(out, "      --description \"Keep IMDSv1 from coming back\" --content file://imdsv2-scp.json");
        line(out, "  aws organizations attach-policy --policy-id p-EXAMPLE --target-id ou-EXAMPLE");
        line(out, "  imdsguard enforce guardrails --only declarative-policy > imdsv2-defaults.json");
        line(out, "  aws organizations enable-policy-type --root-id r-EXAMPLE --policy-type DECLARATIVE_POLICY_EC2  # once");
        line(out, "  aws organizations create-policy --type DECLARATIVE_POLICY_EC2 --name imdsv2-defaults \\");
        line(out, "      --description \"IMDSv2 by default for new instances\" --content file://imdsv2-defaults.json");
        line(out, "  aws organizations attach-policy --policy-id p-EXAMPLE2 --target-id ou-EXAMPLE");
        line(out, "When that OU's launches, pipelines and rollbacks work, attach both to the next OUs, then the root.");
        line(out, "To undo: aws organizations detach-policy --policy-id p-EXAMPLE --target-id ou-EXAMPLE");
        return out.toString();
    }

    private static void exemption(StringBuilder out, List<String> exempt) {
        if (exempt.isEmpty()) {
            line(out, "     Nobody is exempt: while this SCP is attached, a rollback to HttpTokens=optional (imdsguard");
            line(out, "     enforce rollback, the console, the AWS CLI) is denied, until the SCP is detached. To keep a");
            line(out, "     break-glass role able to roll back, add --exempt-role arn:aws:iam::*:role/NAME.");
            return;
        }
        line(out, "     Exempt (aws:PrincipalArn), so they can still roll back to HttpTokens=optional:");
        exempt.forEach(pattern -> line(out, "       " + pattern));
        line(out, "     Every other principal's rollback to optional is denied while this SCP is attached.");
    }

    private static String exemptOptions(List<String> exempt) {
        StringBuilder options = new StringBuilder();
        exempt.forEach(pattern -> options.append(" --exempt-role ").append(shellQuoted(pattern)));
        return options.toString();
    }

    // A pattern's '*' must reach imdsguard, not the shell's globbing.
    private static String shellQuoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append('\n');
    }
}
