package io.imdsguard.suppress;

import io.imdsguard.examples.DemoFleet;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which findings an entry suppresses, on a fixed day: each key, expiry, first match, and the warnings. */
class SuppressionFilterTest {
    private static final String ACCOUNT = DemoFleet.ACCOUNT;
    private static final LocalDate TODAY = LocalDate.of(2027, 3, 31);

    /** The demo fleet's bastion (tag Name=bastion), its queue worker, and us-east-1's region defaults. */
    private static final Finding BASTION = instance("IMDS-002", "i-0a1b2c3d4e5f60003", "us-east-1");
    private static final Finding WORKER = instance("IMDS-003", "i-0a1b2c3d4e5f60005", "us-east-1");
    private static final Finding DEFAULTS = new Finding("IMDS-004", Severity.MEDIUM, "t", ACCOUNT, "us-east-1",
            new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, "us-east-1", null, null), null, "r", false, null);
    private static final List<Finding> ALL = List.of(BASTION, WORKER, DEFAULTS);

    private final List<String> warnings = new ArrayList<>();

    private static Finding instance(String rule, String id, String region) {
        return new Finding(rule, Severity.HIGH, "t", ACCOUNT, region,
                new ResourceRef(ResourceRef.EC2_INSTANCE, id, null, "arn:aws:ec2:" + region + ":" + ACCOUNT
                        + ":instance/" + id), null, "r", false, null);
    }

    private List<Finding> apply(LocalDate today, String yaml) throws Exception {
        SuppressionsFile file = SuppressionsFile.parse(yaml, "s.yaml");
        return new SuppressionFilter(file, ResourceTags.of(DemoFleet.snapshot()), today, warnings::add).apply(ALL);
    }

    private static List<String> suppressed(List<Finding> findings) {
        return findings.stream().filter(Finding::suppressed).map(Finding::ruleId).toList();
    }

    @Test
    void eachKeyMatchesOnItsOwn() throws Exception {
        assertThat(suppressed(apply(TODAY, entry("ruleId: IMDS-003")))).containsExactly("IMDS-003");
        assertThat(suppressed(apply(TODAY, entry("resourceId: i-0a1b2c3d4e5f60003")))).containsExactly("IMDS-002");
        assertThat(suppressed(apply(TODAY, entry("resourceId: arn:aws:ec2:us-east-1:" + ACCOUNT
                + ":instance/i-0a1b2c3d4e5f60005")))).as("an ARN names the resource too").containsExactly("IMDS-003");
        assertThat(suppressed(apply(TODAY, entry("resourceId: us-east-1")))).as("region defaults: the id is the region")
                .containsExactly("IMDS-004");
        assertThat(suppressed(apply(TODAY, entry("account: \"" + ACCOUNT + "\""))))
                .containsExactly("IMDS-002", "IMDS-003", "IMDS-004");
        assertThat(suppressed(apply(TODAY, entry("region: us-east-1")))).hasSize(3);
        assertThat(suppressed(apply(TODAY, entry("tag: Name=bastion")))).containsExactly("IMDS-002");
        assertThat(warnings).isEmpty();
    }

    @Test
    void allGivenKeysMustMatch() throws Exception {
        assertThat(suppressed(apply(TODAY, entry("ruleId: IMDS-002\n    tag: Name=queue-worker")))).isEmpty();
        assertThat(suppressed(apply(TODAY, entry("ruleId: IMDS-002\n    region: eu-west-1")))).isEmpty();
        assertThat(suppressed(apply(TODAY, entry("ruleId: IMDS-002\n    account: \"999999999999\"")))).isEmpty();
        assertThat(suppressed(apply(TODAY, entry("ruleId: IMDS-003\n    tag: Name=queue-worker"))))
                .containsExactly("IMDS-003");
        assertThat(warnings).hasSize(3).allMatch(w -> w.endsWith("matches nothing"));
    }

    @Test
    void aTagNeverMatchesRegionDefaultsNorATagWithAnotherValue() throws Exception {
        assertThat(suppressed(apply(TODAY, entry("tag: Name=us-east-1")))).isEmpty();
        assertThat(suppressed(apply(TODAY, entry("tag: Name=Bastion")))).as("values are exact").isEmpty();
    }

    @Test
    void anEntryAppliesThroughItsExpiryDayAndNotAfter() throws Exception {
        String yaml = entry("ruleId: IMDS-002\n    expires: 2027-03-31");
        Finding onTheDay = apply(TODAY, yaml).get(0);
        assertThat(onTheDay.suppression()).isEqualTo(new Suppression("because", TODAY, "s.yaml#1"));
        assertThat(apply(TODAY.minusDays(30), yaml).get(0).suppressed()).isTrue();
        assertThat(warnings).isEmpty();

        assertThat(suppressed(apply(TODAY.plusDays(1), yaml))).isEmpty();
        assertThat(warnings).containsExactly("imdsguard: warning: s.yaml:2: suppression s.yaml#1 (ruleId IMDS-002)"
                + " expired on 2027-03-31; no longer applies");
    }

    @Test
    void theFirstMatchingEntryWinsAndALaterOneStillCountsAsMatching() throws Exception {
        List<Finding> out = apply(TODAY, """
                suppressions:
                  - tag: Name=bastion
                    reason: first
                  - ruleId: IMDS-002
                    reason: second
                """);
        assertThat(out.get(0).suppression()).isEqualTo(new Suppression("first", null, "s.yaml#1"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void anUnmatchedEntryIsWarnedAboutWithItsLineAndKeys() throws Exception {
        List<Finding> out = apply(TODAY, """
                suppressions:
                  - ruleId: IMDS-003
                    reason: used
                  - ruleId: IMDS-009
                    region: eu-west-1
                    reason: stale
                """);
        assertThat(suppressed(out)).containsExactly("IMDS-003");
        assertThat(out).as("nothing is dropped").hasSize(3);
        assertThat(warnings).containsExactly("imdsguard: warning: s.yaml:4: suppression s.yaml#2"
                + " (ruleId IMDS-009, region eu-west-1) matches nothing");
    }

    private static String entry(String keys) {
        return "suppressions:\n  - " + keys + "\n    reason: because\n";
    }
}
