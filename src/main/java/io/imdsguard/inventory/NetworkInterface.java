package io.imdsguard.inventory;

import java.util.List;

/** One elastic network interface of an instance, with every address and security group on it. */
public record NetworkInterface(String interfaceId, int deviceIndex, String subnetId, String vpcId,
                               List<PrivateIp> privateIps, List<String> ipv6Addresses, List<String> securityGroupIds) {
    public NetworkInterface {
        privateIps = Lists.copy(privateIps);
        ipv6Addresses = Lists.copy(ipv6Addresses);
        securityGroupIds = Lists.copy(securityGroupIds);
    }

    public boolean hasPublicIpv4() {
        return privateIps.stream().anyMatch(PrivateIp::hasPublicIp);
    }

    public List<String> publicIps() {
        return privateIps.stream().filter(PrivateIp::hasPublicIp).map(PrivateIp::publicIp).toList();
    }
}
