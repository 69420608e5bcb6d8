package io.imdsguard.inventory;

import java.util.List;

public record Subnet(String subnetId, String vpcId, String cidrBlock, List<String> ipv6CidrBlocks,
                     String availabilityZone, boolean mapPublicIpOnLaunch) {
    public Subnet {
        ipv6CidrBlocks = Lists.copy(ipv6CidrBlocks);
    }
}
