package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@code imdsguard enforce guardrails}, in process: what it prints, and that each document is usable as printed. */
class EnforceGuardrailsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliRun guardrails(String... args) {
        List<String> all = new ArrayList<>(List.of("enforce", "guardrails"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void onlyScpPrintsAValidIamPolicyAndNothingElse() throws Exception {
        CliRun run = guardrails("--only", "scp");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        JsonNode scp = json(run.out());
        assertThat(scp.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(scp.get("Statement")).hasSize(3);
        assertThatCode(() -> PolicyParser.parse("scp", run.out())).doesNotThrowAnyException();
        // AWS counts every character sent through the API, whitespace included.
        assertThat(run.out().length()).isLessThan(5120);
    }

    @Test
    void scpStatementsSayWhatTheyDeny() throws Exception {
        JsonNode statements = json(guardrails("--only", "scp").out()).get("Statement");

        JsonNode launch = statements.get(0);
        assertThat(launch.get("Effect").asText()).isEqualTo("Deny");
        assertThat(launch.get("Action").asText()).isEqualTo("ec2:RunInstances");
        assertThat(launch.get("Resource").asText()).isEqualTo("arn:aws:ec2:*:*:instance/*");
        assertThat(launch.at("/Condition/StringNotEqualsIfExists/ec2:MetadataHttpTokens").asText()).isEqualTo("required");
        JsonNode modify = statements.get(1);
        assertThat(modify.get("Action").asText()).isEqualTo("ec2:ModifyInstanceMetadataOptions");
        assertThat(modify.at("/Condition/StringNotEqualsIfExists/ec2:Attribute~1HttpTokens").asText()).isEqualTo("required");
        assertThat(modify.at("/Condition/ArnNotLike").isMissingNode()).isTrue();
        JsonNode credentials = statements.get(2);
        assertThat(credentials.get("Action").asText()).isEqualTo("*");
        assertThat(credentials.get("Resource").asText()).isEqualTo("*");
        assertThat(credentials.at("/Condition/NumericLessThan/ec2:RoleDelivery").asText()).isEqualTo("2.0");
    }

    @Test
    void onlyDeclarativePolicyPrintsTheEc2MetadataDefaults() throws Exception {
        CliRun run = guardrails("--only", "declarative-policy");

        assertThat(run.exit()).isEqualTo(0);
        JsonNode defaults = json(run.out()).at("/ec2_attributes/instance_metadata_defaults");
        assertThat(defaults.at("/http_tokens/@@assign").asText()).isEqualTo("required");
        assertThat(defaults.at("/http_put_response_hop_limit/@@assign").asText()).isEqualTo("2");
        assertThat(defaults.at("/http_endpoint/@@assign").asText()).isEqualTo("no_preference");
        assertThat(defaults.at("/instance_metadata_tags/@@assign").asText()).isEqualTo("no_preference");
        assertThat(json(run.out()).at("/ec2_attributes/exception_message/@@assign").asText()).contains("IMDSv2");
        assertThat(json(run.out()).fieldNames()).toIterable().containsExactly("ec2_attributes");
    }

    @Test
    void jsonFormatHoldsBothDocumentsAsPrintedAlone() throws Exception {
        CliRun run = guardrails("--format", "json");

        assertThat(run.exit()).isEqualTo(0);
        JsonNode both = json(run.out());
        assertThat(both.fieldNames()).toIterable().containsExactly("serviceControlPolicy", "declarativePolicy");
        assertThat(both.get("serviceControlPolicy")).isEqualTo(json(guardrails("--only", "scp").out()));
        assertThat(both.get("declarativePolicy")).isEqualTo(json(guardrails("--only", "declarative-policy").out()));
    }

    @Test
    void textExplainsPrintsBothDocumentsAndHowToApplyThem() {
        CliRun run = guardrails();

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out())
                .contains(guardrails("--only", "scp").out())
                .contains(guardrails("--only", "declarative-policy").out())
                .contains("aws organizations create-policy --type SERVICE_CONTROL_POLICY")
                .contains("aws organizations create-policy --type DECLARATIVE_POLICY_EC2")
                .contains("aws organizations attach-policy --policy-id p-EXAMPLE --target-id ou-EXAMPLE")
                .contains("--content file://imdsv2-scp.json")
                .contains("Test on one OU first")
                .contains("Nobody is exempt")
                .contains("rollback to HttpTokens=optional");
    }

    @Test
    void textWithAnExemptionNamesItAndKeepsItInTheSaveCommand() {
        CliRun run = guardrails("--exempt-role", "arn:aws:iam::*:role/imds-break-glass");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).doesNotContain("Nobody is exempt")
                .contains("       arn:aws:iam::*:role/imds-break-glass\n")
                .contains("imdsguard enforce guardrails --exempt-role 'arn:aws:iam::*:role/imds-break-glass' --only scp");
    }

    @Test
    void exemptRolesBecomeOneArnNotLikeOnTheModifyStatementOnly() throws Exception {
        JsonNode one = json(guardrails("--only", "scp", "--exempt-role", "arn:aws:iam::*:role/a").out());
        JsonNode two = json(guardrails("--only", "scp", "--exempt-role", "arn:aws:iam::*:role/a",
                "--exempt-role", "arn:aws:iam::123456789012:role/b").out());

        assertThat(one.at("/Statement/1/Condition/ArnNotLike/aws:PrincipalArn").asText()).isEqualTo("arn:aws:iam::*:role/a");
        assertThat(one.at("/Statement/1/Condition/StringNotEqualsIfExists/ec2:Attribute~1HttpTokens").asText())
                .isEqualTo("required");
        assertThat(two.at("/Statement/1/Condition/ArnNotLike/aws:PrincipalArn")).hasSize(2);
        assertThat(one.at("/Statement/0/Condition/ArnNotLike").isMissingNode()).isTrue();
        assertThat(one.at("/Statement/2/Condition/ArnNotLike").isMissingNode()).isTrue();
    }

    @Test
    void anAssumedRoleArnIsRefusedWithTheRoleArnToUse() {
        CliRun run = guardrails("--exempt-role", "arn:aws:sts::123456789012:assumed-role/imds-break-glass/alice");

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").contains("--exempt-role")
                .contains("use arn:aws:iam::123456789012:role/imds-break-glass");
    }

    @Test
    void patternsThatWouldExemptNobodyOrEverybodyAreRefused() {
        for (String bad : List.of("imds-break-glass", "arn:aws:iam::*:user/alice", "arn:aws:iam::*:role/*",
                "arn:aws:iam::*:role/", "arn:aws:iam::12345:role/x", "arn:aws:iam:eu-west-1:*:role/x", " arn:aws:iam::*:role/x")) {
            CliRun run = guardrails("--only", "scp", "--exempt-role", bad);

            assertThat(run.exit()).as(bad).isEqualTo(ExitCode.USAGE_ERROR.code());
            assertThat(run.out()).as(bad).isEmpty();
            assertThat(run.err().strip()).as(bad).startsWith("imdsguard: --exempt-role").doesNotContain("\n");
        }
    }

    @Test
    void anScpThatWouldNotFitIsRefused() {
        List<String> args = new ArrayList<>(List.of("--only", "scp"));
        for (int i = 0; i < 80; i++) {
            args.add("--exempt-role");
            args.add("arn:aws:iam::123456789012:role/break-glass-role-number-" + i);
        }

        CliRun run = guardrails(args.toArray(String[]::new));

        assertThat(run.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(run.err()).contains("5120").contains("wildcard");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badFormatOrDocumentIsAUsageError() {
        CliRun format = guardrails("--format", "yaml");
        CliRun only = guardrails("--only", "rcp");

        assertThat(format.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(format.err()).contains("--format must be text or json, got 'yaml'");
        assertThat(only.exit()).isEqualTo(ExitCode.USAGE_ERROR.code());
        assertThat(only.err()).contains("--only must be scp or declarative-policy, got 'rcp'");
    }

    @Test
    void enforceHelpListsGuardrails() {
        CliRun run = CliRun.of("enforce", "--help");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("guardrails");
    }
}
