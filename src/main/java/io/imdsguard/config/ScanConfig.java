package io.imdsguard.config;

import io.imdsguard.analyze.network.ExposureSettings;

import java.math.BigInteger;
import java.util.List;

/**
 * The user's configuration file ({@code --config}, YAML): defaults for what a scan reads and how it
 * reports; a flag given on the command line overrides its key. Every key is optional.
 * <pre>
 * regions: [us-east-1, eu-west-1]    # or [all]; default: every enabled region
 * accounts: [111111111111]           # or org: true (Organizations ListAccounts); default: the caller's account
 * org: false
 * role: OrganizationAccountAccessRole   # --assume-role: the role assumed in each other account
 * externalId: null                   # --external-id
 * formats: [table]                   # --format
 * output: null                       # --output FILE|DIR
 * failOn: high                       # --fail-on
 * suppressions: null                 # --suppressions FILE (relative to the config file's directory)
 * concurrency: 8                     # account x region units collected at once
 * exposure:
 *   trustedCidrs: [203.0.113.0/24]   # office / VPN egress: never "the internet"
 *   minAddresses:
 *     ipv4: 16777216                 # 2^24, a /8's worth
 *     ipv6: 79228162514264337593543950336   # 2^96, a /32's worth
 * </pre>
 */
public record ScanConfig(List<String> regions, List<String> accounts, Boolean org, String role, String externalId,
                         List<String> formats, String output, String failOn, String suppressions, Integer concurrency,
                         Exposure exposure) {
    /** The most collection tasks a run may have at once ({@code --concurrency}, the {@code concurrency} key). */
    public static final int MAX_CONCURRENCY = 256;
    public static final ScanConfig DEFAULT = new ScanConfig(null, null, null, null, null, null, null, null, null, null,
            null);

    /** Lists absent from the file are empty; scalars absent are null (the flag's default applies). */
    public ScanConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
        formats = formats == null ? List.of() : List.copyOf(formats);
        exposure = exposure == null ? new Exposure(null, null) : exposure;
    }

    /** A configuration with only exposure settings. */
    public ScanConfig(Exposure exposure) {
        this(null, null, null, null, null, null, null, null, null, null, exposure);
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
