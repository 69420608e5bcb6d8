package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.MetricsFleet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More instances than one GetMetricData call may ask about: the calls are split (at most 500 queries,
 * two per instance), each page is followed through NextToken, and every answer maps back to its instance.
 */
class UsageBatchingTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String REGION = "us-east-1";
    static final int FLEET = 260;

    static List<String> fleet;
    static final Map<String, Long> expected = new HashMap<>();
    static CliRun run;
    static List<Map<String, String>> getMetricData;

    @BeforeAll
    static void seed() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", REGION);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), REGION)) {
            String ami = ec2.describeImages(r -> { }).images().get(0).imageId();
            fleet = ec2.runInstances(r -> r.imageId(ami).minCount(FLEET).maxCount(FLEET).instanceType("t3.micro"))
                    .instances().stream().map(Instance::instanceId).toList();
        }
        Instant now = Instant.now();
        try (FleetBuilder f = AWS.fleet(REGION)) {
            // Spread over the fleet, so that whichever order DescribeInstances lists them in, both calls carry some.
            for (int i = 0; i < FLEET; i += 13) {
                long calls = 1000L + i;
                expected.put(fleet.get(i), calls);
                f.metrics().put(fleet.get(i), MetricsFleet.NO_TOKEN, now.minus(Duration.ofDays(1)), calls);
            }
        }
        // CloudWatch cuts large answers into pages; a page of 7 data points makes this fleet need several.
        AWS.limitMetricDataPage(7);
        AWS.clearRecorded();
        run = CliRun.of("usage", "--endpoint-url", AWS.endpoint().toString(), "--regions", REGION, "--format", "json");
        getMetricData = AWS.recordedParams("cloudwatch", "GetMetricData");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    private static int queries(Map<String, String> params) {
        return (int) params.keySet().stream().filter(k -> k.matches("MetricDataQueries\\.member\\.\\d+\\.Id")).count();
    }

    @Test
    void theCallsAreSplitAtFiveHundredQueries() {
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        List<Map<String, String>> firstPages = getMetricData.stream().filter(p -> !p.containsKey("NextToken")).toList();
        assertThat(firstPages).as("one call per batch of 250 instances").hasSize(2);
        assertThat(getMetricData).allSatisfy(p -> assertThat(queries(p)).isLessThanOrEqualTo(500));
        assertThat(firstPages.stream().mapToInt(UsageBatchingTest::queries).sum()).isEqualTo(2 * FLEET);
        Set<String> asked = new HashSet<>();
        firstPages.forEach(p -> p.forEach((k, v) -> {
            if (k.endsWith(".Dimensions.member.1.Value")) {
                asked.add(v);
            }
        }));
        assertThat(asked).containsExactlyInAnyOrderElementsOf(fleet);
        firstPages.forEach(p -> assertThat(p).containsEntry("MetricDataQueries.member.1.MetricStat.Period",
                Integer.toString(14 * 86400)).containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Sum"));
    }

    @Test
    void everyPageIsFollowedAndEachCountReachesItsInstance() throws Exception {
        assertThat(getMetricData.stream().filter(p -> p.containsKey("NextToken")).count())
                .as("pages after the first").isGreaterThanOrEqualTo(2);
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("instances")).hasSize(FLEET);
        Map<String, Long> counted = new HashMap<>();
        report.get("instances").forEach(i -> {
            if (!i.get("calls").isNull()) {
                counted.put(i.get("instanceId").asText(), i.get("calls").asLong());
            }
        });
        assertThat(counted).isEqualTo(expected);
    }
}
