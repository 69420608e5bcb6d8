package io.imdsguard.enforce;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * IMDS settings as enforcement records them: an instance's metadata options, or a region's
 * account-level defaults for new launches. Values are AWS's own strings ({@code optional},
 * {@code required}, {@code enabled}, {@code disabled}). For region defaults a null field is "no
 * preference" (nothing set at account level); for an instance every field but {@code state} is known.
 *
 * @param state an instance's {@code MetadataOptions.State} ({@code pending} or {@code applied}) when
 *              read; null for region defaults
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"httpTokens", "httpEndpoint", "httpPutResponseHopLimit", "httpProtocolIpv6", "instanceMetadataTags",
    "state"})
public record MetadataSettings(String httpTokens, String httpEndpoint, Integer httpPutResponseHopLimit,
                               String httpProtocolIpv6, String instanceMetadataTags, String state) {
    public static final String REQUIRED = "required";
    public static final String OPTIONAL = "optional";
    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final String APPLIED = "applied";
    public static final String PENDING = "pending";

    /** Whether IMDSv1 is refused: tokens required. */
    @JsonIgnore
    public boolean requiresTokens() {
        return REQUIRED.equals(httpTokens);
    }

    /** The same settings without the state, for comparing what was set with what is set. */
    public MetadataSettings withoutState() {
        return new MetadataSettings(httpTokens, httpEndpoint, httpPutResponseHopLimit, httpProtocolIpv6,
                instanceMetadataTags, null);
    }

    /** These settings with {@code tokens} as HttpTokens and {@code endpoint} as HttpEndpoint, state unknown. */
    public MetadataSettings with(String tokens, String endpoint) {
        return new MetadataSettings(tokens, endpoint, httpPutResponseHopLimit, httpProtocolIpv6, instanceMetadataTags, null);
    }
}
