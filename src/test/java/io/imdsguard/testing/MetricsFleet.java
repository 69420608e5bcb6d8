package io.imdsguard.testing;

import java.time.Instant;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Puts CloudWatch data points through the real CloudWatch client, as EC2 would report them
 * ({@code AWS/EC2}, dimension InstanceId). AWS refuses PutMetricData into an {@code AWS/} namespace;
 * the emulator does not, which is what lets a test stand in for EC2.
 */
public final class MetricsFleet {

    /** IMDS calls answered without a token. */
    public static final String NO_TOKEN = "MetadataNoToken";
    /** IMDS calls without a token refused because IMDSv1 is off. */
    public static final String NO_TOKEN_REJECTED = "MetadataNoTokenRejected";

    private final CloudWatchClient cloudwatch;

    MetricsFleet(CloudWatchClient cloudwatch) {
        this.cloudwatch = cloudwatch;
    }

    /** One data point of {@code metric} for {@code instanceId} at {@code at} (a Count). */
    public MetricsFleet put(String instanceId, String metric, Instant at, double value) {
        cloudwatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(MetricDatum.builder().metricName(metric)
                .dimensions(Dimension.builder().name("InstanceId").value(instanceId).build())
                .timestamp(at).value(value).unit(StandardUnit.COUNT).build()));
        return this;
    }
}
