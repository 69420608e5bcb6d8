package io.imdsguard.inventory;

/**
 * The region's account-level IMDS defaults for new launches (GetInstanceMetadataDefaults).
 * A null field means "no preference" (AWS then applies the AMI's or its own default).
 * {@code managedBy} is {@code declarative-policy} when an organization policy governs the setting.
 */
public record ImdsDefaults(String httpTokens, Integer httpPutResponseHopLimit, String httpEndpoint,
                           String instanceMetadataTags, String managedBy) {
    public static final ImdsDefaults NO_PREFERENCE = new ImdsDefaults(null, null, null, null, null);

    public boolean tokensRequired() {
        return "required".equalsIgnoreCase(httpTokens);
    }
}
