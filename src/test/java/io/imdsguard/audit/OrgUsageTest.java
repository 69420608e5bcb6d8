package io.imdsguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.cli.CliRun;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.MetricsFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code usage --org}: CloudWatch's IMDSv1 counts of every instance of every account of an Organization (the
 * management account and two members reached through AssumeRole), in one report; a member whose role cannot
 * be assumed is a gap and the rest is reported.
 */
class OrgUsageTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGIONS = OrgFleet.EAST + "," + OrgFleet.WEST;

    static OrgFleet org;
    /** IMDSv1 calls put for each instance, by instance id: different everywhere, so no count can be another's. */
    static final Map<String, Integer> calls = new TreeMap<>();

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", OrgFleet.EAST);
        org = OrgFleet.seed(AWS);
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        int n = 0;
        for (Map.Entry<String, String> unit : org.instances.entrySet()) {
            String account = unit.getKey().split(" ")[0];
            String region = unit.getKey().split(" ")[1];
            int count = 10 * ++n;
            try (FleetBuilder fleet = account.equals(OrgFleet.MANAGEMENT) ? AWS.fleet(region)
                    : AWS.fleet(region, AWS.assumeRole(account, "OrganizationAccountAccessRole"))) {
                fleet.metrics().put(unit.getValue(), MetricsFleet.NO_TOKEN, yesterday, count);
            }
            calls.put(unit.getValue(), count);
        }
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    private static CliRun usage(String role, String... more) {
        List<String> args = new ArrayList<>(List.of("usage", "--quiet", "--endpoint-url", AWS.endpoint().toString(),
                "--org", "--assume-role", role, "--regions", REGIONS));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyAccountsInstancesAreCountedInOneReport() throws Exception {
        CliRun run = usage(OrgFleet.ROLE, "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        JsonNode report = JSON.readTree(run.out());
        List<String> accounts = new ArrayList<>();
        report.get("accounts").forEach(a -> accounts.add(a.asText()));
        assertThat(accounts).containsExactlyElementsOf(org.accounts());
        assertThat(report.get("gaps")).isEmpty();
        Map<String, String> where = new TreeMap<>();
        Map<String, Integer> counted = new TreeMap<>();
        report.get("instances").forEach(i -> {
            where.put(i.get("instanceId").asText(), i.get("account").asText() + " " + i.get("region").asText());
            counted.put(i.get("instanceId").asText(), i.get("calls").asInt());
        });
        Map<String, String> expected = new TreeMap<>();
        org.instances.forEach((unit, id) -> expected.put(id, unit));
        assertThat(where).isEqualTo(expected);
        assertThat(counted).isEqualTo(calls);
    }

    @Test
    void theTableNamesEachInstancesAccount() {
        CliRun run = usage(OrgFleet.ROLE);
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("INSTANCE").contains("NAME", "ACCOUNT", "REGION");
        String heaviest = calls.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String account = org.instances.entrySet().stream().filter(e -> e.getValue().equals(heaviest)).findFirst()
                .orElseThrow().getKey().split(" ")[0];
        assertThat(lines.get(1)).startsWith(heaviest).contains(account);
        assertThat(lines.get(lines.size() - 1)).startsWith("6 of 6 instances called IMDSv1");
    }

    @Test
    void thereIsNoShardOfAUsageRun() {
        CliRun run = usage(OrgFleet.ROLE, "--shard", "1/2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option").contains("--shard");
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedIsAGapAndTheOthersAreStillCounted() throws Exception {
        String denied = org.members.get(0);
        AWS.failOperationWhere("sts", "AssumeRole", "RoleArn", "arn:aws:iam::" + denied + ":role/AuditRole", 403,
                "AccessDenied", "User is not authorized to perform: sts:AssumeRole");
        CliRun run = usage("AuditRole", "--format", "json");
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("imdsguard: gap: " + denied + " global sts:AssumeRole AccessDenied");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("gaps")).singleElement().satisfies(g -> {
            assertThat(g.get("account").asText()).isEqualTo(denied);
            assertThat(g.get("operation").asText()).isEqualTo("AssumeRole");
        });
        List<String> accountsCounted = new ArrayList<>();
        report.get("instances").forEach(i -> accountsCounted.add(i.get("account").asText()));
        assertThat(accountsCounted).hasSize(4).doesNotContain(denied)
                .contains(OrgFleet.MANAGEMENT, org.members.get(1));
    }
}
