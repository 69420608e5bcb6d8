package io.imdsguard.analyze.network;

import java.math.BigInteger;
import java.util.List;

/**
 * What counts as "the internet at large" (docs/reachability.md): admitted public sources minus
 * {@code trustedCidrs} must hold at least {@code minIpv4Addresses} (default 2^24) or
 * {@code minIpv6Addresses} (default 2^96) addresses.
 */
public record ExposureSettings(List<String> trustedCidrs, BigInteger minIpv4Addresses, BigInteger minIpv6Addresses) {
    public static final ExposureSettings DEFAULT =
            new ExposureSettings(List.of(), BigInteger.TWO.pow(24), BigInteger.TWO.pow(96));

    public ExposureSettings {
        trustedCidrs = List.copyOf(trustedCidrs);
    }
}
