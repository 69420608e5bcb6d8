package io.imdsguard.analyze.network;

import java.math.BigInteger;
import java.util.List;

/**
 * The sources that count as "the internet at large" (docs/reachability.md): public address space minus
 * the user's trusted CIDRs, and the size a set must reach to be reachable.
 */
final class PublicSources {
    /** RFC 6890 special-purpose IPv4 space that no internet attacker can send from. */
    static final List<String> NON_PUBLIC_IPV4 = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "255.255.255.255/32");
    /** Global unicast is 2000::/3; the documentation prefix inside it is removed as well. */
    static final String GLOBAL_UNICAST_IPV6 = "2000::/3";
    static final String DOCUMENTATION_IPV6 = "2001:db8::/32";

    private final AddressSet ipv4;
    private final AddressSet ipv6;
    private final ExposureSettings settings;

    PublicSources(ExposureSettings settings) {
        this.settings = settings;
        this.ipv4 = AddressSet.everything(AddressFamily.IPV4)
                .minus(AddressSet.ofCidrs(AddressFamily.IPV4, NON_PUBLIC_IPV4))
                .minus(AddressSet.ofCidrs(AddressFamily.IPV4, settings.trustedCidrs()));
        this.ipv6 = AddressSet.ofCidrs(AddressFamily.IPV6, List.of(GLOBAL_UNICAST_IPV6))
                .minus(AddressSet.ofCidrs(AddressFamily.IPV6, List.of(DOCUMENTATION_IPV6)))
                .minus(AddressSet.ofCidrs(AddressFamily.IPV6, settings.trustedCidrs()));
    }

    /** Public, untrusted sources of the family. */
    AddressSet of(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4 : ipv6;
    }

    /** Whether {@code admitted} is big enough that an attacker can own one of its addresses. */
    boolean isInternetAtLarge(AddressSet admitted) {
        BigInteger min = admitted.family() == AddressFamily.IPV4
                ? settings.minIpv4Addresses() : settings.minIpv6Addresses();
        return !admitted.isEmpty() && admitted.count().compareTo(min) >= 0;
    }
}
