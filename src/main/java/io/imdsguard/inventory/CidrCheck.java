package io.imdsguard.inventory;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the first CIDR in a snapshot that is not one, naming its JSON path. The analyzers skip what
 * they cannot parse, so without this check a typo such as {@code 999.1.1.1/33} would silently
 * narrow (or widen) what the scan believes is reachable.
 */
final class CidrCheck {
    /** CIDRs or single addresses as AWS writes them: no wildcards, ranges, masks or inet_aton shorthands. */
    private static final IPAddressStringParameters STRICT = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowSingleSegment(false).allowMask(false).allowPrefixOnly(false)
            .allow_inet_aton(false).allowWildcardedSeparator(false).setRangeOptions(RangeParameters.NO_RANGE)
            .toParams();

    private enum Family { IPV4, IPV6, ANY }

    private final List<String> problems = new ArrayList<>();

    private CidrCheck() {
    }

    /** {@code path: invalid CIDR 'value'} for the first bad CIDR, if any. */
    private final Map<String, IPAddress> parsed = new HashMap<>();

    static Optional<String> firstProblem(Snapshot snapshot) {
        CidrCheck check = new CidrCheck();
        List<RegionInventory> regions = snapshot.regionInventories();
        for (int r = 0; r < regions.size() && check.problems.isEmpty(); r++) {
            check.region("regionInventories[" + r + "]", regions.get(r));
        }
        return check.problems.stream().findFirst();
    }

    private void region(String at, RegionInventory region) {
        for (int i = 0; i < region.vpcs().size(); i++) {
            Vpc vpc = region.vpcs().get(i);
            all(at + ".vpcs[" + i + "].cidrBlocks", vpc.cidrBlocks(), Family.IPV4);
            all(at + ".vpcs[" + i + "].ipv6CidrBlocks", vpc.ipv6CidrBlocks(), Family.IPV6);
        }
        for (int i = 0; i < region.subnets().size(); i++) {
            Subnet subnet = region.subnets().get(i);
            one(at + ".subnets[" + i + "].cidrBlock", subnet.cidrBlock(), Family.IPV4);
            all(at + ".subnets[" + i + "].ipv6CidrBlocks", subnet.ipv6CidrBlocks(), Family.IPV6);
        }
        for (int i = 0; i < region.routeTables().size(); i++) {
            List<Route> routes = region.routeTables().get(i).routes();
            for (int k = 0; k < routes.size(); k++) {
                String route = at + ".routeTables[" + i + "].routes[" + k + "]";
                one(route + ".destinationCidr", routes.get(k).destinationCidr(), Family.IPV4);
                one(route + ".destinationIpv6Cidr", routes.get(k).destinationIpv6Cidr(), Family.IPV6);
            }
        }
        for (int i = 0; i < region.networkAcls().size(); i++) {
            // Entries are held sorted by rule number, so the file's index is unknown: name the entry by its rule.
            for (NaclEntry e : region.networkAcls().get(i).entries()) {
                String entry = at + ".networkAcls[" + i + "].entries[ruleNumber=" + e.ruleNumber()
                        + (e.egress() ? ",egress" : "") + "]";
                one(entry + ".cidrBlock", e.cidrBlock(), Family.IPV4);
                one(entry + ".ipv6CidrBlock", e.ipv6CidrBlock(), Family.IPV6);
            }
        }
        for (int i = 0; i < region.securityGroups().size(); i++) {
            SecurityGroup group = region.securityGroups().get(i);
            rules(at + ".securityGroups[" + i + "].ingress", group.ingress());
            rules(at + ".securityGroups[" + i + "].egress", group.egress());
        }
        for (int i = 0; i < region.prefixLists().size(); i++) {
            all(at + ".prefixLists[" + i + "].cidrs", region.prefixLists().get(i).cidrs(), Family.ANY);
        }
    }

    private void rules(String at, List<SecurityGroupRule> rules) {
        for (int k = 0; k < rules.size(); k++) {
            all(at + "[" + k + "].ipv4Cidrs", rules.get(k).ipv4Cidrs(), Family.IPV4);
            all(at + "[" + k + "].ipv6Cidrs", rules.get(k).ipv6Cidrs(), Family.IPV6);
        }
    }

    private void all(String at, List<String> cidrs, Family family) {
        for (int i = 0; i < cidrs.size(); i++) {
            one(at + "[" + i + "]", cidrs.get(i), family);
        }
    }

    private void one(String at, String cidr, Family family) {
        if (cidr == null || !problems.isEmpty()) {
            return;
        }
        // A fleet repeats a few hundred CIDRs across millions of fields: parse each text once.
        IPAddress address = parsed.get(cidr);
        if (address == null) {
            address = new IPAddressString(cidr.trim(), STRICT).getAddress();
            if (address != null) {
                parsed.put(cidr, address);
            }
        }
        if (address == null) {
            problems.add(at + ": invalid CIDR '" + cidr + "'");
        } else if (family == Family.IPV4 && !address.isIPv4()) {
            problems.add(at + ": '" + cidr + "' is not an IPv4 CIDR");
        } else if (family == Family.IPV6 && !address.isIPv6()) {
            problems.add(at + ": '" + cidr + "' is not an IPv6 CIDR");
        }
    }
}
