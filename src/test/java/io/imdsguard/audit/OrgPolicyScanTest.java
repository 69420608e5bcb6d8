package io.imdsguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.cli.CliRun;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.IamFleet;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.NetworkFleet;
import io.imdsguard.testing.SgRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 through a real Organization scan: three member accounts, each with the same critical path (a public
 * instance whose role may list and read its account's bucket), one left alone, one under an SCP that denies
 * s3:GetObject, one under an RCP that denies it. {@code scan --org --assume-role} reads the policies on each
 * account's path from the management account and lowers the limited accounts' IMDS-001 to IMDS-002.
 */
class OrgPolicyScanTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ROLE = "ImdsguardScan";
    private static final String DENY_GET_SCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoObjectReads\","
            + "\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    private static final String DENY_GET_RCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoObjectReads\","
            + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    @TempDir
    static Path dir;

    /** Member account id by name: open, scp, rcp. */
    static final Map<String, String> members = new TreeMap<>();
    static final Map<String, String> instances = new TreeMap<>();
    static String scpId;
    static String rcpId;

    @BeforeAll
    static void seedOrganization() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", REGION);
        try (OrganizationsClient org = AWS.client(OrganizationsClient.builder(), REGION)) {
            org.createOrganization(r -> r.featureSet("ALL"));
            for (String name : List.of("open", "scp", "rcp")) {
                members.put(name, org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                        .createAccountStatus().accountId());
            }
            scpId = org.createPolicy(r -> r.name("DenyObjectReads").description("no object reads")
                    .content(DENY_GET_SCP).type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(scpId).targetId(members.get("scp")));
            rcpId = org.createPolicy(r -> r.name("DenyObjectReadsOnResources").description("no object reads")
                    .content(DENY_GET_RCP).type(PolicyType.RESOURCE_CONTROL_POLICY)).policy().policySummary().id();
            org.attachPolicy(r -> r.policyId(rcpId).targetId(members.get("rcp")));
        }
        members.forEach((name, account) -> seedCriticalPath(name, account));
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    /** A public instance on tcp/22 whose role may list and read the account's own bucket. */
    private static void seedCriticalPath(String name, String account) {
        AwsCredentialsProvider admin = AWS.assumeRole(account, "OrganizationAccountAccessRole");
        try (IamClient iam = AWS.client(IamClient.builder(), "aws-global", admin)) {
            iam.createRole(r -> r.roleName(ROLE).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":"
                    + "[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + AwsEmulator.ACCOUNT_ID
                    + ":root\"},\"Action\":\"sts:AssumeRole\"}]}"));
        }
        String bucket = "org-data-" + name;
        try (FleetBuilder fleet = AWS.fleet(REGION, admin)) {
            IamFleet iam = fleet.iam();
            iam.role("reader");
            iam.inlinePolicy("reader", "read-data", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\","
                    + "\"arn:aws:s3:::" + bucket + "/*\"]}]}");
            iam.instanceProfile("reader-profile", "reader");
            fleet.storage().bucket(bucket);
            NetworkFleet net = fleet.network();
            NetworkFleet.VpcRef vpc = net.vpc("10.60.0.0/16", false);
            String subnet = net.subnet(vpc.id(), "10.60.1.0/24", null, true);
            net.route(net.routeTable(vpc.id(), subnet), "0.0.0.0/0", net.internetGateway(vpc.id()));
            String ssh = net.securityGroup(vpc.id(), "ssh-open");
            net.allowIngress(ssh, SgRule.tcp(22).fromCidr("0.0.0.0/0"));
            instances.put(account, fleet.compute().run(InstanceSpec.in(subnet).securityGroups(ssh)
                    .instanceProfile("reader-profile").name("web-" + name)).instanceId());
        }
    }

    @Test
    void scpsAndRcpsOnAMembersPathLowerItsCriticalFindingAndTheEvidenceNamesThePolicy() throws Exception {
        AWS.clearRecorded();
        Path report = dir.resolve("org.json");
        CliRun run = CliRun.of("scan", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                "--assume-role", ROLE, "--regions", REGION, "-f", "json", "-o", report.toString(), "--fail-on", "none");
        assertThat(run.exit()).as(run.err()).isEqualTo(0);

        Map<String, JsonNode> byInstance = new TreeMap<>();
        for (JsonNode f : JSON.readTree(report.toFile()).get("findings")) {
            if (f.at("/resource/type").asText().equals("ec2-instance")) {
                byInstance.put(f.at("/resource/id").asText(), f);
            }
        }
        assertThat(byInstance.get(instances.get(members.get("open"))).get("ruleId").asText()).isEqualTo("IMDS-001");
        JsonNode underScp = byInstance.get(instances.get(members.get("scp")));
        assertThat(underScp.get("ruleId").asText()).isEqualTo("IMDS-002");
        assertThat(statements(underScp)).anyMatch(p -> p.startsWith("scp:" + scpId));
        JsonNode underRcp = byInstance.get(instances.get(members.get("rcp")));
        assertThat(underRcp.get("ruleId").asText()).isEqualTo("IMDS-002");
        assertThat(statements(underRcp)).anyMatch(p -> p.startsWith("rcp:" + rcpId));

        List<AwsCall> calls = AWS.recordedCalls();
        assertThat(calls).filteredOn(AwsCall::isMutating).as("mutating calls").isEmpty();
        assertThat(calls).filteredOn(c -> c.operation().equals("DescribeOrganization")).hasSize(1);
    }

    /** The policies the S3 grant evidence names, e.g. {@code scp:p-... (DenyObjectReads)}. */
    private static List<String> statements(JsonNode finding) {
        List<String> policies = new ArrayList<>();
        for (String action : List.of("listBucket", "getObject")) {
            finding.at("/evidence/s3Read/" + action + "/statements")
                    .forEach(s -> policies.add(s.get("policy").asText()));
        }
        return policies;
    }
}
