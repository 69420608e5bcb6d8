package io.imdsguard.inventory;

import java.util.List;

public record Vpc(String vpcId, List<String> cidrBlocks, List<String> ipv6CidrBlocks, boolean isDefault) {
    public Vpc {
        cidrBlocks = Lists.copy(cidrBlocks);
        ipv6CidrBlocks = Lists.copy(ipv6CidrBlocks);
    }
}
