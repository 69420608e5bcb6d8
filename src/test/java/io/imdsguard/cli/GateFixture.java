package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdsguard.examples.DemoFleet;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Snapshots and reports for the gate's CLI tests: the demo fleet, variants of it, and the JSON report a
 * scan wrote, read back by finding. The demo's findings: IMDS-001 on i-...01, 02 and 04 (critical),
 * IMDS-002 on 03 (high), IMDS-003 and IMDS-005 on 05, IMDS-006 on 04, IMDS-004 on us-east-1 (medium/low).
 */
final class GateFixture {
    static final Path DEMO = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");
    static final String ACCOUNT = DemoFleet.ACCOUNT;
    static final String BASTION = "i-0a1b2c3d4e5f60003";
    static final String WORKER = "i-0a1b2c3d4e5f60005";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private CliRun last;

    GateFixture(Path dir) {
        this.dir = dir;
    }

    CliRun last() {
        return last;
    }

    int run(String... args) {
        last = CliRun.of(args);
        return last.exit();
    }

    Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    /** The demo fleet scanned to a JSON report at {@code name}, to serve as a baseline. */
    Path demoReport(String name) throws IOException {
        Path report = dir.resolve(name);
        if (run("scan", "--snapshot", DEMO.toString(), "-f", "json", "-o", report.toString(), "--fail-on", "none")
                != 0) {
            throw new AssertionError("the demo scan failed: " + last.err());
        }
        return report;
    }

    /** {@code report} with the findings {@code drop} matches taken out, plus {@code extra} findings. */
    Path editReport(Path report, String name, Predicate<JsonNode> drop, String... extra) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(report.toFile());
        ArrayNode kept = JSON.createArrayNode();
        root.get("findings").forEach(f -> {
            if (!drop.test(f)) {
                kept.add(f);
            }
        });
        for (String e : extra) {
            kept.add(JSON.readTree(e));
        }
        root.set("findings", kept);
        Path out = dir.resolve(name);
        JSON.writeValue(out.toFile(), root);
        return out;
    }

    /** A baseline finding as the JSON report writes it (only what is read back). */
    static String finding(String rule, String account, String region, String id) {
        return "{\"ruleId\":\"" + rule + "\",\"severity\":\"HIGH\",\"account\":\"" + account + "\",\"region\":\""
                + region + "\",\"resource\":{\"type\":\"ec2-instance\",\"id\":\"" + id + "\",\"name\":null}}";
    }

    static Predicate<JsonNode> is(String rule, String resourceId) {
        return f -> f.get("ruleId").asText().equals(rule) && f.at("/resource/id").asText().equals(resourceId);
    }

    /** The demo fleet with only the regions {@code keep} accepts, and these gaps. */
    Path demoVariant(String name, Predicate<RegionInventory> keep, CollectionGap... gaps) throws IOException {
        Snapshot demo = DemoFleet.snapshot();
        List<RegionInventory> regions = demo.regionInventories().stream().filter(keep).toList();
        Snapshot variant = new Snapshot(demo.schemaVersion(), demo.collectedAt(), demo.accounts(),
                regions.stream().map(RegionInventory::region).toList(), demo.accountInventories(), regions,
                List.of(gaps));
        Path file = dir.resolve(name);
        SnapshotIO.write(variant, file);
        return file;
    }

    /** The demo fleet without one us-east-1 instance (its findings are then gone). */
    Path demoWithout(String name, String instanceId) throws IOException {
        Snapshot demo = DemoFleet.snapshot();
        List<RegionInventory> regions = new ArrayList<>();
        for (RegionInventory r : demo.regionInventories()) {
            regions.add(new RegionInventory(r.account(), r.region(), r.imdsDefaults(),
                    r.instances().stream().filter(i -> !i.instanceId().equals(instanceId)).toList(), r.vpcs(),
                    r.subnets(), r.routeTables(), r.networkAcls(), r.securityGroups(), r.gateways(), r.natGateways(),
                    r.prefixLists(), r.loadBalancers(), r.targetGroups(), r.classicLoadBalancers(), r.webAcls()));
        }
        Path file = dir.resolve(name);
        SnapshotIO.write(new Snapshot(demo.schemaVersion(), demo.collectedAt(), demo.accounts(), demo.regions(),
                demo.accountInventories(), regions, demo.gaps()), file);
        return file;
    }

    static JsonNode read(Path report) throws IOException {
        return JSON.readTree(report.toFile());
    }

    /** Each finding of a JSON report as {@code RULE resource-id}, mapped to a field of it ({@code /status}, ...). */
    static Map<String, String> byFinding(JsonNode report, String pointer) {
        Map<String, String> out = new TreeMap<>();
        report.get("findings").forEach(f -> out.put(f.get("ruleId").asText() + " " + f.at("/resource/id").asText(),
                f.at(pointer).isMissingNode() ? null : f.at(pointer).asText()));
        return out;
    }

    /** The findings of a JSON report that are suppressed, as {@code RULE resource-id}. */
    static List<String> suppressed(JsonNode report) {
        List<String> out = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("suppressed").asBoolean()) {
                out.add(f.get("ruleId").asText() + " " + f.at("/resource/id").asText());
            }
        });
        return out;
    }
}
