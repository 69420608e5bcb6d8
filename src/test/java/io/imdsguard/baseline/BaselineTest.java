package io.imdsguard.baseline;

import io.imdsguard.examples.DemoFleet;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.report.RenderOptions;
import io.imdsguard.report.Renderers;
import io.imdsguard.report.ReportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** New, existing and resolved against a baseline, and resolved only where the scan looked. */
class BaselineTest {
    private static final String ACCOUNT = DemoFleet.ACCOUNT;
    private static final String OTHER = "444455556666";
    private static final Snapshot DEMO = DemoFleet.snapshot();

    private static Finding now(String rule, String id) {
        return new Finding(rule, Severity.HIGH, "t", ACCOUNT, "us-east-1",
                new ResourceRef(ResourceRef.EC2_INSTANCE, id, null, null), null, "r", false, null);
    }

    private static ResolvedFinding before(String rule, String account, String region, String id) {
        return new ResolvedFinding(rule, Severity.CRITICAL, account, region, "ec2-instance", id, "name-" + id);
    }

    private static List<String> resolvedIds(Baseline.Comparison c) {
        return c.resolved().stream().map(ResolvedFinding::resourceId).toList();
    }

    @Test
    void aFindingTheBaselineHadIsExistingAnyOtherIsNewAndOneGoneIsResolved() {
        Baseline baseline = new Baseline("before.json", List.of(before("IMDS-002", ACCOUNT, "us-east-1", "i-1"),
                before("IMDS-001", ACCOUNT, "us-east-1", "i-gone")));
        Baseline.Comparison c = baseline.compare(List.of(now("IMDS-002", "i-1"), now("IMDS-003", "i-1")),
                Coverage.of(DEMO));
        assertThat(c.findings()).extracting(Finding::status).containsExactly(Finding.EXISTING, Finding.NEW);
        assertThat(c.resolved()).containsExactly(new ResolvedFinding("IMDS-001", Severity.CRITICAL, ACCOUNT,
                "us-east-1", "ec2-instance", "i-gone", "name-i-gone"));
    }

    @Test
    void theSameResourceUnderAnotherRuleIsANewFinding() {
        Baseline baseline = new Baseline("before.json", List.of(before("IMDS-001", ACCOUNT, "us-east-1", "i-1")));
        Baseline.Comparison c = baseline.compare(List.of(now("IMDS-002", "i-1")), Coverage.of(DEMO));
        assertThat(c.findings().get(0).status()).isEqualTo(Finding.NEW);
        assertThat(resolvedIds(c)).containsExactly("i-1");
    }

    @Test
    void onlyTheUnitsTheScanCoveredCanResolve() {
        // A one-region scan: us-east-1 only, as a shard or --regions us-east-1 would have it.
        Snapshot oneRegion = new Snapshot(DEMO.schemaVersion(), DEMO.collectedAt(), DEMO.accounts(),
                List.of("us-east-1"), DEMO.accountInventories(),
                DEMO.regionInventories().stream().filter(r -> r.region().equals("us-east-1")).toList(), List.of());
        Baseline baseline = new Baseline("before.json", List.of(before("IMDS-001", ACCOUNT, "us-east-1", "i-here"),
                before("IMDS-001", ACCOUNT, "eu-west-1", "i-other-region"),
                before("IMDS-001", OTHER, "us-east-1", "i-other-account"),
                before("IAM-001", ACCOUNT, "global", "role-here"),
                before("IAM-001", OTHER, "global", "role-other-account")));
        assertThat(resolvedIds(baseline.compare(List.of(), Coverage.of(oneRegion))))
                .containsExactly("i-here", "role-here");
        assertThat(resolvedIds(baseline.compare(List.of(), Coverage.of(DEMO))))
                .containsExactly("i-here", "i-other-region", "role-here");
    }

    @Test
    void aUnitWithACollectionGapResolvesNothing() {
        Baseline baseline = new Baseline("before.json", List.of(before("IMDS-001", ACCOUNT, "us-east-1", "i-us"),
                before("IMDS-001", ACCOUNT, "eu-west-1", "i-eu")));
        Snapshot regionGap = withGaps(new CollectionGap(ACCOUNT, "us-east-1", "ec2", "DescribeInstances", "denied"));
        assertThat(resolvedIds(baseline.compare(List.of(), Coverage.of(regionGap)))).containsExactly("i-eu");
        Snapshot iamGap = withGaps(new CollectionGap(ACCOUNT, "global", "iam", "ListRoles", "denied"));
        assertThat(resolvedIds(baseline.compare(List.of(), Coverage.of(iamGap))))
                .as("regional findings depend on the account's IAM").isEmpty();
    }

    @Test
    void aBaselineIsReadByTheReaderMergeUsesAndAMalformedOneNamesTheField(@TempDir Path dir) throws Exception {
        Finding live = now("IMDS-002", "i-1");
        ScanResult before = new ScanResult("1.0.0", Instant.EPOCH, Instant.EPOCH, List.of(ACCOUNT),
                List.of("us-east-1"), List.of(), List.of(live), List.of());
        StringWriter json = new StringWriter();
        Renderers.byName("json").orElseThrow().render(before, RenderOptions.DEFAULTS, json);
        Path report = Files.writeString(dir.resolve("before.json"), json.toString());
        Baseline baseline = Baseline.read(report);
        assertThat(baseline.source()).isEqualTo(report.toString());
        assertThat(baseline.compare(List.of(live), Coverage.of(DEMO)).findings())
                .extracting(Finding::status).containsExactly(Finding.EXISTING);

        Path noId = Files.writeString(dir.resolve("no-id.json"),
                json.toString().replace("\"id\" : \"i-1\"", "\"id\" : null"));
        assertThat(Files.readString(noId)).as("the fixture must have changed").isNotEqualTo(json.toString());
        assertThatThrownBy(() -> Baseline.read(noId)).isInstanceOf(ReportFormatException.class)
                .hasMessage(noId + ": findings[0].resource.id: missing");
    }

    private static Snapshot withGaps(CollectionGap... gaps) {
        return new Snapshot(DEMO.schemaVersion(), DEMO.collectedAt(), DEMO.accounts(), DEMO.regions(),
                DEMO.accountInventories(), DEMO.regionInventories(), List.of(gaps));
    }
}
