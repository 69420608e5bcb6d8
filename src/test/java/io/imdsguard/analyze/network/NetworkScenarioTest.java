package io.imdsguard.analyze.network;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.SnapshotIO;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario under {@code network/scenarios}: an inventory fixture plus, per instance, whether
 * it is reachable, its exact paths (kind, protocol, ports, family, interface, admitted count,
 * load balancer) and evidence fragments; and, when given, the exact list of load-balancer forwards.
 */
class NetworkScenarioTest {

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/network/scenarios")).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("scenario files").isNotEmpty();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            nodes.add(scenario(file));
        }
        return nodes.stream();
    }

    private static DynamicContainer scenario(Path file) throws IOException {
        JsonNode doc = SnapshotIO.mapper().readTree(file.toFile());
        RegionInventory inventory = SnapshotIO.mapper().treeToValue(doc.get("inventory"), RegionInventory.class);
        NetworkAnalysis analysis = new ReachabilityAnalyzer(settings(doc.get("settings"))).analyze(inventory);
        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("every instance analysed", () ->
                assertThat(analysis.byInstance().keySet()).containsExactlyInAnyOrderElementsOf(
                        inventory.instances().stream().map(i -> i.instanceId()).toList())));
        doc.get("expect").fields().forEachRemaining(e -> tests.add(DynamicTest.dynamicTest(e.getKey(), () -> {
            assertThat(analysis.byInstance()).as("expected instance is in the fixture").containsKey(e.getKey());
            checkInstance(analysis.of(e.getKey()), e.getValue());
        })));
        if (doc.has("forwards")) {
            tests.add(DynamicTest.dynamicTest("forwards", () -> checkForwards(analysis, doc.get("forwards"))));
        }
        String name = file.getFileName().toString().replace(".json", "") + ": " + doc.path("description").asText();
        return DynamicContainer.dynamicContainer(name, tests);
    }

    private static ExposureSettings settings(JsonNode node) {
        if (node == null) {
            return ExposureSettings.DEFAULT;
        }
        List<String> trusted = new ArrayList<>();
        node.path("trustedCidrs").forEach(c -> trusted.add(c.asText()));
        BigInteger min4 = node.has("minIpv4Addresses") ? new BigInteger(node.get("minIpv4Addresses").asText())
                : ExposureSettings.DEFAULT.minIpv4Addresses();
        BigInteger min6 = node.has("minIpv6Addresses") ? new BigInteger(node.get("minIpv6Addresses").asText())
                : ExposureSettings.DEFAULT.minIpv6Addresses();
        return new ExposureSettings(trusted, min4, min6);
    }

    private static void checkInstance(InstanceReachability actual, JsonNode expected) {
        String shown = actual.paths().stream().map(p -> key(p) + " = " + p.admittedAddresses() + " " + p.steps())
                .toList().toString();
        assertThat(actual.reachable()).as("%s reachable; paths: %s", actual.instanceId(), shown).isEqualTo(expected.get("reachable").asBoolean());
        if (expected.has("paths")) {
            Map<String, String> wanted = new TreeMap<>();
            expected.get("paths").forEach(p -> wanted.put(key(p), p.path("admitted").asText(null)));
            Map<String, String> got = new TreeMap<>();
            actual.paths().forEach(p -> got.put(key(p), p.admittedAddresses().toString()));
            assertThat(got.keySet()).as("paths; got %s", shown).containsExactlyInAnyOrderElementsOf(wanted.keySet());
            wanted.forEach((k, count) -> {
                if (count != null) {
                    assertThat(got.get(k)).as("admitted addresses of %s", k).isEqualTo(count);
                }
            });
        }
        if (expected.has("pathCount")) {
            assertThat(actual.paths()).as("number of paths").hasSize(expected.get("pathCount").asInt());
        }
        List<String> steps = actual.paths().stream().flatMap(p -> p.steps().stream()).toList();
        expected.path("stepsContain").forEach(s ->
                assertThat(steps).as("evidence steps").anyMatch(step -> step.contains(s.asText())));
        if (expected.has("summaryContains")) {
            assertThat(actual.paths()).as("summaries").extracting(ExposurePath::summary)
                    .anyMatch(summary -> summary.contains(expected.get("summaryContains").asText()));
        }
    }

    private static String key(ExposurePath p) {
        return String.join("|", p.kind().name(), p.protocol(), p.ports().toString(), p.addressFamily(), p.interfaceId(),
                p.loadBalancerArn() == null ? "-" : p.loadBalancerArn());
    }

    private static String key(JsonNode p) {
        return String.join("|", p.get("kind").asText(), p.get("protocol").asText(), p.get("ports").asText(),
                p.get("family").asText(), p.get("interface").asText(), p.path("loadBalancerArn").asText("-"));
    }

    private static void checkForwards(NetworkAnalysis analysis, JsonNode expected) {
        List<String> wanted = new ArrayList<>();
        expected.forEach(f -> wanted.add(String.join("|", f.get("instanceId").asText(), f.get("loadBalancerName").asText(),
                f.get("loadBalancerType").asText(), f.path("webAclArn").asText("-"), f.get("wafBlocksImdsSsrf").asText())));
        List<String> got = analysis.forwards().stream().map(f -> String.join("|", f.instanceId(), f.loadBalancerName(),
                f.loadBalancerType(), f.webAclArn() == null ? "-" : f.webAclArn(), Boolean.toString(f.wafBlocksImdsSsrf())))
                .toList();
        assertThat(got).containsExactlyInAnyOrderElementsOf(wanted);
    }
}
