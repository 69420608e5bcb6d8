package io.imdsguard.inventory;

import java.util.List;

/** An internet gateway ({@code igw-}) or egress-only internet gateway ({@code eigw-}) and the VPCs it is attached to. */
public record Gateway(String gatewayId, String type, List<String> attachedVpcIds) {
    public static final String INTERNET = "internet";
    public static final String EGRESS_ONLY = "egress-only";

    public Gateway {
        attachedVpcIds = Lists.copy(attachedVpcIds);
    }
}
