package io.imdsguard.usage;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.collect.AccountContext;
import io.imdsguard.collect.AccountPlanner;
import io.imdsguard.collect.CollectProgress;
import io.imdsguard.collect.CollectionFailedException;
import io.imdsguard.collect.ErrorText;
import io.imdsguard.collect.Gaps;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import software.amazon.awssdk.core.exception.SdkException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the IMDSv1 usage of every instance of the selection. The accounts and their regions are resolved
 * as {@code collect} resolves them ({@link AccountPlanner}: the caller's account failing is fatal, a member
 * account whose role cannot be assumed is a gap); after that a failing call costs only its region's
 * counts, as a gap, and the other regions are kept.
 */
public final class UsageReader {
    /** The gaps' service name for CloudWatch, as IAM names it. */
    public static final String CLOUDWATCH = "cloudwatch";
    public static final String GET_METRIC_DATA = "GetMetricData";
    /** Regions are read concurrently by default: each is a handful of calls, mostly waiting on the network. */
    private static final int DEFAULT_THREADS = 8;

    private final AwsClients clients;
    private final Clock clock;
    private final int threads;

    public UsageReader(AwsClients clients, Clock clock) {
        this(clients, clock, DEFAULT_THREADS);
    }

    /** @param threads (account, region) units read at once, and member accounts set up at once */
    public UsageReader(AwsClients clients, Clock clock, int threads) {
        this.clients = clients;
        this.clock = clock;
        this.threads = threads;
    }

    /** One region of one account, read with that account's clients. */
    private record Unit(String account, String region, AwsClients clients) {
    }

    /**
     * @param progress told of each region as it finishes
     * @throws CollectionFailedException AWS could not be reached, or the caller's account or its regions not
     *                                   read (an {@link io.imdsguard.collect.UnknownRegionException} for a region
     *                                   not enabled)
     */
    public UsageResult read(UsageRequest request, CollectProgress progress)
            throws CollectionFailedException, InterruptedException {
        UsageWindow window = UsageWindow.lastDays(request.days(), clock);
        Gaps gaps = new Gaps();
        try (AccountPlanner planner = new AccountPlanner(clients, threads)) {
            // 1. Who and where, exactly as a collection decides it.
            String caller = new AccountContext(clients).accountId();
            AccountPlanner.Plan plan = planner.plan(request.regions(), caller, gaps);
            boolean labelAccounts = !request.regions().singleAccount();

            // 2. Each (account, region) on its own: list its instances, then ask CloudWatch about them in batches.
            List<Unit> units = new ArrayList<>();
            plan.targets().forEach(t -> t.regions().forEach(r -> units.add(new Unit(t.account(), r, t.clients()))));
            List<Callable<List<InstanceUsage>>> tasks = new ArrayList<>();
            for (Unit unit : units) {
                tasks.add(() -> {
                    List<InstanceUsage> found = readRegion(unit, window, request.instanceIds(), gaps);
                    progress.finished("usage " + (labelAccounts ? unit.account() + " " : "") + unit.region());
                    return found;
                });
            }
            progress.started(tasks.size());
            List<InstanceUsage> instances = runAll(tasks, units, gaps);

            // 3. Assemble: ids asked for that no region listed are named, not silently dropped.
            Set<String> listed = new TreeSet<>();
            instances.forEach(u -> listed.add(u.instanceId()));
            List<String> notFound = request.instanceIds().stream().filter(id -> !listed.contains(id)).sorted().toList();
            return new UsageResult(plan.accounts(), plan.regions(), window, instances, gaps.sorted(), notFound);
        }
    }

    private static List<InstanceUsage> readRegion(Unit unit, UsageWindow window, List<String> ids, Gaps gaps) {
        String account = unit.account();
        String region = unit.region();
        List<InstanceUsage> listed;
        try {
            listed = new InstanceLister(unit.clients().ec2(region)).list(account, region, ids);
        } catch (RuntimeException e) {
            gaps.add(new CollectionGap(account, region, AwsApi.EC2, AwsApi.DESCRIBE_INSTANCES, errorText(e)));
            return List.of();
        }
        MetricReader metrics = new MetricReader(unit.clients().cloudwatch(region), window);
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
    private List<InstanceUsage> runAll(List<Callable<List<InstanceUsage>>> tasks, List<Unit> units, Gaps gaps)
            throws InterruptedException {
        if (tasks.isEmpty()) {
            return List.of();
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
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
                    Unit unit = units.get(i);
                    gaps.add(new CollectionGap(unit.account(), unit.region(), CLOUDWATCH, AwsApi.WHOLE_SERVICE,
                            "InternalError: " + ErrorText.of(e.getCause())));
                }
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
