package io.imdsguard.testing;

/**
 * Instance metadata options for a seeded instance. Always complete: moto's
 * ModifyInstanceMetadataOptions resets every field a request leaves out.
 */
public record ImdsOptions(String httpTokens, int hopLimit, String httpEndpoint, String instanceMetadataTags,
        String httpProtocolIpv6) {

    /** IMDSv1 usable (tokens optional), endpoint enabled, hop limit 1: AWS's launch default without a region default. */
    public static ImdsOptions v1Allowed() {
        return new ImdsOptions("optional", 1, "enabled", "disabled", "disabled");
    }

    /** IMDSv2 required, endpoint enabled, hop limit 2. */
    public static ImdsOptions v2Required() {
        return new ImdsOptions("required", 2, "enabled", "disabled", "disabled");
    }

    /** The same options with the metadata endpoint disabled. */
    public ImdsOptions endpointDisabled() {
        return new ImdsOptions(httpTokens, hopLimit, "disabled", instanceMetadataTags, httpProtocolIpv6);
    }

    /** The same options with another PUT response hop limit. */
    public ImdsOptions withHopLimit(int limit) {
        return new ImdsOptions(httpTokens, limit, httpEndpoint, instanceMetadataTags, httpProtocolIpv6);
    }
}
