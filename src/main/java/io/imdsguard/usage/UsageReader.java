package io.imdsguard.usage;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.collect.AccountContext;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.collect.ErrorText;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the IMDSv1 usage of every instance of the selection. The account and its regions are resolved
 * as {@code collect} resolves them (and their failure is fatal); after that a failing call costs only
 * its region's counts, as a gap, and the other regions are kept.
 */
public final class UsageReader {
    /** The gaps' service name for CloudWatch, as IAM names it. */
    public static final String CLOUDWATCH = "cloudwatch";
    public static final String GET_METRIC_DATA = "GetMetricData";
    /** Regions are read concurrently: each is a handful of calls, mostly waiting on the network. */
    private static final int THREADS = 8;

    private final AwsClients clients;
    private final Clock clock;

    public UsageReader(AwsClients clients, Clock clock) {
        this.clients = clients;
        this.clock = clock;
    }

    /**
     * @param progress told of each region as it finishes
     * @throws CollectionFailedException AWS could not be reached, or the account or its regions not read
     *                                   (an {@link io.imdsguard.collect.UnknownRegionException} for a region not enabled)
     */
    public UsageResult read(UsageRequest request, CollectProgress progress)
            throws CollectionFailedException, InterruptedException {
        // 1. Who and where, exactly as a collection decides it.
        AccountContext context = new AccountContext(clients);
        String account = context.accountId();
        List<String> regions = context.regions(request.regions());
        UsageWindow window = UsageWindow.lastDays(request.days(), clock);

        // 2. Each region on its own: list its instances, then ask CloudWatch about them in batches.
        ConcurrentLinkedQueue<CollectionGap> gaps = new ConcurrentLinkedQueue<>();
        List<Callable<List<InstanceUsage>>> tasks = new ArrayList<>();
        for (String region : regions) {
            tasks.add(() -> {
                List<InstanceUsage> found = readRegion(account, region, window, request.instanceIds(), gaps);
                progress.finished("usage " + region);
                return found;
            });
        }
        progress.started(tasks.size());
        List<InstanceUsage> instances = runAll(tasks, regions, account, gaps);

        // 3. Assemble: ids asked for that no region listed are named, not silently dropped.
        Set<String> listed = new TreeSet<>();
        instances.forEach(u -> listed.add(u.instanceId()));
        List<String> notFound = request.instanceIds().stream().filter(id -> !listed.contains(id)).sorted().toList();
        List<CollectionGap> sortedGaps = gaps.stream().sorted(Comparator.comparing(CollectionGap::region)
                .thenComparing(CollectionGap::service).thenComparing(CollectionGap::operation)).toList();
        return new UsageResult(account, regions, window, instances, sortedGaps, notFound);
    }

    private List<InstanceUsage> readRegion(String account, String region, UsageWindow window, List<String> ids,
                                           ConcurrentLinkedQueue<CollectionGap> gaps) {
        List<InstanceUsage> listed;
        try {
            listed = new InstanceLister(clients.ec2(region)).list(account, region, ids);
        } catch (RuntimeException e) {
            gaps.add(new CollectionGap(account, region, AwsApi.EC2, AwsApi.DESCRIBE_INSTANCES, errorText(e)));
            return List.of();
        }
        MetricReader metrics = new MetricReader(clients.cloudwatch(region), window);
        List<InstanceUsage> out = new ArrayList<>(listed.size());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < listed.size(); i += MetricReader.INSTANCES_PER_CALL) {
            List<InstanceUsage> batch = listed.subList(i, Math.min(listed.size(), i + MetricReader.INSTANCES_PER_CALL));
            try {
                MetricReader.Batch read = metrics.read(batch);
                out.addAll(read.instances());
                problems.addAll(read.problems());
            } catch (RuntimeException e) {
                // The same failure (AccessDenied, throttling past the retries) would meet every later batch:
                // the region's remaining instances stay unread and one gap says why.
                gaps.add(new CollectionGap(account, region, CLOUDWATCH, GET_METRIC_DATA, errorText(e)));
                out.addAll(listed.subList(i, listed.size()));
                return out;
            }
        }
        if (!problems.isEmpty()) {
            gaps.add(new CollectionGap(account, region, CLOUDWATCH, GET_METRIC_DATA, "no counts for "
                    + problems.size() + " instance" + (problems.size() == 1 ? "" : "s") + ": "
                    + String.join(", ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? ", ..." : "")));
        }
        return out;
    }

    private static String errorText(RuntimeException e) {
        // A bug or unexpected data of ours, not AWS's: the prefix tells a reader no permission will fix it.
        return e instanceof SdkException ? ErrorText.of(e) : "InternalError: " + ErrorText.of(e);
    }

    /** Runs the region tasks on a bounded pool; a task that dies of an Error is a gap for its region too. */
    private static List<InstanceUsage> runAll(List<Callable<List<InstanceUsage>>> tasks, List<String> regions,
                                              String account, ConcurrentLinkedQueue<CollectionGap> gaps)
            throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, tasks.size()), r -> {
            Thread t = new Thread(r, "imdsguard-usage-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<InstanceUsage>>> futures = pool.invokeAll(tasks);
            List<InstanceUsage> all = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    all.addAll(futures.get(i).get());
                } catch (ExecutionException e) {
                    gaps.add(new CollectionGap(account, regions.get(i), CLOUDWATCH, AwsApi.WHOLE_SERVICE,
                            "InternalError: " + ErrorText.of(e.getCause())));
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
