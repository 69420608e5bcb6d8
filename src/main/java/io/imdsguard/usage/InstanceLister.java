package io.imdsguard.usage;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * One region's instances, from the bulk paginated DescribeInstances (never a call per instance).
 * Instances that exist or may run again count: pending, running, stopping and stopped. Shutting-down
 * and terminated ones are gone and cannot be enforced on.
 */
final class InstanceLister {
    /** The largest page DescribeInstances allows. */
    static final int PAGE = 1000;
    static final List<String> STATES = List.of("pending", "running", "stopping", "stopped");
    /** EC2 takes at most 200 values in one filter. */
    private static final int FILTER_VALUES = 200;

    private final Ec2Client ec2;

    InstanceLister(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * @param onlyIds empty for every instance. Given as a filter, not as InstanceIds: that parameter
     *                fails the whole call on an id that is in another region.
     */
    List<InstanceUsage> list(String account, String region, List<String> onlyIds) {
        List<InstanceUsage> out = new ArrayList<>();
        if (onlyIds.isEmpty()) {
            page(account, region, null, out);
        } else {
            for (int i = 0; i < onlyIds.size(); i += FILTER_VALUES) {
                page(account, region, onlyIds.subList(i, Math.min(onlyIds.size(), i + FILTER_VALUES)), out);
            }
        }
        return out;
    }

    private void page(String account, String region, List<String> ids, List<InstanceUsage> out) {
        List<Filter> filters = new ArrayList<>();
        filters.add(Filter.builder().name("instance-state-name").values(STATES).build());
        if (ids != null) {
            filters.add(Filter.builder().name("instance-id").values(ids).build());
        }
        ec2.describeInstancesPaginator(r -> r.maxResults(PAGE).filters(filters)).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .forEach(i -> out.add(new InstanceUsage(account, region, i.instanceId(), name(i),
                        i.state() == null ? null : i.state().nameAsString(), null)));
    }

    private static String name(Instance i) {
        return i.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
    }
}
