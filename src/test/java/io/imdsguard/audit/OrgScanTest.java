package io.imdsguard.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdsguard.cli.CliRun;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, first "Done when": an Organization of three accounts (moto's Organizations, STS AssumeRole into
 * each member) scanned in two regions: every account's findings in one report, read-only; shards that do
 * not overlap and merge into the unsharded report; a member whose role cannot be assumed is a gap.
 */
class OrgScanTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGIONS = OrgFleet.EAST + "," + OrgFleet.WEST;

    @TempDir
    static Path dir;

    static OrgFleet org;
    static CliRun full;
    static List<AwsCall> fullCalls;
    static List<Map<String, String>> fullAssumeRoles;

    @BeforeAll
    static void seedAndScan() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", OrgFleet.EAST);
        org = OrgFleet.seed(AWS);
        AWS.clearRecorded();
        full = scan("full.json");
        fullCalls = List.copyOf(AWS.recordedCalls());
        fullAssumeRoles = AWS.recordedParams("sts", "AssumeRole");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    @Test
    void orgScanReportsEveryAccountsFindingsInOneReport() throws Exception {
        assertThat(full.exit()).as(full.err()).isEqualTo(0);
        JsonNode report = JSON.readTree(dir.resolve("full.json").toFile());
        assertThat(texts(report.at("/scan/accounts"))).containsExactlyElementsOf(org.accounts());
        assertThat(texts(report.at("/scan/regions"))).containsExactly(OrgFleet.WEST, OrgFleet.EAST);
        assertThat(report.at("/scan/gaps")).isEmpty();
        assertThat(report.at("/scan").has("shard")).isFalse();
        Map<String, String> instanceFindings = new TreeMap<>();
        Set<String> regionDefaults = new HashSet<>();
        for (JsonNode f : report.get("findings")) {
            String where = f.get("account").asText() + " " + f.get("region").asText();
            if (f.at("/resource/type").asText().equals("ec2-instance")) {
                instanceFindings.put(where, f.at("/resource/id").asText());
            } else {
                regionDefaults.add(where);
            }
        }
        // One IMDSv1 instance in each of the 3 accounts x 2 regions, each found in its own account and region.
        assertThat(instanceFindings).isEqualTo(org.instances);
        assertThat(regionDefaults).isEqualTo(org.instances.keySet());
    }

    @Test
    void orgScanListsTheOrganizationAndAssumesTheRoleInEachMemberOnlyAndIsReadOnly() {
        assertThat(fullCalls).filteredOn(c -> c.operation().equals("ListAccounts")).hasSize(1);
        assertThat(fullCalls).filteredOn(c -> c.operation().equals("AssumeRole")).hasSize(org.members.size());
        assertThat(fullAssumeRoles).extracting(p -> p.get("RoleArn"))
                .containsExactlyInAnyOrderElementsOf(org.members.stream()
                        .map(m -> "arn:aws:iam::" + m + ":role/" + OrgFleet.ROLE).toList());
        assertThat(fullAssumeRoles).extracting(p -> p.get("RoleSessionName"))
                .containsOnly("imdsguard-audit");
        // IAM once per account, however many regions.
        assertThat(fullCalls).filteredOn(c -> c.operation().equals("GetAccountAuthorizationDetails"))
                .hasSize(org.accounts().size());
        assertThat(fullCalls.stream().filter(AwsCall::isMutating).toList()).as("mutating calls").isEmpty();
    }

    @Test
    void theConfigFileSelectsTheOrganizationAndRegionsWhenNoFlagDoes() throws Exception {
        Path config = java.nio.file.Files.writeString(dir.resolve("audit.yaml"), "org: true\nrole: " + OrgFleet.ROLE
                + "\nregions: [" + OrgFleet.WEST + "]\nconcurrency: 2\n");
        Path file = dir.resolve("from-config.json");
        CliRun run = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--config",
                config.toString(), "-o", file.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        Snapshot snapshot = SnapshotIO.read(file);
        assertThat(snapshot.accounts()).containsExactlyElementsOf(org.accounts());
        assertThat(snapshot.regions()).containsExactly(OrgFleet.WEST);

        // --regions on the command line wins over the file's key.
        CliRun east = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--config",
                config.toString(), "--regions", OrgFleet.EAST, "-o", file.toString());
        assertThat(east.exit()).as(east.err()).isEqualTo(0);
        assertThat(SnapshotIO.read(file).regions()).containsExactly(OrgFleet.EAST);
    }

    @Test
    void aListOfAccountsReadsThoseOnlyAndAnotherAccountNeedsARole() throws Exception {
        String member = org.members.get(1);
        Path file = dir.resolve("one-member.json");
        CliRun noRole = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--accounts",
                member, "--regions", OrgFleet.EAST, "-o", file.toString());
        assertThat(noRole.exit()).isEqualTo(2);
        assertThat(noRole.err()).contains("account " + member + " is not the caller's own (" + OrgFleet.MANAGEMENT
                + "): name the role to assume in it with --assume-role NAME");

        CliRun run = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--accounts",
                member, "--assume-role", OrgFleet.ROLE, "--regions", OrgFleet.EAST, "-o", file.toString());
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        Snapshot snapshot = SnapshotIO.read(file);
        assertThat(snapshot.accounts()).containsExactly(member);
        assertThat(snapshot.regionInventories()).singleElement().satisfies(r -> assertThat(r.instances())
                .extracting(i -> i.instanceId()).containsExactly(org.instances.get(member + " " + OrgFleet.EAST)));
    }

    /** 6 units (3 accounts x 2 regions) over 2, 3 and 4 shards: every shard count must deal every unit once. */
    @ParameterizedTest(name = "{0} shards")
    @ValueSource(ints = {2, 3, 4})
    void shardsDoNotOverlapAndCoverEveryUnit(int n) throws Exception {
        List<String> units = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            String shard = k + "/" + n;
            Path file = dir.resolve("collect-" + k + "-of-" + n + ".json");
            CliRun run = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                    "--assume-role", OrgFleet.ROLE, "--regions", REGIONS, "--shard", shard, "-o", file.toString());
            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            Snapshot snapshot = SnapshotIO.read(file);
            assertThat(snapshot.shard()).isEqualTo(shard);
            List<String> mine = snapshot.regionInventories().stream().map(OrgScanTest::unit).toList();
            // Round-robin over 6 sorted units: shard k gets units k-1, k-1+n, ...
            assertThat(mine).as("shard " + shard).hasSize((6 - k) / n + 1);
            // IAM once for each account the shard has a unit of, and for no other.
            assertThat(snapshot.accountInventories()).extracting(a -> a.account())
                    .containsExactlyElementsOf(snapshot.regionInventories().stream().map(RegionInventory::account)
                            .distinct().sorted().toList());
            units.addAll(mine);
        }
        assertThat(units).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(org.instances.keySet());
    }

    @Test
    void mergedShardsEqualTheFullRun() throws Exception {
        List<String> files = new ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            String file = dir.resolve("shard-" + shard.charAt(0) + ".json").toString();
            CliRun run = CliRun.of("scan", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                    "--assume-role", OrgFleet.ROLE, "--regions", REGIONS, "--shard", shard, "-f", "json", "-o", file,
                    "--fail-on", "none");
            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            assertThat(JSON.readTree(new java.io.File(file)).at("/scan/shard").asText()).isEqualTo(shard);
            files.add(file);
        }
        Set<String> first = findingKeys(JSON.readTree(new java.io.File(files.get(0))));
        Set<String> second = findingKeys(JSON.readTree(new java.io.File(files.get(1))));
        assertThat(first).isNotEmpty().doesNotContainAnyElementsOf(second);

        Path merged = dir.resolve("merged.json");
        CliRun merge = CliRun.of("merge", files.get(0), files.get(1), "-f", "json", "-o", merged.toString());
        assertThat(merge.exit()).as(merge.err()).isEqualTo(0);
        assertThat(withoutTimes(JSON.readTree(merged.toFile())))
                .isEqualTo(withoutTimes(JSON.readTree(dir.resolve("full.json").toFile())));
    }

    @Test
    void shardsCollectedApartAndScannedOfflineMergeIntoTheFullRun() throws Exception {
        List<String> reports = new ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            Path snapshot = dir.resolve("offline-snapshot-" + shard.charAt(0) + ".json");
            CliRun collect = CliRun.of("collect", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                    "--assume-role", OrgFleet.ROLE, "--regions", REGIONS, "--shard", shard, "-o", snapshot.toString());
            assertThat(collect.exit()).as(collect.err()).isEqualTo(0);
            String report = dir.resolve("offline-shard-" + shard.charAt(0) + ".json").toString();
            CliRun scan = CliRun.of("scan", "--snapshot", snapshot.toString(), "-f", "json", "-o", report,
                    "--fail-on", "none", "--quiet");
            assertThat(scan.exit()).as(scan.err()).isEqualTo(0);
            assertThat(JSON.readTree(new java.io.File(report)).at("/scan/shard").asText()).isEqualTo(shard);
            reports.add(report);
        }
        // With one shard left out, merge names the missing one instead of passing the half as a whole run.
        Path half = dir.resolve("offline-half.json");
        CliRun alone = CliRun.of("merge", reports.get(0), "-f", "json", "-o", half.toString());
        assertThat(alone.exit()).as(alone.err()).isEqualTo(3);
        assertThat(JSON.readTree(half.toFile()).at("/scan/gaps").toString()).contains("shard 2/2 is missing");

        Path merged = dir.resolve("offline-merged.json");
        CliRun merge = CliRun.of("merge", reports.get(0), reports.get(1), "-f", "json", "-o", merged.toString());
        assertThat(merge.exit()).as(merge.err()).isEqualTo(0);
        assertThat(withoutTimes(JSON.readTree(merged.toFile())))
                .isEqualTo(withoutTimes(JSON.readTree(dir.resolve("full.json").toFile())));
    }

    @Test
    void aMemberWhoseRoleCannotBeAssumedIsAGapAndTheOthersAreStillReported() throws Exception {
        String denied = org.members.get(0);
        AWS.failOperationWhere("sts", "AssumeRole", "RoleArn", "arn:aws:iam::" + denied + ":role/AuditRole", 403,
                "AccessDenied", "User is not authorized to perform: sts:AssumeRole");
        Path file = dir.resolve("denied.json");
        CliRun run = CliRun.of("scan", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org",
                "--assume-role", "AuditRole", "--regions", REGIONS, "-f", "json", "-o", file.toString(),
                "--fail-on", "critical");
        assertThat(run.exit()).as(run.err()).isEqualTo(3);
        JsonNode report = JSON.readTree(file.toFile());
        assertThat(texts(report.at("/scan/accounts"))).containsExactlyElementsOf(org.accounts());
        assertThat(report.at("/scan/gaps")).singleElement().satisfies(g -> {
            assertThat(g.get("account").asText()).isEqualTo(denied);
            assertThat(g.get("region").asText()).isEqualTo("global");
            assertThat(g.get("service").asText()).isEqualTo("sts");
            assertThat(g.get("operation").asText()).isEqualTo("AssumeRole");
            assertThat(g.get("error").asText()).startsWith("AccessDenied: User is not authorized");
        });
        Set<String> accountsWithFindings = new HashSet<>();
        report.get("findings").forEach(f -> accountsWithFindings.add(f.get("account").asText()));
        assertThat(accountsWithFindings).containsExactlyInAnyOrder(OrgFleet.MANAGEMENT, org.members.get(1));
    }

    private static CliRun scan(String file) {
        return CliRun.of("scan", "--quiet", "--endpoint-url", AWS.endpoint().toString(), "--org", "--assume-role",
                OrgFleet.ROLE, "--regions", REGIONS, "-f", "json", "-o", dir.resolve(file).toString(),
                "--fail-on", "none");
    }

    private static String unit(RegionInventory r) {
        return r.account() + " " + r.region();
    }

    private static Set<String> findingKeys(JsonNode report) {
        Set<String> keys = new HashSet<>();
        report.get("findings").forEach(f -> keys.add(f.get("ruleId").asText() + " " + f.get("account").asText() + " "
                + f.get("region").asText() + " " + f.at("/resource/id").asText()));
        return keys;
    }

    private static JsonNode withoutTimes(JsonNode report) {
        ObjectNode copy = report.deepCopy();
        ((ObjectNode) copy.get("scan")).remove(List.of("startedAt", "finishedAt"));
        return copy;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
