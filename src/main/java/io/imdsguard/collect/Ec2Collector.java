package io.imdsguard.collect;

import io.imdsguard.inventory.Gateway;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.NatGateway;
import io.imdsguard.inventory.NetworkAcl;
import io.imdsguard.inventory.PrefixList;
import io.imdsguard.inventory.RouteTable;
import io.imdsguard.inventory.SecurityGroup;
import io.imdsguard.inventory.Subnet;
import io.imdsguard.inventory.Vpc;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Address;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads one region's EC2 instances and network with bulk, paginated calls only (no call per
 * instance). Each call that fails leaves its list empty and records a gap.
 */
final class Ec2Collector {
    static final String SERVICE = "ec2";
    /** The largest page DescribeInstances allows: fewest round trips on big fleets. */
    private static final int INSTANCE_PAGE = 1000;

    private final Ec2Client ec2;
    private final AwsCalls calls;
    private final String account;

    Ec2Collector(Ec2Client ec2, AwsCalls calls, String account) {
        this.ec2 = ec2;
        this.calls = calls;
        this.account = account;
    }

    Ec2Inventory collect() {
        ImdsDefaults defaults = calls.call("GetInstanceMetadataDefaults",
                () -> InstanceMapping.imdsDefaults(ec2.getInstanceMetadataDefaults(r -> { }))).orElse(null);
        Map<String, InstanceMapping.ElasticIp> allocations =
                calls.call("DescribeAddresses", this::elasticIpAllocations).orElse(Map.of());
        List<Instance> instances = list("DescribeInstances", () -> ec2
                .describeInstancesPaginator(r -> r.maxResults(INSTANCE_PAGE)).reservations().stream()
                .flatMap(res -> res.instances().stream())
                .map(i -> InstanceMapping.instance(i, account, calls.region(), allocations)),
                Instance::instanceId);
        List<Vpc> vpcs = list("DescribeVpcs",
                () -> ec2.describeVpcsPaginator(r -> { }).vpcs().stream().map(NetworkMapping::vpc), Vpc::vpcId);
        List<Subnet> subnets = list("DescribeSubnets",
                () -> ec2.describeSubnetsPaginator(r -> { }).subnets().stream().map(NetworkMapping::subnet),
                Subnet::subnetId);
        List<RouteTable> routeTables = list("DescribeRouteTables",
                () -> ec2.describeRouteTablesPaginator(r -> { }).routeTables().stream().map(NetworkMapping::routeTable),
                RouteTable::routeTableId);
        List<NetworkAcl> acls = list("DescribeNetworkAcls",
                () -> ec2.describeNetworkAclsPaginator(r -> { }).networkAcls().stream().map(NetworkMapping::networkAcl),
                NetworkAcl::networkAclId);
        List<SecurityGroup> groups = list("DescribeSecurityGroups",
                () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups().stream()
                        .map(NetworkMapping::securityGroup), SecurityGroup::groupId);
        List<Gateway> gateways = new ArrayList<>(list("DescribeInternetGateways",
                () -> ec2.describeInternetGatewaysPaginator(r -> { }).internetGateways().stream()
                        .map(NetworkMapping::internetGateway), Gateway::gatewayId));
        gateways.addAll(list("DescribeEgressOnlyInternetGateways",
                () -> ec2.describeEgressOnlyInternetGatewaysPaginator(r -> { }).egressOnlyInternetGateways().stream()
                        .map(NetworkMapping::egressOnlyGateway), Gateway::gatewayId));
        gateways.sort(Comparator.comparing(Gateway::gatewayId));
        List<NatGateway> nats = list("DescribeNatGateways",
                () -> ec2.describeNatGatewaysPaginator(r -> { }).natGateways().stream().map(NetworkMapping::natGateway),
                NatGateway::natGatewayId);
        List<PrefixList> prefixLists = prefixLists(referencedPrefixLists(groups, routeTables));
        return new Ec2Inventory(defaults, instances, vpcs, subnets, routeTables, acls, groups, gateways, nats,
                prefixLists);
    }

    private Map<String, InstanceMapping.ElasticIp> elasticIpAllocations() {
        Map<String, InstanceMapping.ElasticIp> out = new HashMap<>();
        for (Address a : ec2.describeAddresses(r -> { }).addresses()) {
            if (a.networkInterfaceId() != null && a.privateIpAddress() != null && a.allocationId() != null) {
                out.put(InstanceMapping.addressKey(a.networkInterfaceId(), a.privateIpAddress()),
                        new InstanceMapping.ElasticIp(a.allocationId(), a.publicIp()));
            }
        }
        return out;
    }

    /**
     * Only the prefix lists that security groups or routes name: listing every AWS-managed list
     * and its entries would cost a call per list for lists nothing here uses.
     */
    private static Set<String> referencedPrefixLists(List<SecurityGroup> groups, List<RouteTable> routeTables) {
        Set<String> ids = new TreeSet<>();
        groups.stream().flatMap(g -> Stream.concat(g.ingress().stream(), g.egress().stream()))
                .forEach(rule -> ids.addAll(rule.prefixListIds()));
        routeTables.stream().flatMap(t -> t.routes().stream())
                .map(r -> r.destinationPrefixListId()).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    private List<PrefixList> prefixLists(Set<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // A filter, not PrefixListIds: a list deleted since the groups were read must not fail the whole call.
        List<ManagedPrefixList> lists = calls.call("DescribeManagedPrefixLists", () -> ec2
                .describeManagedPrefixListsPaginator(r -> r.filters(Filter.builder()
                        .name("prefix-list-id").values(ids).build()))
                .prefixLists().stream().toList()).orElse(List.of());
        List<PrefixList> out = new ArrayList<>();
        for (ManagedPrefixList list : lists) {
            List<PrefixListEntry> entries = calls.callIfExists("GetManagedPrefixListEntries", () -> ec2
                    .getManagedPrefixListEntriesPaginator(r -> r.prefixListId(list.prefixListId()))
                    .entries().stream().toList()).orElse(null);
            if (entries != null) {
                out.add(NetworkMapping.prefixList(list, entries));
            }
        }
        out.sort(Comparator.comparing(PrefixList::prefixListId));
        return out;
    }

    /** One paginated listing, sorted by id; empty (with a gap) if any page fails. */
    private <T> List<T> list(String operation, Supplier<Stream<T>> call, Function<T, String> id) {
        return calls.call(operation, () -> call.get().sorted(Comparator.comparing(id)).toList()).orElse(List.of());
    }
}
