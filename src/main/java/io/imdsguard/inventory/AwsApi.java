package io.imdsguard.inventory;

/**
 * The names a {@link CollectionGap} uses for services, operations and the account-wide region. The
 * collectors write them and the rules read them back to decide what a gap leaves unknown, so both
 * sides take them from here. The values are part of the snapshot format: saved snapshots and the
 * reports built from them hold these exact strings.
 */
public final class AwsApi {
    // Services, as the SDK's signing names.
    public static final String EC2 = "ec2";
    public static final String ELBV2 = "elasticloadbalancingv2";
    /** Classic load balancers. */
    public static final String ELB = "elasticloadbalancing";
    public static final String WAFV2 = "wafv2";
    public static final String IAM = "iam";
    public static final String S3 = "s3";
    public static final String STS = "sts";
    public static final String ORGANIZATIONS = "organizations";

    /** The region of gaps in account-wide services (IAM, S3's bucket listing). */
    public static final String GLOBAL_REGION = "global";
    /** The operation of a gap that cost a whole service in a region: its collector failed outright. */
    public static final String WHOLE_SERVICE = "*";

    // EC2.
    public static final String GET_INSTANCE_METADATA_DEFAULTS = "GetInstanceMetadataDefaults";
    public static final String DESCRIBE_REGIONS = "DescribeRegions";
    public static final String DESCRIBE_ADDRESSES = "DescribeAddresses";
    public static final String DESCRIBE_INSTANCES = "DescribeInstances";
    public static final String DESCRIBE_VPCS = "DescribeVpcs";
    public static final String DESCRIBE_SUBNETS = "DescribeSubnets";
    public static final String DESCRIBE_ROUTE_TABLES = "DescribeRouteTables";
    public static final String DESCRIBE_NETWORK_ACLS = "DescribeNetworkAcls";
    public static final String DESCRIBE_SECURITY_GROUPS = "DescribeSecurityGroups";
    public static final String DESCRIBE_INTERNET_GATEWAYS = "DescribeInternetGateways";
    public static final String DESCRIBE_EGRESS_ONLY_INTERNET_GATEWAYS = "DescribeEgressOnlyInternetGateways";
    public static final String DESCRIBE_NAT_GATEWAYS = "DescribeNatGateways";
    public static final String DESCRIBE_MANAGED_PREFIX_LISTS = "DescribeManagedPrefixLists";
    public static final String GET_MANAGED_PREFIX_LIST_ENTRIES = "GetManagedPrefixListEntries";

    // ELBv2 and classic ELB (DescribeLoadBalancers is both services' name for the listing).
    public static final String DESCRIBE_LOAD_BALANCERS = "DescribeLoadBalancers";
    public static final String DESCRIBE_LISTENERS = "DescribeListeners";
    public static final String DESCRIBE_RULES = "DescribeRules";
    public static final String DESCRIBE_TARGET_GROUPS = "DescribeTargetGroups";
    public static final String DESCRIBE_TARGET_HEALTH = "DescribeTargetHealth";
    public static final String DESCRIBE_TARGET_GROUP_ATTRIBUTES = "DescribeTargetGroupAttributes";

    // WAFv2.
    public static final String LIST_WEB_ACLS = "ListWebACLs";
    public static final String GET_WEB_ACL = "GetWebACL";
    public static final String LIST_RESOURCES_FOR_WEB_ACL = "ListResourcesForWebACL";

    // IAM, S3, STS.
    public static final String GET_ACCOUNT_AUTHORIZATION_DETAILS = "GetAccountAuthorizationDetails";
    public static final String LIST_BUCKETS = "ListBuckets";
    public static final String GET_BUCKET_LOCATION = "GetBucketLocation";
    public static final String GET_BUCKET_POLICY = "GetBucketPolicy";
    public static final String GET_CALLER_IDENTITY = "GetCallerIdentity";
    /** A member account's role could not be assumed: the whole account is a gap. */
    public static final String ASSUME_ROLE = "AssumeRole";
    public static final String LIST_ACCOUNTS = "ListAccounts";

    // Organizations (read from the management account).
    public static final String DESCRIBE_ORGANIZATION = "DescribeOrganization";
    public static final String LIST_PARENTS = "ListParents";
    public static final String LIST_POLICIES_FOR_TARGET = "ListPoliciesForTarget";
    public static final String DESCRIBE_POLICY = "DescribePolicy";

    private AwsApi() {
    }
}
