package io.imdsguard.scan;

import io.imdsguard.analyze.SnapshotAnalyzer;
import io.imdsguard.analyze.network.ExposureSettings;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.report.Golden;
import io.imdsguard.report.Renderers;
import io.imdsguard.rules.BundledRules;
import io.imdsguard.rules.RuleEvaluator;
import io.imdsguard.rules.testing.CaseLoader;
import io.imdsguard.rules.testing.RuleTestCase;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The JSON report of every rule scenario and of the demo fleet, evidence included, against golden
 * files. They were written by this same test run on the code before evidence became typed records
 * (the last commit with Map evidence, eeabe7f), so the records must serialise to exactly the JSON
 * that schema v1 consumers already read. Regenerate only for an intended change of the report.
 */
class EvidenceGoldenTest {
    private static final Path PROJECT = Path.of(System.getProperty("imdsguard.projectDir", "."));

    @Test
    void everyScenarioAndTheDemoFleetReportAsRecorded() throws Exception {
        RuleEvaluator rules = new RuleEvaluator(BundledRules.get());
        for (RuleTestCase c : CaseLoader.load(PROJECT.resolve("src/test/resources/rules/scenarios"))) {
            List<Finding> findings = rules.evaluate(c.snapshot(), c.analysis().orElseThrow().toAnalysis(c.snapshot()));
            Golden.assertMatches(render(c.snapshot(), findings), "report/evidence/" + c.name() + ".json");
        }
        Snapshot demo = SnapshotIO.read(PROJECT.resolve("examples/demo-fleet.json"));
        List<Finding> findings = rules.evaluate(demo, new SnapshotAnalyzer(ExposureSettings.DEFAULT).analyze(demo));
        Golden.assertMatches(render(demo, findings), "report/evidence/demo-fleet.json");
    }

    private static String render(Snapshot s, List<Finding> findings) throws Exception {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        StringWriter out = new StringWriter();
        Renderers.byName("json").orElseThrow().render(
                new ScanResult("test", t, t, s.accounts(), s.regions(), s.gaps(), findings), out);
        return out.toString();
    }
}
