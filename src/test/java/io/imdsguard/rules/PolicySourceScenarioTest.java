package io.imdsguard.rules;

import io.imdsguard.analyze.Analysis;
import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.iam.Decision;
import io.imdsguard.analyze.iam.Grant;
import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.iam.StatementRef;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.findings.Finding;
import io.imdsguard.rules.testing.CaseLoader;
import io.imdsguard.rules.testing.ExpectedFinding;
import io.imdsguard.rules.testing.RuleTestCase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios under src/test/resources/iam/scenarios: the network answer is recorded in each file,
 * the S3 answer is computed by the real analyzer from the snapshot's roles, bucket policies and
 * organization policies, and the bundled rules must raise exactly the expected findings. The table
 * below also pins what decided the S3 answer (the bucket policy, SCP or RCP that the evidence names).
 */
class PolicySourceScenarioTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/iam/scenarios");
    private static final String PROFILE = "arn:aws:iam::111111111111:instance-profile/app";

    /** Per scenario: the S3 decision, the policy named by the GetObject evidence, and its condition keys. */
    private static final Map<String, S3Expectation> S3 = Map.of(
            "bucket-policy-grants-role-without-identity-policy",
            new S3Expectation(Decision.ALLOWED, "bucket-policy:data", List.of()),
            "bucket-policy-naming-account-root-grants-nothing",
            new S3Expectation(Decision.DENIED, null, List.of()),
            "bucket-policy-conditional-grant",
            new S3Expectation(Decision.CONDITIONAL, "bucket-policy:data", List.of("aws:SourceVpce")),
            "scp-denies-getobject-on-member-account",
            new S3Expectation(Decision.DENIED, "scp:p-denyget (DenyGetObject)", List.of()),
            "scp-does-not-limit-management-account",
            new S3Expectation(Decision.ALLOWED, "app/read", List.of()),
            "rcp-denies-getobject-on-member-account",
            new S3Expectation(Decision.DENIED, "rcp:p-rcpdeny (DenyObjects)", List.of()));

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        List<RuleTestCase> cases = CaseLoader.load(SCENARIOS);
        assertThat(cases).extracting(RuleTestCase::name).containsExactlyInAnyOrderElementsOf(S3.keySet());
        SnapshotAnalyzer analyzer = new SnapshotAnalyzer(ExposureSettings.DEFAULT);
        RuleEvaluator rules = new RuleEvaluator(BundledRules.get());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Map<String, S3ReadAccess> s3 = analyzer.s3Read(c.snapshot());
            Analysis analysis = new Analysis(c.analysis().orElseThrow().network(), s3);
            List<ExpectedFinding> findings = rules.evaluate(c.snapshot(), analysis).stream()
                    .map(PolicySourceScenarioTest::expected).toList();
            assertThat(findings).as(c.description()).containsExactlyInAnyOrderElementsOf(c.expected());

            S3ReadAccess access = s3.get(Analysis.profileKey("111111111111", PROFILE));
            S3Expectation want = S3.get(c.name());
            assertThat(access.decision()).as(c.name()).isEqualTo(want.decision());
            Grant get = access.getObject();
            if (want.policy() != null) {
                assertThat(get.statements()).extracting(StatementRef::policy).contains(want.policy());
            }
            assertThat(get.conditionKeys()).isEqualTo(want.conditionKeys());
        }));
    }

    private static ExpectedFinding expected(Finding f) {
        return new ExpectedFinding(f.ruleId(), f.resource().id());
    }

    private record S3Expectation(Decision decision, String policy, List<String> conditionKeys) {
    }
}
