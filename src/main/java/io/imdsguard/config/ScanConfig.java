package io.imdsguard.config;

import io.imdsguard.analyze.network.ExposureSettings;

import java.math.BigInteger;
import java.util.List;

/**
 * The user's configuration file ({@code --config}, YAML). Only what the scan needs:
 * <pre>
 * exposure:
 *   trustedCidrs: [203.0.113.0/24]   # office / VPN egress: never "the internet"
 *   minAddresses:
 *     ipv4: 16777216                 # 2^24, a /8's worth
 *     ipv6: 79228162514264337593543950336   # 2^96, a /32's worth
 * </pre>
 */
public record ScanConfig(Exposure exposure) {
    public static final ScanConfig DEFAULT = new ScanConfig(null);

    public ScanConfig {
        exposure = exposure == null ? new Exposure(null, null) : exposure;
    }

    public ExposureSettings exposureSettings() {
        return new ExposureSettings(exposure.trustedCidrs(), exposure.minAddresses().ipv4(), exposure.minAddresses().ipv6());
    }

    public record Exposure(List<String> trustedCidrs, MinAddresses minAddresses) {
        public Exposure {
            trustedCidrs = trustedCidrs == null ? List.of() : List.copyOf(trustedCidrs);
            minAddresses = minAddresses == null ? new MinAddresses(null, null) : minAddresses;
        }
    }

    public record MinAddresses(BigInteger ipv4, BigInteger ipv6) {
        public MinAddresses {
            ipv4 = ipv4 == null ? ExposureSettings.DEFAULT.minIpv4Addresses() : ipv4;
            ipv6 = ipv6 == null ? ExposureSettings.DEFAULT.minIpv6Addresses() : ipv6;
            if (ipv4.signum() <= 0 || ipv6.signum() <= 0) {
                throw new IllegalArgumentException("must be positive");
            }
        }
    }
}
