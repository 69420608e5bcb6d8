package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCP exactly as {@code enforce guardrails --only scp} prints it, decided by {@code policy simulate}:
 * once attached as an SCP level (beside FullAWSAccess, as AWS attaches it by default) and once, separately,
 * as an identity policy Deny, to show both paths read it. Every request carries {@code aws:PrincipalArn},
 * as every AWS request does.
 */
class GuardrailsSimulateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSTANCE = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890";
    private static final String IMAGE = "arn:aws:ec2:eu-west-1::image/ami-0abc123def4567890";
    private static final String APP = "arn:aws:iam::123456789012:role/app";
    private static final String BREAK_GLASS = "arn:aws:iam::123456789012:role/imds-break-glass";
    private static final String LAUNCH = "LaunchOnlyWithImdsV2Required";
    private static final String MODIFY = "NoMetadataOptionsChangeBackToImdsV1";
    private static final String CREDENTIALS = "NoRoleCredentialsDeliveredThroughImdsV1";
    private static final String ALLOW_ALL = """
            {"Version": "2012-10-17", "Statement": [{"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"}]}""";

    @TempDir
    Path dir;

    /** A request and what AWS decides for it: denied by the statement {@code deniedBy}, or (null) allowed. */
    private record Case(String name, String action, String resource, Map<String, String> context, String deniedBy) {
        static Case of(String name, String action, String resource, String deniedBy, String... keyValues) {
            Map<String, String> context = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                context.put(keyValues[i], keyValues[i + 1]);
            }
            return new Case(name, action, resource, context, deniedBy);
        }
    }

    private static final List<Case> WITHOUT_EXEMPTION = List.of(
            Case.of("launch asking for optional", "ec2:RunInstances", INSTANCE, LAUNCH,
                    "ec2:MetadataHttpTokens", "optional", "aws:PrincipalArn", APP),
            Case.of("launch asking for required", "ec2:RunInstances", INSTANCE, null,
                    "ec2:MetadataHttpTokens", "required", "aws:PrincipalArn", APP),
            Case.of("launch that does not say", "ec2:RunInstances", INSTANCE, LAUNCH, "aws:PrincipalArn", APP),
            Case.of("launch, the image it uses", "ec2:RunInstances", IMAGE, null,
                    "ec2:MetadataHttpTokens", "optional", "aws:PrincipalArn", APP),
            Case.of("modify to optional", "ec2:ModifyInstanceMetadataOptions", INSTANCE, MODIFY,
                    "ec2:Attribute/HttpTokens", "optional", "aws:PrincipalArn", APP),
            Case.of("modify to required", "ec2:ModifyInstanceMetadataOptions", INSTANCE, null,
                    "ec2:Attribute/HttpTokens", "required", "aws:PrincipalArn", APP),
            Case.of("modify without HttpTokens", "ec2:ModifyInstanceMetadataOptions", INSTANCE, MODIFY,
                    "ec2:Attribute/HttpPutResponseHopLimit", "2", "aws:PrincipalArn", APP),
            Case.of("rollback with no exemption", "ec2:ModifyInstanceMetadataOptions", INSTANCE, MODIFY,
                    "ec2:Attribute/HttpTokens", "optional", "aws:PrincipalArn", BREAK_GLASS),
            Case.of("IMDSv1 credentials", "s3:GetObject", "arn:aws:s3:::bucket/key", CREDENTIALS,
                    "ec2:RoleDelivery", "1.0", "aws:PrincipalArn", APP),
            Case.of("IMDSv2 credentials", "s3:GetObject", "arn:aws:s3:::bucket/key", null,
                    "ec2:RoleDelivery", "2.0", "aws:PrincipalArn", APP),
            Case.of("credentials not from an instance", "s3:GetObject", "arn:aws:s3:::bucket/key", null,
                    "aws:PrincipalArn", APP));

    private static final List<Case> WITH_EXEMPTION = List.of(
            Case.of("break-glass rollback", "ec2:ModifyInstanceMetadataOptions", INSTANCE, null,
                    "ec2:Attribute/HttpTokens", "optional", "aws:PrincipalArn", BREAK_GLASS),
            Case.of("anyone else's rollback", "ec2:ModifyInstanceMetadataOptions", INSTANCE, MODIFY,
                    "ec2:Attribute/HttpTokens", "optional", "aws:PrincipalArn", APP),
            Case.of("break-glass launch asking for optional", "ec2:RunInstances", INSTANCE, LAUNCH,
                    "ec2:MetadataHttpTokens", "optional", "aws:PrincipalArn", BREAK_GLASS),
            Case.of("anyone's modify to required", "ec2:ModifyInstanceMetadataOptions", INSTANCE, null,
                    "ec2:Attribute/HttpTokens", "required", "aws:PrincipalArn", APP),
            Case.of("break-glass with IMDSv1 credentials", "s3:GetObject", "arn:aws:s3:::bucket/key", CREDENTIALS,
                    "ec2:RoleDelivery", "1.0", "aws:PrincipalArn", BREAK_GLASS));

    @Test
    void attachedAsAnScpItDeniesWhatItSays() throws Exception {
        JsonNode scp = printedScp();
        check(WITHOUT_EXEMPTION, c -> asScp(scp, c), "serviceControlPolicies[0].policies[1]#");
    }

    @Test
    void asAnIdentityPolicyDenyItDeniesTheSame() throws Exception {
        JsonNode scp = printedScp();
        check(WITHOUT_EXEMPTION, c -> asIdentityDeny(scp, c), "identityPolicies[1]#");
    }

    @Test
    void theExemptRoleCanRollBackAndNobodyElseCan() throws Exception {
        JsonNode scp = printedScp("--exempt-role", "arn:aws:iam::*:role/imds-break-glass");
        check(WITH_EXEMPTION, c -> asScp(scp, c), "serviceControlPolicies[0].policies[1]#");
        check(WITH_EXEMPTION, c -> asIdentityDeny(scp, c), "identityPolicies[1]#");
    }

    private static JsonNode printedScp(String... exemptions) throws Exception {
        List<String> args = new ArrayList<>(List.of("enforce", "guardrails", "--only", "scp"));
        args.addAll(List.of(exemptions));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        return JSON.readTree(run.out());
    }

    private static ObjectNode asScp(JsonNode scp, Case c) {
        ObjectNode item = item(c);
        item.putArray("identityPolicies").add(parse(ALLOW_ALL));
        ObjectNode level = item.putArray("serviceControlPolicies").addObject().put("orgIdentifier", "ou-ab12-pilot0001");
        level.putArray("policies").add(parse(ALLOW_ALL.replace("AllowAll", "FullAWSAccess"))).add(scp);
        return item;
    }

    private static ObjectNode asIdentityDeny(JsonNode scp, Case c) {
        ObjectNode item = item(c);
        item.putArray("identityPolicies").add(parse(ALLOW_ALL)).add(scp);
        return item;
    }

    private static ObjectNode item(Case c) {
        ObjectNode item = JSON.createObjectNode();
        ObjectNode request = item.putObject("request").put("action", c.action()).put("resource", c.resource())
                .put("resourceAccount", "123456789012").put("principal", c.context().get("aws:PrincipalArn"));
        ObjectNode context = request.putObject("context");
        c.context().forEach(context::put);
        return item;
    }

    private void check(List<Case> cases, java.util.function.Function<Case, ObjectNode> place, String prefix) throws Exception {
        ArrayNode input = JSON.createArrayNode();
        cases.forEach(c -> input.add(place.apply(c)));
        Path file = Files.writeString(dir.resolve("requests.json"), JSON.writeValueAsString(input));

        CliRun run = CliRun.of("policy", "simulate", "--input", file.toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(run.err()).isEmpty();
        JsonNode results = JSON.readTree(run.out());
        assertThat(results).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            JsonNode result = results.get(i);
            if (c.deniedBy() == null) {
                assertThat(result.get("decision").asText()).as(c.name() + " " + result).isEqualTo("Allowed");
            } else {
                assertThat(result.get("decision").asText()).as(c.name() + " " + result).isEqualTo("ExplicitlyDenied");
                assertThat(result.get("decidedBy")).as(c.name() + " " + result).extracting(JsonNode::asText)
                        .contains(prefix + c.deniedBy());
            }
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
