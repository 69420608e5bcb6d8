package io.imdsguard.findings;

/**
 * The resource a finding is about. {@code type} is {@code ec2-instance} or, for region-scoped
 * findings, {@code ec2-region-defaults} (then {@code id} is the region); {@code name} is the Name tag or null.
 */
public record ResourceRef(String type, String id, String name, String arn) {
    public static final String EC2_INSTANCE = "ec2-instance";
    public static final String EC2_REGION_DEFAULTS = "ec2-region-defaults";
}
