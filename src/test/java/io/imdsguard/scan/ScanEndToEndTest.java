package io.imdsguard.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.cli.CliRun;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3: a live {@code scan} against the emulator through the real SDK. The fleet ({@link E2eFleet}) is
 * built so each bundled rule fires where intended and nowhere else; the scan must find exactly that, call
 * AWS read-only, and leave the account as it found it (two {@code collect} runs around it agree).
 */
class ScanEndToEndTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String REGIONS = E2eFleet.EAST + "," + E2eFleet.WEST;

    @TempDir
    static Path dir;

    static Map<String, String> ids;
    static CliRun scan;
    static List<AwsCall> scanCalls;
    static Snapshot before;
    static Snapshot after;

    @BeforeAll
    static void seedCollectScanCollect() {
        // The CLI builds its own clients from the default chain, as CollectCommandTest does.
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", E2eFleet.EAST);
        ids = E2eFleet.seed(AWS);
        before = collect("before.json");
        AWS.clearRecorded();
        scan = run("scan", "--endpoint-url", endpoint(), "--regions", REGIONS, "--format", "json",
                "--output", dir.resolve("report.json").toString(), "--fail-on", "high");
        scanCalls = List.copyOf(AWS.recordedCalls());
        after = collect("after.json");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    @Test
    void criticalFindingsFailTheHighGateWithExactlyTheIntendedFindings() throws Exception {
        assertThat(scan.exit()).as(scan.err()).isEqualTo(1);
        JsonNode report = report("report.json");
        assertThat(report.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(report.at("/scan/gaps")).as("collection gaps").isEmpty();
        assertThat(pairs(report)).containsExactlyInAnyOrderElementsOf(expectedPairs(false));
    }

    @Test
    void instanceFindingsAreNamedByTheirNameTag() throws Exception {
        Map<String, String> nameById = ids.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        List<JsonNode> instanceFindings = findings(report("report.json")).stream()
                .filter(f -> f.at("/resource/type").asText().equals("ec2-instance")).toList();
        assertThat(instanceFindings).isNotEmpty().allSatisfy(f -> assertThat(f.at("/resource/name").asText())
                .as(f.at("/resource/id").asText()).isEqualTo(nameById.get(f.at("/resource/id").asText())));
    }

    @Test
    void directCriticalFindingNamesItsExposureAndTheGrantingStatements() throws Exception {
        JsonNode evidence = finding("IMDS-001", ids.get("web-public-s3")).get("evidence");
        assertThat(evidence.at("/metadataOptions/httpTokens").asText()).isEqualTo("optional");
        JsonNode path = evidence.at("/exposurePaths/0");
        assertThat(path.get("kind").asText()).isEqualTo("DIRECT");
        assertThat(path.get("summary").asText()).matches("reachable from .+ public IPv4 addresses on tcp/22 via igw-\\S+ .*");
        assertThat(texts(path.get("steps"))).anyMatch(s -> s.matches("nacl acl-\\S+ ingress #90 deny all 45\\.0\\.0\\.0/8"))
                .anyMatch(s -> s.matches("sg sg-\\S+ tcp/22 from 0\\.0\\.0\\.0/0"));
        // The NACL denies 45.0.0.0/8 before allowing 0.0.0.0/0: exactly that /8 is missing, the rest still gets in.
        long unfiltered = finding("IMDS-003", ids.get("eu-web-no-role")).at("/evidence/exposurePaths/0/admittedAddresses")
                .asLong();
        assertThat(path.get("admittedAddresses").asLong()).isEqualTo(unfiltered - (1L << 24));
        assertThat(evidence.at("/s3Read/decision").asText()).isEqualTo("ALLOWED");
        assertThat(evidence.at("/s3Read/listBucket/statements/0/statement").asText()).isEqualTo("ListData");
        assertThat(evidence.at("/s3Read/listBucket/statements/0/policy").asText()).contains("read-customer-data");
        assertThat(evidence.at("/s3Read/getObject/statements/0/statement").asText()).isEqualTo("ReadObjects");
        assertThat(evidence.at("/s3Read/getObject/resource").asText()).startsWith("arn:aws:s3:::" + E2eFleet.BUCKET + "/");
    }

    @Test
    void loadBalancedCriticalFindingNamesTheAlbWithoutWaf() throws Exception {
        JsonNode critical = finding("IMDS-001", ids.get("app-behind-alb")).get("evidence");
        assertThat(critical.get("exposurePaths")).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("kind").asText()).isEqualTo("LOAD_BALANCER");
            assertThat(p.get("loadBalancerArn").asText()).contains("/app-alb/");
        });
        JsonNode waf = finding("IMDS-006", ids.get("app-behind-alb")).at("/evidence/loadBalancers/0");
        assertThat(waf.get("name").asText()).isEqualTo("app-alb");
        assertThat(waf.get("wafBlocksImdsSsrf").asBoolean()).isFalse();
        // The WAF-protected ALB does forward the internet to its target: only the web ACL spares it IMDS-006.
        assertThat(finding("IMDS-003", ids.get("app-behind-waf")).at("/evidence/exposurePaths"))
                .singleElement().satisfies(p -> assertThat(p.get("loadBalancerArn").asText()).contains("/waf-alb/"));
    }

    @Test
    void unreachableInstancesAndRegionDefaultsCarryTheirEvidence() throws Exception {
        // An SG open to the world behind a NAT-only route, and a public instance open only to an office range.
        assertThat(finding("IMDS-003", ids.get("batch-private")).at("/evidence/exposurePaths")).isEmpty();
        assertThat(finding("IMDS-003", ids.get("admin-office-only")).at("/evidence/exposurePaths")).isEmpty();
        assertThat(finding("IMDS-003", ids.get("admin-office-only")).at("/evidence/s3Read/decision").asText())
                .isEqualTo("ALLOWED");
        assertThat(finding("IMDS-005", ids.get("batch-private")).at("/evidence/metadataOptions/hopLimit").asInt())
                .isEqualTo(2);
        assertThat(finding("IMDS-002", ids.get("web-public-no-s3")).at("/evidence/roleArn").asText())
                .endsWith(":role/e2e-describer");
        JsonNode defaults = finding("IMDS-004", E2eFleet.EAST);
        assertThat(defaults.at("/resource/type").asText()).isEqualTo("ec2-region-defaults");
        assertThat(defaults.at("/evidence/httpTokens").asText()).isEqualTo("no-preference");
    }

    @Test
    void scanOnlyReadsAndReachesEveryService() {
        assertThat(scanCalls).as("calls the scan made").isNotEmpty();
        assertThat(scanCalls.stream().filter(AwsCall::isMutating).toList()).as("mutating calls").isEmpty();
        assertThat(scanCalls.stream().map(AwsCall::service).distinct().toList())
                .contains("ec2", "elasticloadbalancingv2", "iam", "s3", "sts");
        assertThat(scanCalls.stream().filter(c -> c.service().equals("ec2")).map(AwsCall::region).distinct().toList())
                .containsExactlyInAnyOrder(E2eFleet.EAST, E2eFleet.WEST);
    }

    @Test
    void collectBeforeAndAfterTheScanAgree() {
        assertThat(before.gaps()).isEmpty();
        assertThat(before.instanceCount()).isEqualTo(E2eFleet.EXPECTED.size());
        assertThat(withoutTimestamp(after)).usingRecursiveComparison().isEqualTo(withoutTimestamp(before));
    }

    @Test
    void trustingEveryIpv4SourceLeavesNothingInternetReachable() throws Exception {
        Path config = dir.resolve("trust-all.yaml");
        Files.writeString(config, "exposure:\n  trustedCidrs: [0.0.0.0/0]\n");
        CliRun trusted = run("scan", "--endpoint-url", endpoint(), "--regions", REGIONS, "--format", "json",
                "--output", dir.resolve("trusted.json").toString(), "--fail-on", "critical",
                "--config", config.toString());
        assertThat(trusted.exit()).as(trusted.err()).isEqualTo(0);
        // Reachability is what separates IMDS-001/002 from IMDS-003; IMDS-006 is about the ALB, not the sources.
        assertThat(pairs(report("trusted.json"))).containsExactlyInAnyOrderElementsOf(expectedPairs(true));
    }

    /** "ruleId resourceId (name)" for every expected finding; {@code trustAll} demotes 001/002 to 003. */
    private static List<String> expectedPairs(boolean trustAll) {
        List<String> pairs = new ArrayList<>();
        E2eFleet.EXPECTED.forEach((name, rules) -> rules.stream()
                .map(rule -> trustAll && (rule.equals("IMDS-001") || rule.equals("IMDS-002")) ? "IMDS-003" : rule)
                .forEach(rule -> pairs.add(rule + " " + ids.get(name) + " (" + name + ")")));
        pairs.add("IMDS-004 " + E2eFleet.EAST + " (null)");
        return pairs;
    }

    private static List<String> pairs(JsonNode report) {
        return findings(report).stream().map(f -> f.get("ruleId").asText() + " " + f.at("/resource/id").asText()
                + " (" + f.at("/resource/name").asText() + ")").toList();
    }

    private static JsonNode finding(String ruleId, String resourceId) throws Exception {
        return findings(report("report.json")).stream()
                .filter(f -> f.get("ruleId").asText().equals(ruleId) && f.at("/resource/id").asText().equals(resourceId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + ruleId + " for " + resourceId));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<JsonNode> findings(JsonNode report) {
        return StreamSupport.stream(report.get("findings").spliterator(), false).toList();
    }

    private static JsonNode report(String file) throws Exception {
        return new ObjectMapper().readTree(dir.resolve(file).toFile());
    }

    private static Snapshot collect(String file) {
        Path output = dir.resolve(file);
        CliRun run = run("collect", "--endpoint-url", endpoint(), "--regions", REGIONS, "--output", output.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        try {
            return SnapshotIO.read(output);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Snapshot withoutTimestamp(Snapshot s) {
        return new Snapshot(s.schemaVersion(), Instant.EPOCH, s.accounts(), s.regions(), s.accountInventories(),
                s.regionInventories(), s.gaps());
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static String endpoint() {
        return AWS.endpoint().toString();
    }
}
