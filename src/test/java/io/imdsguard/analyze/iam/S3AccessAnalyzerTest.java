package io.imdsguard.analyze.iam;

import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.Bucket;
import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.Policy;
import io.imdsguard.inventory.Role;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Memoisation and the general {@link RolePermissions#evaluate} entry point. */
class S3AccessAnalyzerTest {
    private static final String SHARED = "arn:aws:iam::111122223333:policy/shared-read";

    private static AccountInventory fleet(int roles) {
        List<Role> roleList = new ArrayList<>();
        List<InstanceProfile> profiles = new ArrayList<>();
        for (int i = 0; i < roles; i++) {
            String arn = "arn:aws:iam::111122223333:role/r" + i;
            List<Policy> inline = i % 2 == 0 ? List.of() : List.of(new Policy(null, "deny", null,
                    "{\"Statement\":{\"Effect\":\"Deny\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}}"));
            roleList.add(new Role(arn, "r" + i, "AROA" + i, inline, List.of(SHARED), null));
            profiles.add(new InstanceProfile("arn:aws:iam::111122223333:instance-profile/p" + i, "p" + i, List.of(arn)));
            profiles.add(new InstanceProfile("arn:aws:iam::111122223333:instance-profile/q" + i, "q" + i, List.of(arn)));
        }
        ManagedPolicy shared = new ManagedPolicy(SHARED, "shared-read", "v1", List.of(new ManagedPolicy.Version("v1", true,
                "{\"Statement\":[{\"Sid\":\"Read\",\"Effect\":\"Allow\",\"Action\":[\"s3:List*\",\"s3:Get*\"],\"Resource\":\"*\"}]}")));
        return new AccountInventory("111122223333", roleList, profiles, List.of(shared), List.of(new Bucket("data", "us-east-1")));
    }

    @Test
    void profilesSharingARoleShareOneResult() {
        AccountInventory account = fleet(4);
        S3AccessAnalyzer analyzer = new S3AccessAnalyzer();

        S3ReadAccess viaP = analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/p2").orElseThrow();
        S3ReadAccess viaQ = analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/q2").orElseThrow();

        assertThat(viaQ).isSameAs(viaP);
        assertThat(viaP.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/p1").orElseThrow().decision())
                .isEqualTo(Decision.DENIED);
    }

    @Test
    void manyInstancesOverFewRolesGiveConsistentAnswers() {
        AccountInventory account = fleet(300);
        S3AccessAnalyzer analyzer = new S3AccessAnalyzer();
        int readers = 0;
        for (int n = 0; n < 100_000; n++) {
            int role = n % 300;
            S3ReadAccess access = analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/p" + role)
                    .orElseThrow();
            assertThat(access.canRead()).isEqualTo(role % 2 == 0);
            readers += access.canRead() ? 1 : 0;
        }
        assertThat(readers).isEqualTo(50_000);
    }

    @Test
    void generalEvaluationOfARolesPolicies() {
        AccountInventory account = fleet(2);
        RolePermissions r1 = new S3AccessAnalyzer().permissions(account, "arn:aws:iam::111122223333:role/r1").orElseThrow();

        Evaluation get = r1.evaluate("s3:GetObject", "arn:aws:s3:::data/k");
        Evaluation list = r1.evaluate("s3:ListBucket", "arn:aws:s3:::data");
        Evaluation put = r1.evaluate("s3:PutObject", "arn:aws:s3:::data/k");

        assertThat(get.outcome()).isEqualTo(Outcome.EXPLICITLY_DENIED);
        assertThat(get.statementRefs()).containsExactly(new StatementRef("r1/deny", "#0", "Deny"));
        assertThat(list.decision()).isEqualTo(Decision.ALLOWED);
        assertThat(list.statementRefs()).containsExactly(new StatementRef(SHARED, "Read", "Allow"));
        assertThat(put.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
        assertThat(r1.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/r1");
    }

    @Test
    void aPolicyThatDoesNotParseMakesOnlyItsRoleConditional() {
        String future = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"StringFooBar\":{\"aws:PrincipalTag/team\":\"data\"}}}}";
        AccountInventory fleet = fleet(2);
        List<Role> roles = new ArrayList<>(fleet.roles());
        Role r0 = roles.get(0);
        roles.set(0, new Role(r0.arn(), r0.name(), r0.roleId(), List.of(new Policy(null, "future", null, future)),
                r0.attachedPolicyArns(), null));
        AccountInventory account = new AccountInventory(fleet.account(), roles, fleet.instanceProfiles(),
                fleet.managedPolicies(), fleet.buckets());
        S3AccessAnalyzer analyzer = new S3AccessAnalyzer();

        S3ReadAccess broken = analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/p0").orElseThrow();
        S3ReadAccess other = analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/p1").orElseThrow();

        StatementRef why = new StatementRef("r0/future", "unparseable: statement #0: unknown condition operator 'StringFooBar'",
                "Unknown");
        assertThat(broken.decision()).isEqualTo(Decision.CONDITIONAL);
        assertThat(broken.listBucket().statements()).containsExactly(why);
        assertThat(broken.getObject().statements()).containsExactly(why);
        assertThat(broken.getObject().conditionKeys()).isEmpty();
        assertThat(other.decision()).isEqualTo(Decision.DENIED);
        assertThat(other.getObject().statements()).containsExactly(new StatementRef("r1/deny", "#0", "Deny"));
        assertThat(analyzer.analyze(account, "arn:aws:iam::111122223333:instance-profile/q0").orElseThrow())
                .isSameAs(broken);
    }
}
