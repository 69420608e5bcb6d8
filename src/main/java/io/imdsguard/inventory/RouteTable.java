package io.imdsguard.inventory;

import java.util.List;

/** A route table; {@code subnetIds} are its explicit associations, {@code main} marks the VPC's main table. */
public record RouteTable(String routeTableId, String vpcId, boolean main, List<String> subnetIds, List<Route> routes) {
    public RouteTable {
        subnetIds = Lists.copy(subnetIds);
        routes = Lists.copy(routes);
    }
}
