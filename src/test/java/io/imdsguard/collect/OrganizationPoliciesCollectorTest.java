package io.imdsguard.collect;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.OrganizationPolicies;
import io.imdsguard.inventory.OrganizationPolicies.Level;
import io.imdsguard.inventory.OrganizationPolicies.OrgPolicy;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.PolicyType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Organizations policy collector against the emulator's Organizations (moto models SCPs and RCPs,
 * with FullAWSAccess/RCPFullAWSAccess attached to every new OU and account): two member accounts in one
 * OU, an SCP denying s3:GetObject on one of them and an RCP on the OU.
 */
class OrganizationPoliciesCollectorTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    static final String DENY_GET = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoObjects\","
            + "\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    static final String RCP = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Perimeter\",\"Effect\":\"Deny\","
            + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringNotEqualsIfExists\":"
            + "{\"aws:PrincipalOrgID\":\"o-example\"}}}]}";

    static OrganizationsClient org;
    static String root;
    static String ou;
    static String member;
    static String other;
    static String scpId;
    static String rcpId;

    @BeforeAll
    static void seedOrganization() {
        org = AWS.client(OrganizationsClient.builder());
        org.createOrganization(r -> r.featureSet("ALL"));
        root = org.listRoots().roots().get(0).id();
        ou = org.createOrganizationalUnit(r -> r.parentId(root).name("apps")).organizationalUnit().id();
        member = account("member");
        other = account("other");
        scpId = org.createPolicy(r -> r.name("DenyGetObject").description("d").content(DENY_GET)
                .type(PolicyType.SERVICE_CONTROL_POLICY)).policy().policySummary().id();
        org.attachPolicy(r -> r.policyId(scpId).targetId(member));
        rcpId = org.createPolicy(r -> r.name("Perimeter").description("d").content(RCP)
                .type(PolicyType.RESOURCE_CONTROL_POLICY)).policy().policySummary().id();
        org.attachPolicy(r -> r.policyId(rcpId).targetId(ou));
    }

    private static String account(String name) {
        String id = org.createAccount(r -> r.accountName(name).email(name + "@example.com"))
                .createAccountStatus().accountId();
        org.moveAccount(r -> r.accountId(id).sourceParentId(root).destinationParentId(ou));
        return id;
    }

    @AfterAll
    static void close() {
        org.close();
    }

    @BeforeEach
    void clearJournal() {
        AWS.clearRecorded();
    }

    @Test
    void eachAccountGetsItsPathRootFirstWithTheSharedPolicies() {
        OrganizationPoliciesCollector.Result result =
                OrganizationPoliciesCollector.collect(org, List.of(member, other));

        assertThat(result.gaps()).isEmpty();
        assertThat(result.managementAccount()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        OrganizationPolicies m = result.byAccount().get(member);
        assertThat(m.managementAccount()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        assertThat(m.scpLevels()).extracting(Level::targetId).containsExactly(root, ou, member);
        assertThat(m.scpLevels().get(2).policies()).extracting(OrgPolicy::name)
                .containsExactlyInAnyOrder("FullAWSAccess", "DenyGetObject");
        assertThat(m.scpLevels().get(2).policies()).filteredOn(p -> p.id().equals(scpId))
                .extracting(OrgPolicy::document).singleElement().asString().contains("s3:GetObject");
        assertThat(m.rcpLevels()).extracting(Level::targetId).containsExactly(root, ou, member);
        assertThat(m.rcpLevels().get(1).policies()).extracting(OrgPolicy::label)
                .contains(rcpId + " (Perimeter)");
        OrganizationPolicies o = result.byAccount().get(other);
        assertThat(o.scpLevels().get(2).policies()).extracting(OrgPolicy::name).containsExactly("FullAWSAccess");
    }

    @Test
    void sharedParentsAndPoliciesAreReadOnceAndNothingIsChanged() {
        OrganizationPoliciesCollector.collect(org, List.of(member, other));

        List<AwsCall> calls = AWS.recordedCalls();
        assertThat(calls).filteredOn(AwsCall::isMutating).isEmpty();
        // FullAWSAccess, RCPFullAWSAccess, DenyGetObject, Perimeter: each described once.
        assertThat(calls).filteredOn(c -> c.operation().equals("DescribePolicy")).hasSize(4);
        // member, other, then the OU once (its root parent is shared).
        assertThat(calls).filteredOn(c -> c.operation().equals("ListParents")).hasSize(3);
        // root and OU once per type, each account once per type: (2 + 2) * 2.
        assertThat(calls).filteredOn(c -> c.operation().equals("ListPoliciesForTarget")).hasSize(8);
    }

    @Test
    void theSeamMergesIntoTheAccountInventory() {
        OrganizationPoliciesCollector.Result result = OrganizationPoliciesCollector.collect(org, List.of(member));
        AccountInventory bare = new AccountInventory(member, List.of(), List.of(), List.of(), List.of());

        assertThat(result.apply(bare).organization()).isEqualTo(result.byAccount().get(member));
        AccountInventory stranger = new AccountInventory("999999999999", List.of(), List.of(), List.of(), List.of());
        assertThat(result.apply(stranger).organization()).isNull();
    }

    @Test
    void aDeniedDescribePolicyLeavesTheAccountWithoutPoliciesAndAGap() {
        AWS.failOperation("organizations", "DescribePolicy", null, 400, "AccessDeniedException",
                "You don't have permissions to access this resource.");
        try {
            OrganizationPoliciesCollector.Result result = OrganizationPoliciesCollector.collect(org, List.of(member));

            assertThat(result.byAccount()).isEmpty();
            assertThat(result.gaps()).singleElement().satisfies(g -> {
                assertThat(g).extracting(CollectionGap::account, CollectionGap::service, CollectionGap::operation)
                        .containsExactly(member, "organizations", "DescribePolicy");
                assertThat(g.error()).contains("AccessDeniedException");
            });
        } finally {
            AWS.reset();
            seedOrganization();
        }
    }

    @Test
    void anAccountOutsideTheOrganizationIsAGap() {
        OrganizationPoliciesCollector.Result result = OrganizationPoliciesCollector.collect(org,
                List.of(member, "210987654321"));

        assertThat(result.byAccount()).containsOnlyKeys(member);
        assertThat(result.gaps()).singleElement().extracting(CollectionGap::account, CollectionGap::operation)
                .containsExactly("210987654321", "ListParents");
    }
}
