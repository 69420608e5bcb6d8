package io.imdsguard.audit;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.NetworkFleet;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Organization of three accounts in the emulator: the management account (the dummy credentials' own)
 * and two members created with Organizations CreateAccount, each member with a role the management account
 * may assume, and in every account one instance answering IMDSv1 in each of two regions.
 */
final class OrgFleet {
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";
    static final String ROLE = "ImdsguardScan";
    static final String MANAGEMENT = AwsEmulator.ACCOUNT_ID;

    /** The member accounts' ids, sorted. */
    final List<String> members = new ArrayList<>();
    /** Instance id per "account region". */
    final Map<String, String> instances = new TreeMap<>();

    private OrgFleet() {
    }

    static OrgFleet seed(AwsEmulator aws) {
        OrgFleet org = new OrgFleet();
        try (OrganizationsClient orgs = aws.client(OrganizationsClient.builder(), EAST)) {
            orgs.createOrganization(r -> r.featureSet("ALL"));
            for (String name : List.of("payments", "analytics")) {
                String id = orgs.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                        .createAccountStatus().accountId();
                org.members.add(id);
            }
        }
        org.members.sort(null);
        org.seedAccount(aws, MANAGEMENT, aws.credentials());
        for (String member : org.members) {
            AwsCredentialsProvider admin = aws.assumeRole(member, "OrganizationAccountAccessRole");
            try (IamClient iam = aws.client(IamClient.builder(), "aws-global", admin)) {
                for (String role : List.of(ROLE, "AuditRole")) {
                    iam.createRole(r -> r.roleName(role).assumeRolePolicyDocument(trustPolicy()));
                }
            }
            org.seedAccount(aws, member, admin);
        }
        return org;
    }

    List<String> accounts() {
        List<String> all = new ArrayList<>(members);
        all.add(MANAGEMENT);
        all.sort(null);
        return all;
    }

    private void seedAccount(AwsEmulator aws, String account, AwsCredentialsProvider credentials) {
        for (String region : List.of(EAST, WEST)) {
            try (FleetBuilder fleet = aws.fleet(region, credentials)) {
                NetworkFleet.VpcRef vpc = fleet.network().vpc("10.0.0.0/16", false);
                String subnet = fleet.network().subnet(vpc.id(), "10.0.1.0/24", null, false);
                instances.put(account + " " + region,
                        fleet.compute().run(InstanceSpec.in(subnet).name(account + "-" + region)).instanceId());
            }
        }
    }

    private static String trustPolicy() {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::" + MANAGEMENT + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    }
}
