package io.imdsguard.inventory;

import java.util.Locale;

/**
 * Canonical IP protocol names. Security groups report {@code tcp}/{@code udp}/{@code icmp} or
 * numbers, network ACLs report numbers ({@code 6}, {@code 17}); both become one form here so
 * that analyzers compare like with like. {@code -1} means every protocol.
 */
public final class Protocols {
    public static final String ALL = "-1";
    public static final String TCP = "tcp";
    public static final String UDP = "udp";
    public static final String ICMP = "icmp";
    public static final String ICMPV6 = "icmpv6";

    private Protocols() {
    }

    public static String canonical(String protocol) {
        if (protocol == null || protocol.isBlank()) {
            return ALL;
        }
        String p = protocol.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "-1", "all" -> ALL;
            case "6", "tcp" -> TCP;
            case "17", "udp" -> UDP;
            case "1", "icmp" -> ICMP;
            case "58", "icmpv6" -> ICMPV6;
            default -> p;
        };
    }

    /** Whether the protocol carries port numbers (only TCP and UDP rules have port ranges). */
    public static boolean hasPorts(String canonical) {
        return TCP.equals(canonical) || UDP.equals(canonical);
    }
}
