package io.imdsguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.analyze.iam.AccessRequest;
import io.imdsguard.analyze.iam.Outcome;
import io.imdsguard.analyze.iam.PolicyEvaluator;
import io.imdsguard.analyze.iam.PolicySet;
import io.imdsguard.analyze.iam.policy.PolicyDocument;
import io.imdsguard.analyze.iam.policy.PolicyParser;
import io.imdsguard.analyze.iam.policy.RequestContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The least-privilege policies the docs hand to users, under config/iam/: each must be usable as it is. */
class IamPolicyFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("config/iam");
    private static final Path ENFORCE = DIR.resolve("enforce-policy.json");

    private static List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyFileIsAPolicyWhoseStatementsAllowAndSayWhy() throws Exception {
        assertThat(files()).contains(ENFORCE).hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files()) {
            String text = Files.readString(file);
            PolicyDocument policy = PolicyParser.parse(file.toString(), text);
            JsonNode root = JSON.readTree(text);

            assertThat(root.get("Version").asText()).as(file.toString()).isEqualTo("2012-10-17");
            assertThat(policy.statements()).as(file.toString()).isNotEmpty();
            for (JsonNode statement : root.get("Statement")) {
                assertThat(statement.path("Sid").asText()).as(file + " " + statement).matches("[A-Za-z0-9]+");
                assertThat(statement.path("Effect").asText()).as(file + " " + statement).isEqualTo("Allow");
            }
        }
    }

    @Test
    void enforceGrantsExactlyWhatEnforcementCalls() throws Exception {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : JSON.readTree(Files.readString(ENFORCE)).get("Statement")) {
            JsonNode action = statement.get("Action");
            if (action.isArray()) {
                action.forEach(a -> actions.add(a.asText()));
            } else {
                actions.add(action.asText());
            }
        }

        assertThat(actions).containsExactlyInAnyOrder("sts:GetCallerIdentity", "ec2:DescribeRegions",
                "ec2:DescribeInstances", "ec2:ModifyInstanceMetadataOptions", "ec2:GetInstanceMetadataDefaults",
                "ec2:ModifyInstanceMetadataDefaults", "cloudwatch:GetMetricData");
    }

    @Test
    void enforceMayModifyInstancesAndNothingElse() throws Exception {
        PolicyDocument policy = PolicyParser.parse("enforce-policy.json", Files.readString(ENFORCE));

        assertThat(decide(policy, "ec2:ModifyInstanceMetadataOptions",
                "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890")).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(policy, "ec2:ModifyInstanceMetadataDefaults", "*")).isEqualTo(Outcome.ALLOWED);
        assertThat(decide(policy, "ec2:ModifyInstanceAttribute",
                "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(policy, "ec2:TerminateInstances",
                "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(decide(policy, "ec2:RunInstances", "*")).isEqualTo(Outcome.IMPLICITLY_DENIED);
    }

    private static Outcome decide(PolicyDocument policy, String action, String resource) {
        return PolicyEvaluator.evaluate(PolicySet.identity(List.of(policy)),
                new AccessRequest(action, resource, null, null, RequestContext.empty())).outcome();
    }
}
