package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * The harness's CloudWatch GetMetricData, through the real SDK client: what PutMetricData stored comes
 * back summed per instance and period, CloudWatch's limits and paging hold (which moto 5.2.5 lacks).
 */
class CloudWatchMetricsStubTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static final Instant FROM = NOW.minus(Duration.ofDays(14));

    @BeforeAll
    static void seed() {
        try (FleetBuilder fleet = AWS.fleet()) {
            fleet.metrics()
                    .put("i-00000000000000001", MetricsFleet.NO_TOKEN, NOW.minus(Duration.ofDays(2)), 5)
                    .put("i-00000000000000001", MetricsFleet.NO_TOKEN, NOW.minus(Duration.ofHours(1)), 7)
                    .put("i-00000000000000001", MetricsFleet.NO_TOKEN, NOW.minus(Duration.ofDays(20)), 1000)
                    .put("i-00000000000000002", MetricsFleet.NO_TOKEN, NOW.minus(Duration.ofDays(3)), 4)
                    .put("i-00000000000000002", MetricsFleet.NO_TOKEN_REJECTED, NOW.minus(Duration.ofDays(3)), 9);
        }
        try (FleetBuilder fleet = AWS.fleet("eu-west-1")) {
            fleet.metrics().put("i-00000000000000001", MetricsFleet.NO_TOKEN, NOW.minus(Duration.ofDays(1)), 50);
        }
    }

    static MetricDataQuery query(String id, String metric, String instance, int period) {
        return MetricDataQuery.builder().id(id).metricStat(s -> s.stat("Sum").period(period).metric(m -> m
                .namespace("AWS/EC2").metricName(metric)
                .dimensions(Dimension.builder().name("InstanceId").value(instance).build()))).build();
    }

    @Test
    void sumsPerInstanceOverOnePeriodInTheWindowAndRegion() {
        int period = 14 * 86400;
        try (CloudWatchClient cw = AWS.client(CloudWatchClient.builder())) {
            GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(FROM).endTime(NOW).metricDataQueries(
                    query("a", MetricsFleet.NO_TOKEN, "i-00000000000000001", period),
                    query("b", MetricsFleet.NO_TOKEN, "i-00000000000000002", period),
                    query("c", MetricsFleet.NO_TOKEN_REJECTED, "i-00000000000000002", period),
                    query("d", MetricsFleet.NO_TOKEN, "i-00000000000000009", period)));
            Map<String, MetricDataResult> byId = new HashMap<>();
            r.metricDataResults().forEach(m -> byId.put(m.id(), m));
            // 5 + 7; the point 20 days back is outside, and eu-west-1's 50 is another region's.
            assertThat(byId.get("a").values()).containsExactly(12.0);
            assertThat(byId.get("a").timestamps()).containsExactly(FROM);
            assertThat(byId.get("b").values()).containsExactly(4.0);
            assertThat(byId.get("c").values()).containsExactly(9.0);
            assertThat(byId.get("d").values()).as("no data is no data point, not 0").isEmpty();
            assertThat(byId.values()).allMatch(m -> m.statusCode() == StatusCode.COMPLETE);
            assertThat(r.nextToken()).isNull();
        }
    }

    @Test
    void pagesByMaxDatapointsWithNextToken() {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Daily periods: instance 1 has points on two days, so a page of one cuts it in two.
            queries.add(query("q" + i, MetricsFleet.NO_TOKEN, "i-0000000000000000" + (i % 2 + 1), 86400));
        }
        try (CloudWatchClient cw = AWS.client(CloudWatchClient.builder())) {
            List<GetMetricDataResponse> pages = cw.getMetricDataPaginator(GetMetricDataRequest.builder()
                    .startTime(FROM).endTime(NOW).maxDatapoints(1).metricDataQueries(queries).build()).stream().toList();
            assertThat(pages).as("six data points, one a page").hasSize(6);
            Map<String, Double> sums = new HashMap<>();
            pages.forEach(p -> p.metricDataResults().forEach(m -> sums.merge(m.id(),
                    m.values().stream().mapToDouble(Double::doubleValue).sum(), Double::sum)));
            assertThat(sums).containsEntry("q0", 12.0).containsEntry("q1", 4.0).containsEntry("q2", 12.0)
                    .containsEntry("q3", 4.0);
            assertThat(pages.get(0).metricDataResults()).anyMatch(m -> m.statusCode() == StatusCode.PARTIAL_DATA);
        }
    }

    @Test
    void refusesMoreThan500QueriesAndBadIds() {
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            queries.add(query("q" + i, MetricsFleet.NO_TOKEN, "i-00000000000000001", 60));
        }
        try (CloudWatchClient cw = AWS.client(CloudWatchClient.builder())) {
            assertThatThrownBy(() -> cw.getMetricData(b -> b.startTime(FROM).endTime(NOW).metricDataQueries(queries)))
                    .isInstanceOfSatisfying(CloudWatchException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.getMessage()).contains("500");
                    });
            assertThat(cw.getMetricData(b -> b.startTime(FROM).endTime(NOW).metricDataQueries(queries.subList(0, 500)))
                    .metricDataResults()).hasSize(500);
            assertThatThrownBy(() -> cw.getMetricData(b -> b.startTime(FROM).endTime(NOW).metricDataQueries(
                    query("Upper", MetricsFleet.NO_TOKEN, "i-00000000000000001", 60))))
                    .isInstanceOf(CloudWatchException.class).hasMessageContaining("lower-case");
        }
    }

    @Test
    void olderDataNeedsCoarserPeriodsAsInCloudWatch() {
        Instant start = NOW.minus(Duration.ofDays(30));
        try (CloudWatchClient cw = AWS.client(CloudWatchClient.builder())) {
            GetMetricDataResponse r = cw.getMetricData(b -> b.startTime(start).endTime(NOW).metricDataQueries(
                    query("minute", MetricsFleet.NO_TOKEN, "i-00000000000000001", 60),
                    query("hour", MetricsFleet.NO_TOKEN, "i-00000000000000001", 3600)));
            Map<String, MetricDataResult> byId = new HashMap<>();
            r.metricDataResults().forEach(m -> byId.put(m.id(), m));
            assertThat(byId.get("minute").values()).as("a 60 s period over data 30 days old").isEmpty();
            assertThat(byId.get("hour").values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(1012.0);
        }
    }

    @Test
    void injectedCloudWatchFaultsUseTheQueryProtocol() {
        AWS.failOperation("cloudwatch", "GetMetricData", "ap-south-1", 403, "AccessDenied", "not authorized");
        try (CloudWatchClient cw = AWS.client(CloudWatchClient.builder(), "ap-south-1")) {
            assertThatThrownBy(() -> cw.getMetricData(b -> b.startTime(FROM).endTime(NOW).metricDataQueries(
                    query("a", MetricsFleet.NO_TOKEN, "i-00000000000000001", 60))))
                    .isInstanceOfSatisfying(CloudWatchException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
        }
        assertThat(AWS.recordedCalls()).contains(new AwsCall("cloudwatch", "GetMetricData", "ap-south-1"),
                new AwsCall("cloudwatch", "PutMetricData", "us-east-1"));
    }
}
