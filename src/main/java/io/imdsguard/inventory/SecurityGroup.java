package io.imdsguard.inventory;

import java.util.List;

public record SecurityGroup(String groupId, String groupName, String vpcId,
                            List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {
    public SecurityGroup {
        ingress = Lists.copy(ingress);
        egress = Lists.copy(egress);
    }
}
