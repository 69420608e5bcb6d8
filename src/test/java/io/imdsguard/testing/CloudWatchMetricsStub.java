package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * CloudWatch GetMetricData (AWS query protocol, as SDK 2.40.2 sends it), answered here because moto
 * 5.2.5 gets the parts {@code usage} depends on wrong. Measured with the SDK against moto 5.2.5: sums
 * per dimension and one period over the window are right, but moto
 * <ul>
 *   <li>never returns a NextToken and ignores MaxDatapoints (600 data points came back in one page
 *       with MaxDatapoints=100), so pagination cannot be tested against it;</li>
 *   <li>accepts more than 500 MetricDataQueries in one call (600 were answered), where CloudWatch
 *       refuses the call, so a batching bug would pass;</li>
 *   <li>applies none of CloudWatch's period rules for older data (a start more than 15 days ago needs a
 *       period that is a multiple of 300 s, more than 63 days ago of 3600 s, else no data points), nor
 *       the query id rule (a lower-case letter first).</li>
 * </ul>
 * So PutMetricData is recorded here (and still passed to moto, whose validation it goes through), and
 * GetMetricData is computed from what was recorded, in AWS's documented wire format: MetricStat
 * queries with Sum, SampleCount, Average, Minimum or Maximum, dimensions matched exactly, periods
 * counted from StartTime, data points paged by MaxDatapoints (and by {@link #limitPage}, which stands
 * for CloudWatch's own page size) with a query's points continuing on the next page as PartialData.
 */
final class CloudWatchMetricsStub {

    static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";
    private static final int MAX_QUERIES = 500;
    private static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Set<String> STATS = Set.of("Sum", "SampleCount", "Average", "Minimum", "Maximum");
    private static final String TOKEN_PREFIX = "stub-page-";

    private final List<Datum> data = new CopyOnWriteArrayList<>();
    private volatile int pageLimit = Integer.MAX_VALUE;

    boolean handles(AwsCall call) {
        return "cloudwatch".equals(call.service()) && "GetMetricData".equals(call.operation());
    }

    /** Records what PutMetricData stores; the call itself goes on to the emulator. */
    void observe(AwsRequest request) {
        if ("cloudwatch".equals(request.service()) && "PutMetricData".equals(request.operation())) {
            record(request);
        }
    }

    /** At most this many data points a page, as if CloudWatch cut the answer there. */
    void limitPage(int datapoints) {
        pageLimit = datapoints;
    }

    void clear() {
        data.clear();
        pageLimit = Integer.MAX_VALUE;
    }

    private void record(AwsRequest request) {
        Map<String, String> p = request.params();
        String namespace = p.get("Namespace");
        for (int i = 1; p.containsKey("MetricData.member." + i + ".MetricName"); i++) {
            String m = "MetricData.member." + i + ".";
            Instant at = p.containsKey(m + "Timestamp") ? Instant.parse(p.get(m + "Timestamp")) : Instant.now();
            double sum;
            double count;
            double min;
            double max;
            if (p.containsKey(m + "Value")) {
                sum = min = max = Double.parseDouble(p.get(m + "Value"));
                count = 1;
            } else if (p.containsKey(m + "StatisticValues.Sum")) {
                sum = Double.parseDouble(p.get(m + "StatisticValues.Sum"));
                count = Double.parseDouble(p.get(m + "StatisticValues.SampleCount"));
                min = Double.parseDouble(p.get(m + "StatisticValues.Minimum"));
                max = Double.parseDouble(p.get(m + "StatisticValues.Maximum"));
            } else {
                sum = count = 0;
                min = Double.MAX_VALUE;
                max = -Double.MAX_VALUE;
                for (int k = 1; p.containsKey(m + "Values.member." + k); k++) {
                    double v = Double.parseDouble(p.get(m + "Values.member." + k));
                    double c = Double.parseDouble(p.getOrDefault(m + "Counts.member." + k, "1"));
                    sum += v * c;
                    count += c;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            data.add(new Datum(request.region(), namespace, p.get(m + "MetricName"), dimensions(p, m + "Dimensions"),
                    at, sum, count, min, max));
        }
    }

    ResponseDefinition answer(AwsRequest request) {
        Map<String, String> p = request.params();
        List<Query> queries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 1; p.containsKey("MetricDataQueries.member." + i + ".Id"); i++) {
            String q = "MetricDataQueries.member." + i + ".";
            String id = p.get(q + "Id");
            if (!QUERY_ID.matcher(id).matches()) {
                return invalid("The value " + id + " for parameter MetricDataQueries.member." + i
                        + ".Id is not valid: it must start with a lower-case letter");
            }
            if (!ids.add(id)) {
                return invalid("The value " + id + " for parameter MetricDataQueries.member." + i + ".Id is not unique.");
            }
            if (!p.containsKey(q + "MetricStat.Metric.MetricName")) {
                return invalid("The test stub answers MetricStat queries only (query " + id + ")");
            }
            String stat = p.get(q + "MetricStat.Stat");
            if (!STATS.contains(stat)) {
                return invalid("The test stub does not compute the statistic " + stat);
            }
            queries.add(new Query(id, p.get(q + "Label"), p.get(q + "MetricStat.Metric.Namespace"),
                    p.get(q + "MetricStat.Metric.MetricName"), dimensions(p, q + "MetricStat.Metric.Dimensions"),
                    Integer.parseInt(p.get(q + "MetricStat.Period")), stat));
        }
        if (queries.isEmpty()) {
            return AwsWireFormat.error("cloudwatch", 400, "MissingParameter",
                    "The parameter MetricDataQueries is required.");
        }
        if (queries.size() > MAX_QUERIES) {
            return invalid("The collection MetricDataQueries must not contain more than " + MAX_QUERIES + " items.");
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(p.get("StartTime"));
            end = Instant.parse(p.get("EndTime"));
        } catch (DateTimeParseException | NullPointerException e) {
            return AwsWireFormat.error("cloudwatch", 400, "MissingParameter", "StartTime and EndTime are required.");
        }
        if (!start.isBefore(end)) {
            return invalid("The parameter StartTime must be less than the parameter EndTime.");
        }
        int offset = 0;
        String token = p.get("NextToken");
        if (token != null) {
            if (!token.startsWith(TOKEN_PREFIX)) {
                return AwsWireFormat.error("cloudwatch", 400, "InvalidNextToken", "The service couldn't process the NextToken.");
            }
            offset = Integer.parseInt(token.substring(TOKEN_PREFIX.length()));
        }
        int limit = Math.min(pageLimit, p.containsKey("MaxDatapoints") ? Integer.parseInt(p.get("MaxDatapoints"))
                : DEFAULT_MAX_DATAPOINTS);
        boolean descending = !"TimestampAscending".equals(p.get("ScanBy"));

        List<List<Point>> points = new ArrayList<>();
        int total = 0;
        for (Query q : queries) {
            List<Point> qp = points(q, request.region(), start, end, descending);
            points.add(qp);
            total += qp.size();
        }
        int pageEnd = Math.min(total, offset + limit);
        StringBuilder xml = new StringBuilder("<MetricDataResults>");
        int s = 0;
        for (int i = 0; i < queries.size(); i++) {
            int e = s + points.get(i).size();
            boolean onPage = e > s ? e > offset && s < pageEnd : s >= offset && (s < pageEnd || pageEnd == total);
            if (onPage) {
                Query q = queries.get(i);
                List<Point> slice = points.get(i).subList(Math.max(0, offset - s), Math.min(e, pageEnd) - s);
                xml.append("<member><Id>").append(AwsWireFormat.xml(q.id)).append("</Id><Label>")
                        .append(AwsWireFormat.xml(q.label == null ? q.metric : q.label)).append("</Label><StatusCode>")
                        .append(e <= pageEnd ? "Complete" : "PartialData").append("</StatusCode><Timestamps>");
                slice.forEach(pt -> xml.append("<member>").append(pt.at).append("</member>"));
                xml.append("</Timestamps><Values>");
                slice.forEach(pt -> xml.append("<member>").append(pt.value).append("</member>"));
                xml.append("</Values></member>");
            }
            s = e;
        }
        xml.append("</MetricDataResults>");
        if (pageEnd < total) {
            xml.append("<NextToken>").append(TOKEN_PREFIX).append(pageEnd).append("</NextToken>");
        }
        xml.append("<Messages/>");
        return AwsWireFormat.querySuccess("GetMetricData", NAMESPACE, xml.toString());
    }

    private List<Point> points(Query q, String region, Instant start, Instant end, boolean descending) {
        List<Point> out = new ArrayList<>();
        if (!periodAllowed(q.period, start)) {
            return out; // CloudWatch answers such a query with no data points, not an error
        }
        Map<Instant, List<Datum>> buckets = new TreeMap<>();
        for (Datum d : data) {
            if (d.region.equals(region) && d.namespace.equals(q.namespace) && d.name.equals(q.metric)
                    && d.dimensions.equals(q.dimensions) && !d.at.isBefore(start) && d.at.isBefore(end)) {
                long k = Duration.between(start, d.at).toSeconds() / q.period;
                buckets.computeIfAbsent(start.plusSeconds(k * q.period), b -> new ArrayList<>()).add(d);
            }
        }
        buckets.forEach((at, ds) -> out.add(new Point(at, statistic(q.stat, ds))));
        if (descending) {
            Collections.reverse(out);
        }
        return out;
    }

    /** CloudWatch's rules for periods over older data (GetMetricData, MetricStat.Period). */
    private static boolean periodAllowed(int period, Instant start) {
        Duration age = Duration.between(start, Instant.now());
        if (period <= 0 || (period >= 60 && period % 60 != 0) || (period < 60 && !Set.of(1, 5, 10, 20, 30).contains(period))) {
            return false;
        }
        if (age.compareTo(Duration.ofDays(63)) > 0) {
            return period % 3600 == 0;
        }
        if (age.compareTo(Duration.ofDays(15)) > 0) {
            return period % 300 == 0;
        }
        return age.compareTo(Duration.ofHours(3)) <= 0 || period % 60 == 0;
    }

    private static double statistic(String stat, List<Datum> ds) {
        double sum = ds.stream().mapToDouble(d -> d.sum).sum();
        double count = ds.stream().mapToDouble(d -> d.count).sum();
        return switch (stat) {
            case "Sum" -> sum;
            case "SampleCount" -> count;
            case "Average" -> sum / count;
            case "Minimum" -> ds.stream().mapToDouble(d -> d.min).min().orElse(0);
            default -> ds.stream().mapToDouble(d -> d.max).max().orElse(0);
        };
    }

    private static Map<String, String> dimensions(Map<String, String> p, String prefix) {
        Map<String, String> out = new TreeMap<>();
        for (int j = 1; p.containsKey(prefix + ".member." + j + ".Name"); j++) {
            out.put(p.get(prefix + ".member." + j + ".Name"), p.get(prefix + ".member." + j + ".Value"));
        }
        return out;
    }

    private static ResponseDefinition invalid(String message) {
        return AwsWireFormat.error("cloudwatch", 400, "ValidationError", message);
    }

    private record Datum(String region, String namespace, String name, Map<String, String> dimensions, Instant at,
            double sum, double count, double min, double max) {}

    private record Query(String id, String label, String namespace, String metric, Map<String, String> dimensions,
            int period, String stat) {}

    private record Point(Instant at, double value) {}
}
