package io.imdsguard.usage;

import io.imdsguard.evidence.MetadataNoTokenCounts;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code MetadataNoToken} and {@code MetadataNoTokenRejected} for many instances with as few
 * GetMetricData calls as CloudWatch allows: 500 queries a call, two per instance, each over one
 * period covering the window, every page of a call followed through NextToken.
 */
final class MetricReader {
    static final String NAMESPACE = "AWS/EC2";
    static final String CALLS = "MetadataNoToken";
    static final String REJECTED = "MetadataNoTokenRejected";
    /** CloudWatch's limit of queries in one GetMetricData call. */
    static final int MAX_QUERIES = 500;
    static final int INSTANCES_PER_CALL = MAX_QUERIES / 2;
    private static final String CALL_ID = "c";
    private static final String REJECTED_ID = "r";

    private final CloudWatchClient cloudwatch;
    private final UsageWindow window;

    MetricReader(CloudWatchClient cloudwatch, UsageWindow window) {
        this.cloudwatch = cloudwatch;
        this.window = window;
    }

    /**
     * One batch of at most {@link #INSTANCES_PER_CALL} instances, with their counts filled in. An
     * instance whose result CloudWatch marks Forbidden or InternalError stays unread, and is named in
     * the batch's problems.
     */
    Batch read(List<InstanceUsage> batch) {
        if (batch.size() > INSTANCES_PER_CALL) {
            throw new IllegalArgumentException("at most " + INSTANCES_PER_CALL + " instances a call, got " + batch.size());
        }
        List<MetricDataQuery> queries = new ArrayList<>(batch.size() * 2);
        for (int i = 0; i < batch.size(); i++) {
            // Ids must start with a lower-case letter; the index maps the answer back to the instance.
            queries.add(query(CALL_ID + i, CALLS, batch.get(i).instanceId()));
            queries.add(query(REJECTED_ID + i, REJECTED, batch.get(i).instanceId()));
        }
        Map<String, Sum> sums = new HashMap<>();
        Map<String, String> failed = new HashMap<>();
        for (GetMetricDataResponse page : cloudwatch.getMetricDataPaginator(r -> r.metricDataQueries(queries)
                .startTime(window.from()).endTime(window.to()))) {
            for (MetricDataResult result : page.metricDataResults()) {
                // A query's data points may come over several pages (status PartialData until the last).
                Sum sum = sums.computeIfAbsent(result.id(), k -> new Sum());
                result.values().forEach(sum::add);
                if (result.statusCode() == StatusCode.FORBIDDEN || result.statusCode() == StatusCode.INTERNAL_ERROR) {
                    failed.put(result.id(), result.statusCodeAsString());
                }
            }
        }
        List<InstanceUsage> out = new ArrayList<>(batch.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            InstanceUsage u = batch.get(i);
            String why = failed.getOrDefault(CALL_ID + i, failed.get(REJECTED_ID + i));
            if (why != null) {
                problems.add(u.instanceId() + " " + why);
                out.add(u);
            } else {
                out.add(u.withCounts(new MetadataNoTokenCounts(window.days(), window.from(), window.to(),
                        total(sums.get(CALL_ID + i)), total(sums.get(REJECTED_ID + i)))));
            }
        }
        return new Batch(out, problems);
    }

    /** A batch's instances, and those CloudWatch would not give counts for ("i-0abc Forbidden"). */
    record Batch(List<InstanceUsage> instances, List<String> problems) {
    }

    private MetricDataQuery query(String id, String metric, String instanceId) {
        return MetricDataQuery.builder().id(id).returnData(true).metricStat(s -> s.stat("Sum")
                .period(window.periodSeconds())
                .metric(m -> m.namespace(NAMESPACE).metricName(metric)
                        .dimensions(Dimension.builder().name("InstanceId").value(instanceId).build())))
                .build();
    }

    /** Null when CloudWatch sent no data point: no data is not the same as zero calls. */
    private static Long total(Sum sum) {
        return sum == null || sum.points == 0 ? null : Math.round(sum.value);
    }

    private static final class Sum {
        private double value;
        private int points;

        void add(Double v) {
            if (v != null) {
                value += v;
                points++;
            }
        }
    }
}
