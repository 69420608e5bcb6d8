package io.imdsguard.rules.facts;

/**
 * One EC2 instance as rules see it. {@code imdsV1Usable} follows the rule catalogue (README): the instance
 * is running, its metadata endpoint is enabled and session tokens are optional. {@code hasRole} is
 * true when an instance profile is attached and the inventory shows it holds a role;
 * {@code roleUnknown} when a profile is attached but IAM could not be read, so a role can be neither
 * seen nor ruled out (the bundled IMDS-002 counts that as a role). {@code roleArn} is the role when
 * known, else null.
 *
 * @param key the join key {@code account/region/instanceId}
 */
public record InstanceFact(String key, String account, String region, String instanceId, String name,
                           String state, boolean running, boolean endpointEnabled, String httpTokens,
                           boolean imdsV1Usable, int hopLimit, String profileArn, String roleArn,
                           boolean hasRole, boolean roleUnknown) {

    /** The join key of an instance: {@code account/region/instanceId}. */
    public static String keyOf(String account, String region, String instanceId) {
        return account + "/" + region + "/" + instanceId;
    }
}
