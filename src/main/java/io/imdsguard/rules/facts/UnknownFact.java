package io.imdsguard.rules.facts;

/**
 * Something the collection could not read (a collection gap), so a rule must not read its absence
 * as "none": without web ACLs there is no telling whether a WAF blocks, without region defaults no
 * telling what they are. One fact per (account, region, subject); {@code region} is {@code global}
 * for IAM.
 *
 * @param subject one of the constants below
 * @param cause   the gap behind it, {@code service operation: error}
 */
public record UnknownFact(String account, String region, String subject, String cause) {
    /** The region's IMDS defaults for new launches (GetInstanceMetadataDefaults). */
    public static final String REGION_DEFAULTS = "region-defaults";
    /** The region's instances (DescribeInstances). */
    public static final String INSTANCES = "instances";
    /** Part of the region's network: security groups, NACLs, subnets, route tables, gateways, prefix lists. */
    public static final String NETWORK = "network";
    /** The region's load balancers, listeners and target groups. */
    public static final String LOAD_BALANCERS = "load-balancers";
    /** The region's WAF web ACLs and what they protect. */
    public static final String WEB_ACLS = "web-acls";
    /** The account's IAM: roles, instance profiles, policies. */
    public static final String IAM = "iam";
    /** The account's S3 buckets. */
    public static final String BUCKETS = "buckets";
}
