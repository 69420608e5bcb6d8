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
import io.imdsguard.cli.CliRun;
import io.imdsguard.scan.E2eFleet;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

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
    private static final Path SCAN = DIR.resolve("scan-policy.json");
    /** The role name scan-policy.json lets the scanner assume (docs/audit.md tells users to keep or edit it). */
    private static final String MEMBER_ROLE = "ImdsguardScan";

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

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

    /**
     * A live org scan of the end-to-end fleet (every collector has something to read) with one member account:
     * each call it makes, named as IAM names the action, is allowed by scan-policy.json as it ships.
     */
    @Test
    void scanPolicyAllowsEveryCallARecordedOrgScanMakes() throws Exception {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", E2eFleet.EAST);
        try {
            E2eFleet.seed(AWS);
            String member;
            try (OrganizationsClient orgs = AWS.client(OrganizationsClient.builder())) {
                orgs.createOrganization(r -> r.featureSet("ALL"));
                member = orgs.createAccount(r -> r.accountName("m").email("m@example.com")).createAccountStatus()
                        .accountId();
            }
            AWS.clearRecorded();
            CliRun scan = CliRun.of("scan", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                    "--assume-role", MEMBER_ROLE, "--regions", E2eFleet.EAST + "," + E2eFleet.WEST, "-f", "json",
                    "--fail-on", "none");
            assertThat(scan.exit()).as(scan.err()).isEqualTo(0);
            List<AwsCall> calls = AWS.recordedCalls();
            PolicyDocument policy = PolicyParser.parse(SCAN.toString(), Files.readString(SCAN));

            Set<String> actions = new TreeSet<>();
            for (AwsCall call : calls) {
                String action = iamAction(call);
                String resource = action.equals("sts:AssumeRole")
                        ? "arn:aws:iam::" + member + ":role/" + MEMBER_ROLE : "*";
                assertThat(decide(policy, action, resource)).as(action + " on " + resource).isEqualTo(Outcome.ALLOWED);
                actions.add(action);
            }
            assertThat(actions).contains("organizations:ListAccounts", "organizations:ListPoliciesForTarget",
                    "organizations:DescribePolicy", "sts:AssumeRole",
                    "iam:GetAccountAuthorizationDetails", "elasticloadbalancing:DescribeTargetHealth",
                    "wafv2:GetWebACL", "s3:ListAllMyBuckets");
            assertThat(decide(policy, "sts:AssumeRole", "arn:aws:iam::" + member + ":role/Admin"))
                    .as("only the scan role").isEqualTo(Outcome.IMPLICITLY_DENIED);
            assertThat(decide(policy, "ec2:ModifyInstanceMetadataOptions", "*")).isEqualTo(Outcome.IMPLICITLY_DENIED);
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            System.clearProperty("aws.region");
        }
    }

    /** The IAM action of an API call: ELBv2 shares the classic prefix, and a few S3 operations are named apart. */
    private static String iamAction(AwsCall call) {
        String prefix = call.service().equals("elasticloadbalancingv2") ? "elasticloadbalancing" : call.service();
        String action = switch (call.service() + ":" + call.operation()) {
            case "s3:ListBuckets" -> "ListAllMyBuckets";
            case "s3:HeadBucket" -> "ListBucket";
            case "s3:GetPublicAccessBlock" -> "GetBucketPublicAccessBlock";
            default -> call.operation();
        };
        return prefix + ":" + action;
    }

    private static Outcome decide(PolicyDocument policy, String action, String resource) {
        return PolicyEvaluator.evaluate(PolicySet.identity(List.of(policy)),
                new AccessRequest(action, resource, null, null, RequestContext.empty())).outcome();
    }
}
