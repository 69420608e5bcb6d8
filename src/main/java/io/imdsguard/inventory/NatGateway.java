package io.imdsguard.inventory;

import java.util.List;

public record NatGateway(String natGatewayId, String vpcId, String subnetId, String state,
                         String connectivityType, List<String> publicIps) {
    public NatGateway {
        publicIps = Lists.copy(publicIps);
        connectivityType = connectivityType == null ? "public" : connectivityType;
    }
}
