package io.imdsguard.enforce.defaults;

import io.imdsguard.enforce.MetadataSettings;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;

/**
 * A region's account-level IMDS defaults as GetInstanceMetadataDefaults reports them.
 *
 * @param settings         the four fields a default can hold; a null field is "no preference"
 * @param managedBy        {@code account}, {@code declarative-policy}, or null when not reported
 * @param managedException the declarative policy's message for people, when it manages the region
 */
public record RegionDefaults(String region, MetadataSettings settings, String managedBy, String managedException) {
    static final String DECLARATIVE_POLICY = "declarative-policy";

    public RegionDefaults {
        settings = comparable(settings);
    }

    static RegionDefaults of(String region, GetInstanceMetadataDefaultsResponse response) {
        InstanceMetadataDefaultsResponse d = response.accountLevel();
        if (d == null) {
            return new RegionDefaults(region, null, null, null);
        }
        return new RegionDefaults(region, new MetadataSettings(d.httpTokensAsString(), d.httpEndpointAsString(),
                d.httpPutResponseHopLimit(), null, d.instanceMetadataTagsAsString(), null),
                d.managedByAsString(), d.managedExceptionMessage());
    }

    /** Whether an Organization's declarative policy sets these defaults, so that the account cannot. */
    public boolean managedByPolicy() {
        return DECLARATIVE_POLICY.equals(managedBy);
    }

    /**
     * Only the fields a region default has (no IPv6 endpoint, no state), all null meaning no preference:
     * so that a journaled state and a read-back compare equal exactly when AWS holds the same defaults.
     */
    static MetadataSettings comparable(MetadataSettings s) {
        if (s == null) {
            return new MetadataSettings(null, null, null, null, null, null);
        }
        return new MetadataSettings(blankToNull(s.httpTokens()), blankToNull(s.httpEndpoint()),
                s.httpPutResponseHopLimit() == null || s.httpPutResponseHopLimit() < 0 ? null : s.httpPutResponseHopLimit(),
                null, blankToNull(s.instanceMetadataTags()), null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("no-preference") ? null : s;
    }
}
