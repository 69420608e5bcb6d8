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
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Collects a {@link Snapshot}: every service in every selected (account, region) unit of this shard, and each
 * account's account-wide services, concurrently on one bounded pool. A call that fails becomes a gap and the
 * rest goes on, and so does a member account that cannot be read ({@link AccountPlanner}); only failing to
 * identify the caller's account or its regions, or to list the Organization, aborts the run.
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
        Gaps gaps = new Gaps();
        try (AccountPlanner planner = new AccountPlanner(clients, threads)) {
            // 1. Who and where: fatal if the caller's own account or regions cannot be read; a member account
            //    that cannot be read is a gap.
            String caller = new AccountContext(clients).accountId();
            AccountPlanner.Plan plan = planner.plan(request, caller, gaps);

            // 2. Every service of every (account, region) unit, and each account's global ones, as independent
            //    tasks on one pool.
            boolean labelAccounts = !request.singleAccount();
            List<Task<?>> tasks = new ArrayList<>();
            List<AccountTasks> perAccount = new ArrayList<>();
            for (AccountPlanner.Target target : plan.targets()) {
                AccountTasks at = accountTasks(target, gaps, labelAccounts ? target.account() + " " : "");
                perAccount.add(at);
                // Global tasks first: IAM is the slowest single call in most accounts.
                tasks.add(at.iam);
                tasks.add(at.s3);
                at.regions.forEach(rt -> tasks.addAll(List.of(rt.ec2, rt.elb, rt.classicElb, rt.waf)));
            }
            Task<OrganizationPoliciesCollector.Result> orgPolicies = organizationPolicies(request, caller, plan, gaps);
            if (orgPolicies != null) {
                tasks.add(0, orgPolicies);
            }
            if (!tasks.isEmpty()) {
                run(globalFirst(tasks), threads, progress);
            }

            // 3. Assemble, deterministically ordered (accounts and regions sorted).
            List<RegionInventory> inventories = new ArrayList<>();
            List<AccountInventory> accountInventories = new ArrayList<>();
            for (AccountTasks at : perAccount) {
                at.regions.forEach(rt -> inventories.add(rt.inventory(at.account)));
                IamInventory iamResult = at.iam.result();
                AccountInventory account = new AccountInventory(at.account, iamResult.roles(),
                        iamResult.instanceProfiles(), iamResult.managedPolicies(), at.s3.result());
                accountInventories.add(orgPolicies == null ? account : orgPolicies.result().apply(account));
            }
            if (orgPolicies != null) {
                orgPolicies.result().gaps().forEach(gaps::add);
            }
            Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, started, plan.accounts(), plan.regions(),
                    accountInventories, inventories, gaps.sorted(),
                    request.shard().whole() ? null : request.shard().toString());
            Duration elapsed = Duration.between(started, clock.instant());
            return new CollectionResult(snapshot, clients.counter().byOperation(),
                    clients.counter().total() - callsBefore, elapsed);
        }
    }

    /**
     * In an Organization scan, the SCPs and RCPs on the path of each account this run collects, read once with
     * the caller's (management or delegated administrator) credentials; null for any other run.
     */
    private Task<OrganizationPoliciesCollector.Result> organizationPolicies(CollectRequest request, String caller,
                                                                          AccountPlanner.Plan plan, Gaps gaps) {
        if (!request.accounts().org() || plan.targets().isEmpty()) {
            return null;
        }
        List<String> accounts = plan.targets().stream().map(AccountPlanner.Target::account).toList();
        return new Task<>("organizations", caller, GLOBAL, AwsApi.ORGANIZATIONS, gaps,
                new OrganizationPoliciesCollector.Result(null, Map.of(), List.of()),
                () -> OrganizationPoliciesCollector.collect(clients.organizations(), accounts));
    }

    /** Every account's IAM and S3 before any region's tasks, as a single-account run has always ordered them. */
    private static List<Task<?>> globalFirst(List<Task<?>> tasks) {
        List<Task<?>> ordered = new ArrayList<>();
        tasks.stream().filter(t -> GLOBAL.equals(t.region)).forEach(ordered::add);
        tasks.stream().filter(t -> !GLOBAL.equals(t.region)).forEach(ordered::add);
        return ordered;
    }

    private static AccountTasks accountTasks(AccountPlanner.Target target, Gaps gaps, String prefix) {
        AwsClients c = target.clients();
        String account = target.account();
        List<RegionTasks> regions = new ArrayList<>();
        for (String region : target.regions()) {
            regions.add(new RegionTasks(region,
                    new Task<>(prefix + "ec2 " + region, account, region, Ec2Collector.SERVICE, gaps,
                            Ec2Inventory.EMPTY,
                            () -> new Ec2Collector(c.ec2(region),
                                    new AwsCalls(account, region, Ec2Collector.SERVICE, gaps), account).collect()),
                    new Task<>(prefix + "elbv2 " + region, account, region, ElbCollector.SERVICE, gaps,
                            ElbInventory.EMPTY, () -> elbCollector(c, region, account, gaps).collectV2()),
                    new Task<>(prefix + "elb " + region, account, region, ElbCollector.CLASSIC_SERVICE, gaps,
                            List.<ClassicLoadBalancer>of(),
                            () -> elbCollector(c, region, account, gaps).collectClassic()),
                    new Task<>(prefix + "wafv2 " + region, account, region, WafCollector.SERVICE, gaps,
                            List.<WebAcl>of(), () -> new WafCollector(c.wafv2(region),
                                    new AwsCalls(account, region, WafCollector.SERVICE, gaps)).collect())));
        }
        Task<IamInventory> iam = new Task<>(prefix + "iam", account, GLOBAL, IamCollector.SERVICE, gaps,
                IamInventory.EMPTY, () -> new IamCollector(c.iam(),
                        new AwsCalls(account, GLOBAL, IamCollector.SERVICE, gaps), gaps, account).collect());
        Task<List<Bucket>> s3 = new Task<>(prefix + "s3", account, GLOBAL, S3Collector.SERVICE, gaps,
                List.<Bucket>of(), () -> new S3Collector(c.s3(),
                        new AwsCalls(account, GLOBAL, S3Collector.SERVICE, gaps)).collect());
        return new AccountTasks(account, regions, iam, s3);
    }

    /** One account's tasks: its regions' and its global ones (IAM, S3), collected once per account. */
    private record AccountTasks(String account, List<RegionTasks> regions, Task<IamInventory> iam,
                                Task<List<Bucket>> s3) {
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

    private static ElbCollector elbCollector(AwsClients clients, String region, String account, Gaps gaps) {
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
