package io.imdsguard.usage;

import io.imdsguard.inventory.CollectionGap;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of one {@code usage} run.
 *
 * @param accounts  every account selected, those read and those that could not be (with their gaps)
 * @param instances heaviest IMDSv1 users first ({@link #HEAVIEST_FIRST})
 * @param gaps      calls that failed; the instances they cost are in {@code instances} unread
 * @param notFound  ids asked for with {@code --instance-ids} that no selected region listed
 */
public record UsageResult(List<String> accounts, List<String> regions, UsageWindow window, List<InstanceUsage> instances,
                          List<CollectionGap> gaps, List<String> notFound) {
    /**
     * Most IMDSv1 calls first, then most rejected; then zero calls, then no data, then unread: the
     * instances that would break first under enforcement head the list.
     */
    public static final Comparator<InstanceUsage> HEAVIEST_FIRST = Comparator
            .comparingLong((InstanceUsage u) -> rank(u.read(), u.calls())).reversed()
            .thenComparing(Comparator.comparingLong((InstanceUsage u) -> rank(u.read(), u.rejected())).reversed())
            .thenComparing(InstanceUsage::account)
            .thenComparing(InstanceUsage::region)
            .thenComparing(InstanceUsage::instanceId);

    public UsageResult {
        accounts = List.copyOf(accounts);
        regions = List.copyOf(regions);
        instances = instances.stream().sorted(HEAVIEST_FIRST).toList();
        gaps = List.copyOf(gaps);
        notFound = List.copyOf(notFound);
    }

    public boolean complete() {
        return gaps.isEmpty();
    }

    /** Instances CloudWatch saw make at least one IMDSv1 call. */
    public long calledImdsV1() {
        return instances.stream().filter(u -> u.calls() != null && u.calls() > 0).count();
    }

    /** Instances with at least one call refused because IMDSv1 is off. */
    public long hadRejected() {
        return instances.stream().filter(u -> u.rejected() != null && u.rejected() > 0).count();
    }

    /** Instances read whose metrics have no data point at all in the window. */
    public long noData() {
        return instances.stream().filter(u -> u.read() && u.calls() == null && u.rejected() == null).count();
    }

    public long unread() {
        return instances.stream().filter(u -> !u.read()).count();
    }

    private static long rank(boolean read, Long value) {
        return !read ? -2 : value == null ? -1 : value;
    }
}
