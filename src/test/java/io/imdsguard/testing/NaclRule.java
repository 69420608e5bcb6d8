package io.imdsguard.testing;

/**
 * One network ACL entry to seed.
 *
 * @param protocol "-1" (all), "6" (TCP), "17" (UDP) or another IP protocol number
 * @param cidr IPv4 or IPv6 CIDR
 * @param fromPort first port, or null for all ports / protocol -1
 */
public record NaclRule(int ruleNumber, boolean egress, boolean allow, String protocol, String cidr,
        Integer fromPort, Integer toPort) {

    /** Allows inbound TCP on a port range. */
    public static NaclRule allowTcpIn(int ruleNumber, String cidr, int fromPort, int toPort) {
        return new NaclRule(ruleNumber, false, true, "6", cidr, fromPort, toPort);
    }

    /** Denies inbound TCP on a port range. */
    public static NaclRule denyTcpIn(int ruleNumber, String cidr, int fromPort, int toPort) {
        return new NaclRule(ruleNumber, false, false, "6", cidr, fromPort, toPort);
    }

    /** Allows all inbound traffic. */
    public static NaclRule allowAllIn(int ruleNumber, String cidr) {
        return new NaclRule(ruleNumber, false, true, "-1", cidr, null, null);
    }

    /** Allows all outbound traffic. */
    public static NaclRule allowAllOut(int ruleNumber, String cidr) {
        return new NaclRule(ruleNumber, true, true, "-1", cidr, null, null);
    }

    /** Denies all traffic in one direction (what AWS's implicit "*" entry does; moto does not add it). */
    public static NaclRule denyAll(int ruleNumber, boolean egress, String cidr) {
        return new NaclRule(ruleNumber, egress, false, "-1", cidr, null, null);
    }
}
