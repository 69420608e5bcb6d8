package io.imdsguard.inventory;

/**
 * An instance's IMDS settings with AWS's defaults filled in: an absent {@code httpTokens} is
 * {@code optional} (IMDSv1 answers), an absent endpoint is {@code enabled}, the hop limit 1.
 * The defaults are applied in the canonical constructor so that JSON read back gets them too.
 */
public record MetadataOptions(String state, String httpTokens, String httpEndpoint,
                              Integer httpPutResponseHopLimit, String httpProtocolIpv6, String instanceMetadataTags) {

    public static final MetadataOptions AWS_DEFAULT = new MetadataOptions(null, null, null, null, null, null);

    public MetadataOptions {
        state = state == null ? "applied" : state;
        httpTokens = httpTokens == null ? "optional" : httpTokens;
        httpEndpoint = httpEndpoint == null ? "enabled" : httpEndpoint;
        httpPutResponseHopLimit = httpPutResponseHopLimit == null || httpPutResponseHopLimit < 1 ? 1 : httpPutResponseHopLimit;
        httpProtocolIpv6 = httpProtocolIpv6 == null ? "disabled" : httpProtocolIpv6;
        instanceMetadataTags = instanceMetadataTags == null ? "disabled" : instanceMetadataTags;
    }

    public boolean endpointEnabled() {
        return "enabled".equalsIgnoreCase(httpEndpoint);
    }

    public boolean tokensRequired() {
        return "required".equalsIgnoreCase(httpTokens);
    }

    /** IMDSv1 answers: the endpoint is on and a request without a session token is accepted. */
    public boolean imdsV1Usable() {
        return endpointEnabled() && !tokensRequired();
    }
}
