package io.imdsguard.collect;

import io.imdsguard.inventory.AwsApi;
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
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
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
import java.util.stream.Stream;

import static io.imdsguard.inventory.AwsApi.DESCRIBE_ADDRESSES;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_INSTANCES;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_INTERNET_GATEWAYS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_MANAGED_PREFIX_LISTS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_NAT_GATEWAYS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_NETWORK_ACLS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_ROUTE_TABLES;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_SECURITY_GROUPS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_SUBNETS;
import static io.imdsguard.inventory.AwsApi.DESCRIBE_VPCS;
import static io.imdsguard.inventory.AwsApi.GET_INSTANCE_METADATA_DEFAULTS;
import static io.imdsguard.inventory.AwsApi.GET_MANAGED_PREFIX_LIST_ENTRIES;

/**
 * Reads one region's EC2 instances and network with bulk, paginated calls only (no call per
 * instance). Each call that fails leaves its list empty and records a gap; each record that cannot be
 * mapped is left out with a gap of its own.
 */
final class Ec2Collector {
    static final String SERVICE = AwsApi.EC2;
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
        ImdsDefaults defaults = calls.call(GET_INSTANCE_METADATA_DEFAULTS,
                () -> InstanceMapping.imdsDefaults(ec2.getInstanceMetadataDefaults(r -> { }))).orElse(null);
        Map<String, InstanceMapping.ElasticIp> allocations =
                calls.call(DESCRIBE_ADDRESSES, this::elasticIpAllocations).orElse(Map.of());
        List<Instance> instances = sorted(calls.list(DESCRIBE_INSTANCES, "instance", () -> ec2
                        .describeInstancesPaginator(r -> r.maxResults(INSTANCE_PAGE)).reservations().stream()
                        .flatMap(res -> res.instances().stream()).toList(),
                software.amazon.awssdk.services.ec2.model.Instance::instanceId,
                i -> InstanceMapping.instance(i, account, calls.region(), allocations)), Instance::instanceId);
        List<Vpc> vpcs = sorted(calls.list(DESCRIBE_VPCS, "VPC",
                () -> ec2.describeVpcsPaginator(r -> { }).vpcs().stream().toList(),
                software.amazon.awssdk.services.ec2.model.Vpc::vpcId, NetworkMapping::vpc), Vpc::vpcId);
        List<Subnet> subnets = sorted(calls.list(DESCRIBE_SUBNETS, "subnet",
                () -> ec2.describeSubnetsPaginator(r -> { }).subnets().stream().toList(),
                software.amazon.awssdk.services.ec2.model.Subnet::subnetId, NetworkMapping::subnet), Subnet::subnetId);
        List<RouteTable> routeTables = sorted(calls.list(DESCRIBE_ROUTE_TABLES, "route table",
                () -> ec2.describeRouteTablesPaginator(r -> { }).routeTables().stream().toList(),
                software.amazon.awssdk.services.ec2.model.RouteTable::routeTableId, NetworkMapping::routeTable),
                RouteTable::routeTableId);
        List<NetworkAcl> acls = sorted(calls.list(DESCRIBE_NETWORK_ACLS, "network ACL",
                () -> ec2.describeNetworkAclsPaginator(r -> { }).networkAcls().stream().toList(),
                software.amazon.awssdk.services.ec2.model.NetworkAcl::networkAclId, NetworkMapping::networkAcl),
                NetworkAcl::networkAclId);
        List<SecurityGroup> groups = sorted(calls.list(DESCRIBE_SECURITY_GROUPS, "security group",
                () -> ec2.describeSecurityGroupsPaginator(r -> r.maxResults(1000)).securityGroups().stream().toList(),
                software.amazon.awssdk.services.ec2.model.SecurityGroup::groupId, NetworkMapping::securityGroup),
                SecurityGroup::groupId);
        List<Gateway> gateways = new ArrayList<>(calls.list(DESCRIBE_INTERNET_GATEWAYS, "internet gateway",
                () -> ec2.describeInternetGatewaysPaginator(r -> { }).internetGateways().stream().toList(),
                InternetGateway::internetGatewayId, NetworkMapping::internetGateway));
        gateways.addAll(calls.list(DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS, "egress-only internet gateway",
                () -> ec2.describeEgressOnlyInternetGatewaysPaginator(r -> { }).egressOnlyInternetGateways().stream()
                        .toList(),
                EgressOnlyInternetGateway::egressOnlyInternetGatewayId, NetworkMapping::egressOnlyGateway));
        gateways.sort(Comparator.comparing(Gateway::gatewayId));
        List<NatGateway> nats = sorted(calls.list(DESCRIBE_NAT_GATEWAYS, "NAT gateway",
                () -> ec2.describeNatGatewaysPaginator(r -> { }).natGateways().stream().toList(),
                software.amazon.awssdk.services.ec2.model.NatGateway::natGatewayId, NetworkMapping::natGateway),
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
        List<ManagedPrefixList> lists = calls.call(DESCRIBE_MANAGED_PREFIX_LISTS, () -> ec2
                .describeManagedPrefixListsPaginator(r -> r.filters(Filter.builder()
                        .name("prefix-list-id").values(ids).build()))
                .prefixLists().stream().toList()).orElse(List.of());
        List<PrefixList> out = new ArrayList<>();
        for (ManagedPrefixList list : lists) {
            List<PrefixListEntry> entries = calls.callIfExists(GET_MANAGED_PREFIX_LIST_ENTRIES, () -> ec2
                    .getManagedPrefixListEntriesPaginator(r -> r.prefixListId(list.prefixListId()))
                    .entries().stream().toList()).orElse(null);
            if (entries != null) {
                out.addAll(calls.mapEach(DESCRIBE_MANAGED_PREFIX_LISTS, "prefix list", List.of(list),
                        ManagedPrefixList::prefixListId, l -> NetworkMapping.prefixList(l, entries)));
            }
        }
        out.sort(Comparator.comparing(PrefixList::prefixListId));
        return out;
    }

    /** Listings are sorted by id so that snapshots of the same account compare equal. */
    private static <T> List<T> sorted(List<T> items, Function<T, String> id) {
        return items.stream().sorted(Comparator.comparing(id)).toList();
    }
}
