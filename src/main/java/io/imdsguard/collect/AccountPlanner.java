package io.imdsguard.collect;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.inventory.AwsApi;
import io.imdsguard.inventory.CollectionGap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.organizations.model.Account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Decides what a multi-account collection reads: the selected accounts (the list, or the Organization's ACTIVE
 * accounts), clients for each (the caller's own credentials for its own account, an assumed role for every
 * other), each account's regions, and this shard's share of the sorted (account, region) units. A member
 * account whose role cannot be assumed or whose regions cannot be read is a gap; the rest goes on. Owns the
 * assumed-role clients it opened: close it when the collection is done. {@code usage} plans its reads with it too.
 */
public final class AccountPlanner implements AutoCloseable {
    private final AwsClients base;
    private final int threads;
    private final List<AwsClients> opened = new CopyOnWriteArrayList<>();

    public AccountPlanner(AwsClients base, int threads) {
        this.base = base;
        this.threads = threads;
    }

    /** One account to read: its clients and the regions of it this shard collects (empty if none). */
    public record Target(String account, AwsClients clients, List<String> regions) {
    }

    /**
     * What this run collects.
     *
     * @param accounts every account the snapshot names: those with units here, and those that failed here
     * @param regions  every region of this run's units
     */
    public record Plan(List<String> accounts, List<String> regions, List<Target> targets) {
    }

    public Plan plan(CollectRequest request, String caller, Gaps gaps)
            throws CollectionFailedException, InterruptedException {
        AccountSelection selection = request.accounts();
        List<String> accounts = selection.org() ? organizationAccounts()
                : selection.callerOnly() ? List.of(caller) : selection.accounts();
        for (String account : accounts) {
            if (!account.equals(caller) && selection.role() == null) {
                throw new CollectionFailedException("account " + account + " is not the caller's own (" + caller
                        + "): name the role to assume in it with --assume-role NAME", null);
            }
        }
        // The units are dealt over every selected account, always: a shard that dealt only over the accounts it
        // touches would count positions differently from its siblings and leave units to no shard at all.
        Map<String, Discovery> found;
        Map<String, List<String>> mine;
        if (request.allRegions()) {
            // Every account's regions decide the units, so every shard discovers every account.
            found = discover(accounts, request, caller, gaps);
            mine = share(accounts, a -> found.get(a).regions(), request.shard());
        } else {
            // The units are known without a call: only the accounts with a unit in this shard are touched.
            List<String> named = request.regions().stream().sorted().toList();
            mine = share(accounts, a -> named, request.shard());
            found = discover(List.copyOf(mine.keySet()), request, caller, gaps);
        }
        List<Target> targets = new ArrayList<>();
        TreeSet<String> regions = new TreeSet<>();
        TreeSet<String> covered = new TreeSet<>(mine.keySet());
        mine.forEach((account, rs) -> {
            Discovery d = found.get(account);
            if (d.clients() != null) {
                // Named regions: those of the share; all regions: the account's own, already in the share.
                targets.add(new Target(account, d.clients(), rs));
                regions.addAll(rs);
            }
        });
        // An account that failed here is named, with its gap, so the report says it was not read.
        found.forEach((account, d) -> {
            if (d.clients() == null) {
                covered.add(account);
            }
        });
        return new Plan(List.copyOf(covered), List.copyOf(regions), targets);
    }

    /** The units of {@code shard}, grouped by account: units sorted by account then region, dealt round-robin. */
    static Map<String, List<String>> share(List<String> accounts, Function<String, List<String>> regions, Shard shard) {
        Map<String, List<String>> mine = new LinkedHashMap<>();
        int position = 0;
        for (String account : accounts.stream().sorted().toList()) {
            for (String region : regions.apply(account).stream().sorted().toList()) {
                if (shard.owns(position++)) {
                    mine.computeIfAbsent(account, a -> new ArrayList<>()).add(region);
                }
            }
        }
        return mine;
    }

    /** An account's clients and regions; a failed account has null clients and no regions. */
    private record Discovery(AwsClients clients, List<String> regions) {
    }

    private Map<String, Discovery> discover(List<String> accounts, CollectRequest request, String caller, Gaps gaps)
            throws CollectionFailedException, InterruptedException {
        Map<String, Discovery> found = new TreeMap<>();
        // The caller's own account fails the run as a single-account run does: its credentials are the ones given.
        if (accounts.contains(caller)) {
            found.put(caller, new Discovery(base, new AccountContext(base).regions(request)));
        }
        List<String> members = accounts.stream().filter(a -> !a.equals(caller)).toList();
        if (members.isEmpty()) {
            return found;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, members.size()), r -> {
            Thread t = new Thread(r, "imdsguard-accounts");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Discovery>> futures = new ArrayList<>();
            for (String account : members) {
                futures.add(pool.submit(() -> member(account, request, gaps)));
            }
            for (int i = 0; i < members.size(); i++) {
                try {
                    found.put(members.get(i), futures.get(i).get());
                } catch (ExecutionException e) {
                    gaps.add(new CollectionGap(members.get(i), AwsApi.GLOBAL_REGION, AwsApi.STS, AwsApi.ASSUME_ROLE,
                            ErrorText.of(e.getCause())));
                    found.put(members.get(i), new Discovery(null, List.of()));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return found;
    }

    private Discovery member(String account, CollectRequest request, Gaps gaps) {
        AccountSelection selection = request.accounts();
        AwsClients clients = base.assumingRole(selection.roleArn(account), selection.externalId(),
                AccountSelection.SESSION_NAME);
        opened.add(clients);
        try {
            clients.resolveCredentials();
        } catch (SdkException e) {
            gaps.add(new CollectionGap(account, AwsApi.GLOBAL_REGION, AwsApi.STS, AwsApi.ASSUME_ROLE, errorOf(e)));
            return new Discovery(null, List.of());
        }
        try {
            return new Discovery(clients, new AccountContext(clients).regions(request));
        } catch (CollectionFailedException e) {
            String error = e.getCause() == null ? "InvalidParameterValue: " + e.getMessage() : errorOf(e.getCause());
            gaps.add(new CollectionGap(account, AwsApi.GLOBAL_REGION, AwsApi.EC2, AwsApi.DESCRIBE_REGIONS, error));
            return new Discovery(null, List.of());
        }
    }

    /** The Organization's ACTIVE accounts, sorted; failing to list them fails the run (nothing to scan). */
    private List<String> organizationAccounts() throws CollectionFailedException {
        try {
            return base.organizations().listAccountsPaginator(r -> { }).stream()
                    .flatMap(page -> page.accounts().stream())
                    .filter(AccountPlanner::active).map(Account::id).sorted().toList();
        } catch (SdkException e) {
            throw new CollectionFailedException(AwsApi.ORGANIZATIONS + ":" + AwsApi.LIST_ACCOUNTS + " failed: "
                    + errorOf(e) + " (--org needs the Organization's management account or a delegated administrator)",
                    e);
        }
    }

    @SuppressWarnings("deprecation")
    private static boolean active(Account account) {
        // AWS added State beside the older Status; either says ACTIVE for an account that can be read.
        String state = account.stateAsString();
        return state != null ? "ACTIVE".equals(state) : "ACTIVE".equals(account.statusAsString());
    }

    /** AWS's own error when there is one in the chain (the credentials provider may wrap it). */
    private static String errorOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AwsServiceException service) {
                return ErrorText.of(service);
            }
        }
        return ErrorText.of(e);
    }

    @Override
    public void close() {
        opened.forEach(AwsClients::close);
        opened.clear();
    }
}
