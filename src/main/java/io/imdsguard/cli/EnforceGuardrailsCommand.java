package io.imdsguard.cli;

import io.imdsguard.enforce.guardrails.ExemptRoleException;
import io.imdsguard.enforce.guardrails.Guardrails;
import io.imdsguard.enforce.guardrails.GuardrailsText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code imdsguard enforce guardrails}: prints the SCP and the EC2 declarative policy; changes nothing. */
@Command(name = "guardrails", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Print the Organization guardrails (an SCP and an EC2 declarative policy) that keep IMDSv1 away.",
        description = {
            "Prints, and changes nothing, the service control policy that denies launches without HttpTokens=required, "
                + "metadata-options changes that do not require IMDSv2 and the use of role credentials fetched "
                + "through IMDSv1; and the EC2 declarative policy that makes IMDSv2 the default for new instances. "
                + "The text says what each costs and how to apply them with aws organizations, one OU first "
                + "(docs/guardrails.md).",
            "",
            "Exit codes: 0 printed, 2 usage error."},
        footer = {"", "Examples:",
            "  imdsguard enforce guardrails",
            "  imdsguard enforce guardrails --only scp > imdsv2-scp.json",
            "  imdsguard enforce guardrails --exempt-role 'arn:aws:iam::*:role/imds-break-glass'",
            "  imdsguard enforce guardrails --only declarative-policy > imdsv2-defaults.json",
            "  imdsguard enforce guardrails --format json | jq .serviceControlPolicy"})
final class EnforceGuardrailsCommand implements Callable<Integer> {
    private static final List<String> DOCUMENTS = List.of("scp", "declarative-policy");

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (explanations, the documents, the commands; default) or json "
                    + "({\"serviceControlPolicy\": ..., \"declarativePolicy\": ...}).")
    String format;

    @Option(names = "--only", paramLabel = "DOCUMENT",
            description = "scp or declarative-policy: print just that document, to save and pass as file://.")
    String only;

    @Option(names = "--exempt-role", paramLabel = "ARN_PATTERN",
            description = "A role that may still set HttpTokens back to optional (break-glass rollback), e.g. "
                    + "arn:aws:iam::*:role/imds-break-glass (repeatable). Without one, the SCP denies every rollback.")
    List<String> exemptRoles = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String fmt = format.strip().toLowerCase(Locale.ROOT);
        if (!fmt.equals("text") && !fmt.equals("json")) {
            throw new UsageException("--format must be text or json, got '" + format + "'");
        }
        String document = only == null ? null : only.strip().toLowerCase(Locale.ROOT);
        if (document != null && !DOCUMENTS.contains(document)) {
            throw new UsageException("--only must be scp or declarative-policy, got '" + only + "'");
        }
        Guardrails guardrails;
        try {
            guardrails = Guardrails.exempting(exemptRoles);
        } catch (ExemptRoleException e) {
            throw new UsageException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(text(guardrails, fmt, document));
        out.flush();
        Output.checkStdout(out);
        return ExitCode.PASSED.code();
    }

    // --only prints the bare document whatever --format says: it is JSON either way, ready for file://.
    private static String text(Guardrails guardrails, String format, String document) {
        if ("scp".equals(document)) {
            return Guardrails.json(guardrails.serviceControlPolicy()) + "\n";
        }
        if ("declarative-policy".equals(document)) {
            return Guardrails.json(guardrails.declarativePolicy()) + "\n";
        }
        return "json".equals(format) ? Guardrails.json(guardrails.both()) + "\n" : GuardrailsText.render(guardrails);
    }
}
