package io.imdsguard.testing;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;

/** Seeds IAM (global) through the real IAM client. */
public final class IamFleet {

    /** Trust policy letting EC2 assume a role: what an instance-profile role has. */
    public static final String EC2_TRUST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    private final IamClient iam;

    IamFleet(IamClient iam) {
        this.iam = iam;
    }

    /** A one-statement policy document, e.g. {@code policy("Allow", List.of("s3:GetObject"), "*")}. */
    public static String policy(String effect, List<String> actions, String resource) {
        String actionJson = actions.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",", "[", "]"));
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":" + actionJson
                + ",\"Resource\":\"" + resource + "\"}]}";
    }

    /** A role EC2 may assume; returns its ARN. */
    public String role(String name) {
        return iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(EC2_TRUST_POLICY)).role().arn();
    }

    /** Puts an inline policy on a role. */
    public void inlinePolicy(String roleName, String policyName, String document) {
        iam.putRolePolicy(r -> r.roleName(roleName).policyName(policyName).policyDocument(document));
    }

    /** A customer-managed policy (version v1, default); returns its ARN. */
    public String managedPolicy(String name, String document) {
        return iam.createPolicy(r -> r.policyName(name).policyDocument(document)).policy().arn();
    }

    /** Adds a version to a managed policy; returns its version id (v2, v3, ...). */
    public String policyVersion(String policyArn, String document, boolean setAsDefault) {
        return iam.createPolicyVersion(r -> r.policyArn(policyArn).policyDocument(document).setAsDefault(setAsDefault))
                .policyVersion().versionId();
    }

    /** Makes an existing version the default one. */
    public void defaultVersion(String policyArn, String versionId) {
        iam.setDefaultPolicyVersion(r -> r.policyArn(policyArn).versionId(versionId));
    }

    /** Attaches a managed policy to a role. */
    public void attach(String roleName, String policyArn) {
        iam.attachRolePolicy(r -> r.roleName(roleName).policyArn(policyArn));
    }

    /** Sets a managed policy as the role's permissions boundary. */
    public void permissionsBoundary(String roleName, String policyArn) {
        iam.putRolePermissionsBoundary(r -> r.roleName(roleName).permissionsBoundary(policyArn));
    }

    /** An instance profile holding the role; returns the profile ARN. Launch with its name. */
    public String instanceProfile(String name, String roleName) {
        String arn = iam.createInstanceProfile(r -> r.instanceProfileName(name)).instanceProfile().arn();
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName(name).roleName(roleName));
        return arn;
    }
}
