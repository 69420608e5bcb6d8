package io.imdsguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.cli.CliRun;
import io.imdsguard.inventory.LoadBalancer;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Role;
import io.imdsguard.inventory.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imdsguard bench synth}: reproducible bytes, the documented proportions, and a fleet that scans. */
class SyntheticFleetTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedAnotherFleet() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Path c = dir.resolve("c.json");
        assertThat(synth("7", a)).isZero();
        assertThat(synth("7", b)).isZero();
        assertThat(synth("8", c)).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void proportionsAreAsDocumented() {
        Snapshot s = SyntheticFleet.generate(new FleetShape(10_000, 2, 3, 42));
        assertThat(s.instanceCount()).isEqualTo(10_000);
        assertThat(s.accounts()).hasSize(2).doesNotHaveDuplicates();
        assertThat(s.regionInventories()).hasSize(6)
                .allSatisfy(r -> assertThat(r.instances().size()).isBetween(1666, 1667));
        Set<String> ids = new HashSet<>();
        s.regionInventories().forEach(r -> r.instances().forEach(i -> ids.add(i.instanceId())));
        assertThat(ids).as("instance ids are unique across the fleet").hasSize(10_000);
        for (RegionInventory r : s.regionInventories()) {
            assertThat(r.vpcs()).hasSize(1);
            assertThat(r.subnets()).hasSize(9);
            assertThat(r.securityGroups()).hasSize(10);
            assertThat(r.networkAcls()).anySatisfy(acl -> assertThat(acl.entries())
                    .anySatisfy(e -> assertThat(e.allow()).isFalse()));
            assertThat(r.loadBalancers()).hasSize(3);
            r.loadBalancers().forEach(lb -> assertThat(r.targetGroups().stream()
                    .filter(tg -> tg.loadBalancerArns().contains(lb.arn())).count()).isBetween(2L, 4L));
        }
        List<LoadBalancer> lbs = s.regionInventories().stream().flatMap(r -> r.loadBalancers().stream()).toList();
        assertThat(lbs).anySatisfy(lb -> assertThat(lb.type()).isEqualTo("network"))
                .anySatisfy(lb -> assertThat(lb.type()).isEqualTo("application"));
        double publicShare = s.regionInventories().stream().flatMap(r -> r.instances().stream())
                .filter(i -> i.interfaces().get(0).privateIps().get(0).hasPublicIp()).count() / 10_000.0;
        assertThat(publicShare).as("35% public subnets x 70% with a public IP").isBetween(0.20, 0.30);
        List<Role> roles = s.accountInventories().stream().flatMap(a -> a.roles().stream()).toList();
        assertThat(roles).hasSize(2 * 166);
        assertThat(roles.stream().filter(r -> r.permissionsBoundaryArn() != null).count()).isBetween(15L, 60L);
        assertThat(s.accountInventories()).allSatisfy(a -> {
            assertThat(a.buckets().size()).as("a bucket per 40 instances").isBetween(124, 125);
            assertThat(a.managedPolicies())
                    .anySatisfy(p -> assertThat(p.versions().get(0).document()).contains("Condition"));
        });
    }

    @Test
    void aGeneratedFleetScansWithAFewPercentOnTheAttackPath() throws Exception {
        Path fleet = dir.resolve("fleet.json");
        Path report = dir.resolve("report.json");
        assertThat(CliRun.of("bench", "synth", "--instances", "4000", "--accounts", "2", "-o", fleet.toString()).exit())
                .isZero();
        CliRun scan = CliRun.of("scan", "--snapshot", fleet.toString(), "--format", "json", "-o", report.toString(),
                "--fail-on", "none");
        assertThat(scan.exit()).as(scan.err()).isZero();
        JsonNode findings = new ObjectMapper().readTree(report.toFile()).get("findings");
        long critical = count(findings, "IMDS-001");
        assertThat(critical / 4000.0).as("IMDS-001 share").isBetween(0.01, 0.08);
        assertThat(count(findings, "IMDS-002")).isPositive();
        assertThat(count(findings, "IMDS-003")).isGreaterThan(critical);
        assertThat(count(findings, "IMDS-004")).as("every other region has no IMDSv2 default").isEqualTo(2);
        assertThat(count(findings, "IMDS-005")).isPositive();
        assertThat(count(findings, "IMDS-006")).isPositive();
    }

    @Test
    void badShapesAreUsageErrors() {
        CliRun run = CliRun.of("bench", "synth", "--instances", "10", "--regions", "17",
                "-o", dir.resolve("x").toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("regions must be 1 to 16");
    }

    private static int synth(String seed, Path out) {
        return CliRun.of("bench", "synth", "--instances", "1500", "--accounts", "3", "--seed", seed,
                "-o", out.toString()).exit();
    }

    private static long count(JsonNode findings, String rule) {
        return StreamSupport.stream(findings.spliterator(), false)
                .filter(f -> f.get("ruleId").asText().equals(rule)).count();
    }
}
