package io.imdsguard.audit;

import io.imdsguard.cli.CliRun;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.findings.evidence.InstanceEvidence;
import io.imdsguard.findings.evidence.RegionEvidence;
import io.imdsguard.findings.evidence.RuleDetails;
import io.imdsguard.inventory.CollectionGap;
import io.imdsguard.report.RenderOptions;
import io.imdsguard.report.Renderers;
import io.imdsguard.report.ReportFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report reader and merger offline: a report reads back to the result it was written from; merge rules. */
class ReportMergeTest {
    private static final Instant T0 = Instant.parse("2026-12-01T02:00:00Z");

    @TempDir
    Path dir;

    private static Finding instance(String account, String region, String id, Severity severity) {
        InstanceEvidence evidence = new InstanceEvidence(
                new InstanceEvidence.MetadataOptionsEvidence("optional", "enabled", 1, "running"), List.of(),
                null, null, List.of(), List.of("IMDSv1 usable"));
        return new Finding("IMDS-003", severity, "IMDSv1 usable", account, region,
                new ResourceRef(ResourceRef.EC2_INSTANCE, id, "web", "arn:aws:ec2:" + region + ":" + account
                        + ":instance/" + id), evidence, "Require IMDSv2", false, Finding.NEW);
    }

    private static Finding region(String account, String region) {
        return new Finding("IMDS-004", Severity.MEDIUM, "Region default", account, region,
                new ResourceRef(ResourceRef.EC2_REGION_DEFAULTS, region, null, null),
                new RegionEvidence("no-preference", null, null, null, List.of()), "Set the default", false,
                Finding.EXISTING);
    }

    private static ScanResult result(Instant start, List<String> accounts, List<Finding> findings,
                                     List<CollectionGap> gaps, String shard) {
        return new ScanResult("1.0.0", start, start.plusSeconds(30), accounts, List.of("us-east-1"), gaps, findings,
                List.of(), List.of(), shard);
    }

    private static String json(ScanResult result) throws Exception {
        StringWriter out = new StringWriter();
        Renderers.byName("json").orElseThrow().render(result, RenderOptions.DEFAULTS, out);
        return out.toString();
    }

    @Test
    void aReportReadsBackToTheResultItWasWrittenFrom() throws Exception {
        Finding suppressed = instance("111111111111", "us-east-1", "i-2", Severity.LOW)
                .suppressedBy(new Suppression("migration", LocalDate.parse("2027-03-31"), "s.yaml#1"));
        Finding custom = new Finding("ACME-1", Severity.INFO, "custom", "111111111111", "us-east-1",
                new ResourceRef("s3-bucket", "logs", null, null), new RuleDetails(List.of("why")), "fix", false,
                Finding.NEW);
        ScanResult written = result(T0, List.of("111111111111"), List.of(instance("111111111111", "us-east-1", "i-1",
                Severity.MEDIUM), region("111111111111", "us-east-1"), suppressed, custom),
                List.of(new CollectionGap("111111111111", "global", "s3", "ListBuckets", "AccessDenied: no")), "1/2");

        ReportReader.Report read = ReportReader.parse(json(written), "r.json");

        assertThat(read.toolVersion()).isEqualTo("1.0.0");
        assertThat(read.result()).isEqualTo(written);
        assertThat(json(read.result())).isEqualTo(json(written));
    }

    @Test
    void mergeUnitesDedupesRecountsAndDropsTheShard() throws Exception {
        Finding a = instance("111111111111", "us-east-1", "i-1", Severity.HIGH);
        Finding b = instance("222222222222", "us-east-1", "i-2", Severity.MEDIUM);
        CollectionGap gap = new CollectionGap("333333333333", "global", "sts", "AssumeRole", "AccessDenied: no");
        ScanResult one = result(T0, List.of("222222222222", "111111111111"), List.of(b, a), List.of(gap), "1/2");
        ScanResult two = result(T0.minusSeconds(5), List.of("111111111111", "333333333333"), List.of(a), List.of(gap),
                "2/2");

        ScanResult merged = ReportMerger.merge(List.of(ReportReader.parse(json(one), "1.json"),
                ReportReader.parse(json(two), "2.json")));

        assertThat(merged.findings()).containsExactly(a, b);
        assertThat(merged.gaps()).containsExactly(gap);
        assertThat(merged.accounts()).containsExactly("111111111111", "222222222222", "333333333333");
        assertThat(merged.startedAt()).isEqualTo(T0.minusSeconds(5));
        assertThat(merged.finishedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(merged.shard()).isNull();
        assertThat(merged.countsBySeverity().get(Severity.HIGH)).isEqualTo(1);
    }

    @Test
    void aMissingShardIsAGapAndAShardTwiceOrOfAnotherRunIsRefused() throws Exception {
        Finding a = instance("111111111111", "us-east-1", "i-1", Severity.LOW);
        ReportReader.Report first = ReportReader.parse(json(result(T0, List.of("111111111111"), List.of(a), List.of(),
                "1/3")), "1.json");
        ReportReader.Report third = ReportReader.parse(json(result(T0, List.of("111111111111"), List.of(), List.of(),
                "3/3")), "3.json");

        ScanResult merged = ReportMerger.merge(List.of(first, third));
        assertThat(merged.gaps()).singleElement().satisfies(g -> {
            assertThat(g.operation()).isEqualTo("merge");
            assertThat(g.error()).startsWith("shard 2/3 is missing");
        });

        assertThatThrownBy(() -> ReportMerger.merge(List.of(first, first)))
                .hasMessage("shard 1/3 given twice: 1.json and 1.json");
        ReportReader.Report ofTwo = ReportReader.parse(json(result(T0, List.of("111111111111"), List.of(), List.of(),
                "2/2")), "2of2.json");
        assertThatThrownBy(() -> ReportMerger.merge(List.of(first, ofTwo)))
                .hasMessageContaining("cannot merge shard 2/2 (2of2.json) with shards of 3 (1.json)");
        ReportReader.Report whole = ReportReader.parse(json(result(T0, List.of("111111111111"), List.of(), List.of(),
                null)), "whole.json");
        assertThatThrownBy(() -> ReportMerger.merge(List.of(whole, first)))
                .hasMessageStartingWith("cannot merge whole.json (a whole run) with shard reports");
        assertThat(ReportMerger.merge(List.of(whole, whole)).gaps()).isEmpty();
    }

    @Test
    void mergeRefusesAnotherSchemaVersionMalformedJsonAndMixedMajorVersions() throws Exception {
        String good = json(result(T0, List.of("111111111111"), List.of(), List.of(), null));
        Path v2 = Files.writeString(dir.resolve("v2.json"),
                good.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        Path broken = Files.writeString(dir.resolve("broken.json"),
                "{\n  \"schemaVersion\": 1,\n  \"scan\": {\"startedAt\": }\n}");
        Path ok = Files.writeString(dir.resolve("ok.json"), good);
        Path other = Files.writeString(dir.resolve("other.json"), good.replace("\"1.0.0\"", "\"2.0.0\""));

        CliRun wrongVersion = CliRun.of("merge", ok.toString(), v2.toString());
        assertThat(wrongVersion.exit()).isEqualTo(2);
        assertThat(wrongVersion.err()).contains("v2.json:2:21: schemaVersion: 2 is not supported");

        CliRun malformed = CliRun.of("merge", broken.toString());
        assertThat(malformed.exit()).isEqualTo(2);
        assertThat(malformed.err()).containsPattern("broken\\.json:3:\\d+: ");

        CliRun mixed = CliRun.of("merge", ok.toString(), other.toString());
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.err()).contains("different major versions");

        assertThatThrownBy(() -> ReportReader.parse("[]", "list.json")).isInstanceOf(ReportFormatException.class)
                .hasMessageStartingWith("list.json");
    }

    @Test
    void gapsAFieldShortStillMergeInOrderAndADirectoryIsNamed() throws Exception {
        String gapless = json(result(T0, List.of("111111111111"), List.of(), List.of(), null));
        // A hand-edited or foreign report may leave a gap's account out; sorting must not crash (exit 4).
        String noAccount = gapless.replace("\"gaps\" : [ ]", "\"gaps\" : [ {\"region\" : \"us-east-1\", "
                + "\"service\" : \"ec2\", \"operation\" : \"DescribeInstances\", \"error\" : \"denied\"} ]");
        assertThat(noAccount).as("the fixture must have changed").isNotEqualTo(gapless);
        Path a = Files.writeString(dir.resolve("a.json"), noAccount);
        Path b = Files.writeString(dir.resolve("b.json"), json(result(T0, List.of("222222222222"), List.of(),
                List.of(new CollectionGap("222222222222", "global", "sts", "AssumeRole", "AccessDenied: no")), null)));
        ScanResult merged = ReportMerger.merge(List.of(ReportReader.read(b), ReportReader.read(a)));
        assertThat(merged.gaps()).extracting(CollectionGap::account).containsExactly(null, "222222222222");
        assertThat(CliRun.of("merge", a.toString(), b.toString(), "--fail-on", "none", "-q").exit()).isEqualTo(3);

        CliRun directory = CliRun.of("merge", dir.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains(dir + ": is a directory");
    }

    @Test
    void mergeFailsOnNewOnlyWithReportsScannedAgainstABaseline() throws Exception {
        Finding existing = instance("111111111111", "us-east-1", "i-old", Severity.HIGH).withStatus(Finding.EXISTING);
        Finding fresh = instance("222222222222", "us-east-1", "i-new", Severity.HIGH);
        ScanResult shard1 = result(T0, List.of("111111111111"), List.of(existing), List.of(), "1/2")
                .comparedWith("last-night.json", List.of(existing), List.of());
        ScanResult shard2 = result(T0, List.of("222222222222"), List.of(fresh.withStatus(Finding.EXISTING)),
                List.of(), "2/2").comparedWith("last-night.json", List.of(fresh.withStatus(Finding.EXISTING)),
                List.of());
        Path one = Files.writeString(dir.resolve("one.json"), json(shard1));
        Path twoOld = Files.writeString(dir.resolve("two-old.json"), json(shard2));
        Path twoNew = Files.writeString(dir.resolve("two-new.json"), json(shard2.comparedWith("last-night.json",
                List.of(fresh), List.of())));
        Path noBaseline = Files.writeString(dir.resolve("plain.json"),
                json(result(T0, List.of("333333333333"), List.of(), List.of(), null)));

        assertThat(CliRun.of("merge", one.toString(), twoOld.toString(), "-q").exit())
                .as("HIGH findings fail --fail-on high").isEqualTo(1);
        assertThat(CliRun.of("merge", one.toString(), twoOld.toString(), "--fail-on-new", "-q").exit())
                .as("only existing findings").isEqualTo(0);
        CliRun failed = CliRun.of("merge", one.toString(), twoNew.toString(), "--fail-on-new");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.err()).contains("gate FAILED (--fail-on high --fail-on-new)");
        CliRun refused = CliRun.of("merge", noBaseline.toString(), "--fail-on-new");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("--fail-on-new: no report was scanned with --baseline");
    }

    @Test
    void mergeExitCodesFollowTheGate() throws Exception {
        Path high = Files.writeString(dir.resolve("high.json"), json(result(T0, List.of("111111111111"),
                List.of(instance("111111111111", "us-east-1", "i-1", Severity.HIGH)), List.of(), "1/2")));
        Path gap = Files.writeString(dir.resolve("gap.json"), json(result(T0, List.of("222222222222"), List.of(),
                List.of(new CollectionGap("222222222222", "global", "sts", "AssumeRole", "AccessDenied: no")), "2/2")));

        assertThat(CliRun.of("merge", high.toString(), gap.toString(), "-q").exit()).isEqualTo(1);
        assertThat(CliRun.of("merge", high.toString(), gap.toString(), "--fail-on", "critical", "-q").exit())
                .isEqualTo(3);
        // Shard 2/2 left out: the merged report has a gap for it, so it is incomplete, never a clean pass.
        CliRun sarif = CliRun.of("merge", high.toString(), "--fail-on", "none", "-f", "sarif");
        assertThat(sarif.exit()).as(sarif.err()).isEqualTo(3);
        assertThat(sarif.out()).contains("\"ruleId\" : \"IMDS-003\"").contains("shard 2/2 is missing");
        Path whole = Files.writeString(dir.resolve("whole.json"), json(result(T0, List.of("111111111111"),
                List.of(instance("111111111111", "us-east-1", "i-1", Severity.LOW)), List.of(), null)));
        assertThat(CliRun.of("merge", whole.toString(), "-q").exit()).isEqualTo(0);
    }

    @Test
    void aMissingShardIsWarnedAboutAndMakesTheMergeIncomplete() throws Exception {
        Path one = Files.writeString(dir.resolve("s1.json"), json(result(T0, List.of("111111111111"),
                List.of(), List.of(), "1/3")));
        Path three = Files.writeString(dir.resolve("s3.json"), json(result(T0, List.of("333333333333"),
                List.of(), List.of(), "3/3")));
        CliRun partial = CliRun.of("merge", one.toString(), three.toString(), "-q",
                "--fail-on", "none", "-f", "json", "-o", dir.resolve("m.json").toString());
        assertThat(partial.exit()).isEqualTo(3);
        assertThat(partial.err()).as("warned also with -q").contains("imdsguard: warning: shard 2/3 is missing");
        assertThat(ReportReader.read(dir.resolve("m.json")).result().gaps()).singleElement()
                .satisfies(g -> assertThat(ReportMerger.isMissingShard(g)).isTrue());

        Path two = Files.writeString(dir.resolve("s2.json"), json(result(T0, List.of("222222222222"),
                List.of(), List.of(), "2/3")));
        CliRun whole = CliRun.of("merge", one.toString(), two.toString(), three.toString(), "--fail-on", "none",
                "-f", "json", "-o", dir.resolve("w.json").toString());
        assertThat(whole.exit()).as(whole.err()).isEqualTo(0);
        assertThat(whole.err()).doesNotContain("warning");
    }
}
