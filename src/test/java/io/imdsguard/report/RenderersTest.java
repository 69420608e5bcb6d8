package io.imdsguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RenderersTest {

    /** The golden-file cases: each a fixed scan result, named as its files are. */
    private static final Map<String, Supplier<ScanResult>> CASES = new LinkedHashMap<>();

    static {
        CASES.put("mixed", SampleResults::sample);
        CASES.put("empty", SampleResults::empty);
        CASES.put("gaps", SampleResults::withGaps);
        CASES.put("suppressed-baseline", SampleResults::suppressedAndBaseline);
    }

    /** Every registered format times every case: a new format without golden files fails here. */
    static Stream<Arguments> formatsAndCases() {
        return Renderers.names().stream().flatMap(format -> CASES.keySet().stream().map(c -> Arguments.of(format, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formatsAndCases")
    void matchesGoldenFile(String format, String name) throws Exception {
        Renderer renderer = Renderers.byName(format).orElseThrow();
        StringWriter out = new StringWriter();
        renderer.render(CASES.get(name).get(), out);
        Golden.assertMatches(out.toString(), "report/golden/" + name + "." + renderer.fileExtension());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mixed", "suppressed-baseline"})
    void wideTableMatchesGoldenFile(String name) throws Exception {
        StringWriter out = new StringWriter();
        new TableRenderer().render(CASES.get(name).get(),
                new RenderOptions(Optional.of(Severity.HIGH), true, false, OptionalInt.of(60)), out);
        Golden.assertMatches(out.toString(), "report/golden/" + name + "-wide.txt");
    }

    @Test
    void jsonKeepsSchemaV1Contract() throws Exception {
        StringWriter out = new StringWriter();
        new JsonRenderer().render(SampleResults.sample(), out);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertThat(root.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(root.at("/tool/name").asText()).isEqualTo("imdsguard");
        assertThat(root.at("/scan/gaps/0/operation").asText()).isEqualTo("DescribeNatGateways");
        // Suppressed findings stay in the list but do not count in the summary.
        assertThat(root.at("/summary/LOW").asInt()).isZero();
        assertThat(root.at("/summary/CRITICAL").asInt()).isEqualTo(1);
        JsonNode finding = root.at("/findings/0");
        for (String field : new String[] {"ruleId", "severity", "title", "account", "region", "resource", "evidence",
            "remediation", "suppressed", "status"}) {
            assertThat(finding.has(field)).as(field).isTrue();
        }
        assertThat(finding.at("/resource/name").asText()).isEqualTo("web-1");
        assertThat(root.at("/findings/1/resource/type").asText()).isEqualTo("ec2-region-defaults");
        assertThat(root.at("/findings/1/resource/name").isNull()).isTrue();
    }

    @Test
    void controlCharactersInTagsNeverReachTheTerminalOrTheXml() throws Exception {
        ScanResult sample = SampleResults.sample();
        Finding f = sample.findings().get(0);
        String hostile = "web\u001b]8;;http://evil\u0007\u202Eexe";
        Finding tagged = new Finding(f.ruleId(), f.severity(), f.title(), f.account(), f.region(),
                new ResourceRef(f.resource().type(), f.resource().id(), hostile, f.resource().arn()),
                f.evidence(), f.remediation(), false, f.status());
        ScanResult result = new ScanResult(sample.toolVersion(), sample.startedAt(), sample.finishedAt(),
                sample.accounts(), sample.regions(), sample.gaps(), List.of(tagged));
        for (String format : List.of("table", "junit")) {
            StringWriter out = new StringWriter();
            Renderers.byName(format).orElseThrow().render(result, out);
            assertThat(out.toString()).as(format).doesNotContain("\u001b").doesNotContain("\u0007")
                    .doesNotContain("\u202E").contains("web?]8;;http://evil??exe");
        }
    }

    @Test
    void theHtmlHeaderNeverShowsAnIncompleteScanAsPassed() throws Exception {
        ScanResult gaps = SampleResults.withGaps();
        ScanResult gapsOnly = new ScanResult(gaps.toolVersion(), gaps.startedAt(), gaps.finishedAt(), gaps.accounts(),
                gaps.regions(), gaps.gaps(), List.of(), gaps.rules());
        StringWriter out = new StringWriter();
        new HtmlRenderer().render(gapsOnly, out);
        assertThat(gapsOnly.gaps()).isNotEmpty();
        assertThat(out.toString()).contains("class=\"gate incomplete\"").doesNotContain("Gate passed")
                .contains("No findings in what was read");

        StringWriter off = new StringWriter();
        new HtmlRenderer().render(gapsOnly, new RenderOptions(Optional.empty(), false, false, OptionalInt.empty()), off);
        assertThat(off.toString()).contains("class=\"gate incomplete\"");
    }

    @Test
    void unknownFormatIsEmpty() {
        assertThat(Renderers.byName("pdf")).isEmpty();
    }
}
