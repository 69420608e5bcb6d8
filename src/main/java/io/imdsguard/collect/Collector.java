package io.imdsguard.collect;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.Bucket;
import io.imdsguard.inventory.ClassicLoadBalancer;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.WebAcl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Collects a {@link Snapshot}: every service in every selected region, and the account-wide
 * services, concurrently on a bounded pool. A call that fails becomes a gap and the rest goes on;
 * only failing to identify the account or its regions aborts the run.
 */
public final class Collector {
    /** Enough to overlap network waits across regions without tripping account-wide throttling. */
    public static final int DEFAULT_THREADS = 8;
    static final String GLOBAL = AwsApi.GLOBAL_REGION;

    private final AwsClients clients;
    private final int threads;
    private final Clock clock;

    public Collector(AwsClients clients) {
        this(clients, DEFAULT_THREADS, Clock.systemUTC());
    }

    public Collector(AwsClients clients, int threads, Clock clock) {
        this.clients = clients;
        this.threads = Math.max(1, threads);
        this.clock = clock;
    }

    /**
     * Runs the collection.
     *
     * @throws UnknownRegionException    a requested region is not enabled in the account
     * @throws CollectionFailedException AWS could not be reached, or the account or regions not read
     */
    public CollectionResult collect(CollectRequest request, CollectProgress progress)
            throws CollectionFailedException, InterruptedException {
        Instant started = clock.instant();
        long callsBefore = clients.counter().total();
        // 1. Who and where: fatal if these fail.
        AccountContext context = new AccountContext(clients);
        String account = context.accountId();
        List<String> regions = context.regions(request);

        // 2. Every service of every region, and the global ones, as independent tasks.
        Gaps gaps = new Gaps();
        List<Task<?>> tasks = new ArrayList<>();
        List<RegionTasks> perRegion = new ArrayList<>();
        for (String region : regions) {
            RegionTasks rt = new RegionTasks(region,
                    new Task<>("ec2 " + region, account, region, Ec2Collector.SERVICE, gaps, Ec2Inventory.EMPTY,
                            () -> new Ec2Collector(clients.ec2(region),
                                    new AwsCalls(account, region, Ec2Collector.SERVICE, gaps), account).collect()),
                    new Task<>("elbv2 " + region, account, region, ElbCollector.SERVICE, gaps, ElbInventory.EMPTY,
                            () -> elbCollector(region, account, gaps).collectV2()),
                    new Task<>("elb " + region, account, region, ElbCollector.CLASSIC_SERVICE, gaps,
                            List.<ClassicLoadBalancer>of(), () -> elbCollector(region, account, gaps).collectClassic()),
                    new Task<>("wafv2 " + region, account, region, WafCollector.SERVICE, gaps, List.<WebAcl>of(),
                            () -> new WafCollector(clients.wafv2(region),
                                    new AwsCalls(account, region, WafCollector.SERVICE, gaps)).collect()));
            perRegion.add(rt);
            tasks.addAll(List.of(rt.ec2, rt.elb, rt.classicElb, rt.waf));
        }
        Task<IamInventory> iam = new Task<>("iam", account, GLOBAL, IamCollector.SERVICE, gaps, IamInventory.EMPTY,
                () -> new IamCollector(clients.iam(), new AwsCalls(account, GLOBAL, IamCollector.SERVICE, gaps),
                        gaps, account).collect());
        Task<List<Bucket>> s3 = new Task<>("s3", account, GLOBAL, S3Collector.SERVICE, gaps, List.<Bucket>of(),
                () -> new S3Collector(clients.s3(), new AwsCalls(account, GLOBAL, S3Collector.SERVICE, gaps)).collect());
        // Global tasks first: IAM is the slowest single call in most accounts.
        tasks.add(0, iam);
        tasks.add(1, s3);
        run(tasks, threads, progress);

        // 3. Assemble, deterministically ordered.
        List<RegionInventory> inventories = perRegion.stream().map(rt -> rt.inventory(account)).toList();
        IamInventory iamResult = iam.result();
        AccountInventory accountInventory = new AccountInventory(account, iamResult.roles(),
                iamResult.instanceProfiles(), iamResult.managedPolicies(), s3.result());
        List<CollectionGap> sortedGaps = gaps.sorted();
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, started, List.of(account), regions,
                List.of(accountInventory), inventories, sortedGaps);
        Duration elapsed = Duration.between(started, clock.instant());
        return new CollectionResult(snapshot, clients.counter().byOperation(),
                clients.counter().total() - callsBefore, elapsed);
    }

    /**
     * Runs the tasks on a bounded pool and waits for all of them. A task that dies of an Error (which
     * {@link Task#run} does not catch) still leaves a gap, so the snapshot never looks complete without being so.
     */
    static void run(List<Task<?>> tasks, int threads, CollectProgress progress) throws InterruptedException {
        progress.started(tasks.size());
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "imdsguard-collect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    task.run();
                    progress.finished(task.label);
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get();
                } catch (ExecutionException e) {
                    // An Error out of the collector (OutOfMemoryError, NoClassDefFoundError, ...), or a
                    // failing progress callback after the task had finished.
                    tasks.get(i).failed(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private ElbCollector elbCollector(String region, String account, Gaps gaps) {
        return new ElbCollector(clients.elbv2(region), clients.elb(region),
                new AwsCalls(account, region, ElbCollector.SERVICE, gaps),
                new AwsCalls(account, region, ElbCollector.CLASSIC_SERVICE, gaps));
    }

    /**
     * The regional tasks of one region, whose results make one {@link RegionInventory}. ELBv2 and
     * classic ELB are separate APIs, so separate tasks: one failing outright costs the other nothing.
     */
    private record RegionTasks(String region, Task<Ec2Inventory> ec2, Task<ElbInventory> elb,
                               Task<List<ClassicLoadBalancer>> classicElb, Task<List<WebAcl>> waf) {
        RegionInventory inventory(String account) {
            Ec2Inventory e = ec2.result();
            ElbInventory l = elb.result();
            return new RegionInventory(account, region, e.imdsDefaults(), e.instances(), e.vpcs(), e.subnets(),
                    e.routeTables(), e.networkAcls(), e.securityGroups(), e.gateways(), e.natGateways(),
                    e.prefixLists(), l.loadBalancers(), l.targetGroups(), classicElb.result(), waf.result());
        }
    }

    /**
     * One collector run. A bug or unexpected data in a collector must not cost the other regions
     * their results, so anything it throws becomes a gap for that service and region.
     */
    static final class Task<T> {
        private final String label;
        private final String account;
        private final String region;
        private final String service;
        private final Gaps gaps;
        private final Supplier<T> work;
        private volatile T result;
        private volatile boolean finished;

        Task(String label, String account, String region, String service, Gaps gaps, T empty, Supplier<T> work) {
            this.label = label;
            this.account = account;
            this.region = region;
            this.service = service;
            this.gaps = gaps;
            this.work = work;
            this.result = empty;
        }

        void run() {
            try {
                result = work.get();
            } catch (RuntimeException e) {
                gap(e);
            }
            finished = true;
        }

        /**
         * The task's thread ended with {@code cause}. If the task had not finished, its result is
         * missing and that is a gap; if it had, only the progress display failed and the data is whole.
         */
        void failed(Throwable cause) {
            if (!finished) {
                gap(cause);
            }
        }

        private void gap(Throwable cause) {
            gaps.add(new CollectionGap(account, region, service, AwsApi.WHOLE_SERVICE, ErrorText.of(cause)));
        }

        T result() {
            return result;
        }
    }
}
