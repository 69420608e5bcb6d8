package io.imdsguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.imdsguard.analyze.iam.simulate.PolicySimulator;
import io.imdsguard.analyze.iam.simulate.SimulationInputException;
import io.imdsguard.input.InputErrors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code imdsguard policy ...}: offline IAM policy tools. */
@Command(name = "policy", header = "Evaluate IAM policies offline (policy simulate).", mixinStandardHelpOptions = true,
        description = "Offline IAM policy evaluation.",
        subcommands = PolicyCommand.Simulate.class)
final class PolicyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new MissingCommandException(spec.commandLine());
    }

    /** {@code imdsguard policy simulate --input FILE}. */
    @Command(name = "simulate", mixinStandardHelpOptions = true,
            header = "Decide IAM requests offline, with AWS's policy evaluation logic.",
            description = {
                "Evaluates requests against identity policies, permission boundaries, SCP and RCP levels and a "
                    + "resource policy with AWS's evaluation logic, conditions decided by the request context. "
                    + "Keys: identityPolicies, permissionBoundaries, serviceControlPolicies, "
                    + "resourceControlPolicies, managementAccount, resourcePolicy, request. "
                    + "Input: one request object or a JSON array of them. Output: one result or an array, in order:",
                "  {\"decision\": \"Allowed|ImplicitlyDenied|ExplicitlyDenied\", \"conditional\": bool,",
                "   \"decidedBy\": [\"identityPolicies[0]#Sid\", \"resourcePolicy.Statement[1]\", ...]}"},
            footer = {"", "Example input (request.json):",
                "  {\"identityPolicies\": [{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"Read\",",
                "      \"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\",",
                "      \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}}}]}],",
                "   \"request\": {\"action\": \"s3:GetObject\", \"resource\": \"arn:aws:s3:::b/k\",",
                "      \"context\": {\"aws:SourceIp\": \"203.0.113.7\"}}}",
                "",
                "  imdsguard policy simulate --input request.json",
                "  imdsguard policy simulate --input - < request.json",
                "",
                "A bucket policy naming the role (or \"*\") grants without an identity allow; one naming only",
                "the account root delegates to IAM. SCPs/RCPs only limit; \"managementAccount\": \"<id>\" exempts",
                "that account's principals from SCPs and its resources from RCPs. See docs/iam.md.",
                "",
                "In an array, an item that cannot be evaluated (an invalid policy) answers {\"error\": \"...\"} in its",
                "place and the others are still evaluated; stderr says how many. A key the format does not have",
                "refuses the whole input.",
                "",
                "Exit codes: 0 evaluated (whatever the decisions, and also when some array items answered an error),",
                "2 unreadable or malformed input, an unknown key, or a single request that cannot be evaluated."})
    static final class Simulate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--input", required = true, paramLabel = "FILE",
                description = "JSON request object or array of them (shape: see the example below); '-' reads stdin.")
        Path input;

        @Override
        public Integer call() {
            boolean stdin = Output.isStdio(input);
            String name = stdin ? "stdin" : input.toString();
            String text = stdin ? StandardInput.text("--input") : read(input);
            PolicySimulator.Simulation simulation;
            try {
                simulation = PolicySimulator.run(text);
            } catch (SimulationInputException e) {
                // Not JSON at all: said with the position, as for every other input file.
                throw new UsageException(e.getCause() instanceof JsonProcessingException json
                        ? InputErrors.describe(name, json) : name + ": " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(simulation.json());
            out.flush();
            Output.checkStdout(out);
            if (simulation.errors() > 0) {
                spec.commandLine().getErr().println("imdsguard: " + name + ": " + simulation.errors() + " of "
                        + simulation.items() + " items could not be evaluated; each answers {\"error\": ...} in its"
                        + " place");
                spec.commandLine().getErr().flush();
            }
            return ExitCode.PASSED.code();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(InputErrors.describe(file, e), e);
            }
        }
    }
}
