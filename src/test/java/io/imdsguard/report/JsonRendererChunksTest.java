package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON report renders its findings in chunks on several threads and joins the text: whatever the
 * chunk size, the bytes must be those of one generator (the golden files were written by one).
 */
class JsonRendererChunksTest {

    @ParameterizedTest(name = "{0} findings per chunk")
    @ValueSource(ints = {1, 2, 3})
    void chunksJoinToTheGoldenReport(int perChunk) throws IOException {
        assertThat(render(new JsonRenderer(perChunk), SampleResults.sample()))
                .isEqualTo(render(new JsonRenderer(1000), SampleResults.sample()));
        Golden.assertMatches(render(new JsonRenderer(perChunk), SampleResults.sample()), "report/golden/mixed.json");
        Golden.assertMatches(render(new JsonRenderer(perChunk), SampleResults.suppressedAndBaseline()),
                "report/golden/suppressed-baseline.json");
    }

    @Test
    void manyChunksOnEveryThreadKeepTheFindingsInOrder() throws IOException {
        ScanResult sample = SampleResults.sample();
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            Finding f = sample.findings().get(i % sample.findings().size());
            many.add(new Finding(f.ruleId(), f.severity(), f.title() + " #" + i, f.account(), f.region(), f.resource(),
                    f.evidence(), f.remediation(), f.suppressed(), f.status(), f.suppression()));
        }
        ScanResult big = sample.withFindings(many, sample.resolved());
        String whole = render(new JsonRenderer(many.size()), big);
        assertThat(whole).contains("#0\"").contains("#699\"");
        assertThat(whole.indexOf("#41\"")).isLessThan(whole.indexOf("#42\""));
        for (int perChunk : new int[] {1, 7, 64, 699}) {
            assertThat(render(new JsonRenderer(perChunk), big)).as("%d per chunk", perChunk).isEqualTo(whole);
        }
    }

    @ParameterizedTest(name = "{0} findings per chunk")
    @ValueSource(ints = {1, 2, 1000})
    void bytesForAFileAreTheTextEncoded(int perChunk) throws IOException {
        ScanResult sample = SampleResults.sample();
        List<Finding> findings = new ArrayList<>();
        for (Finding f : sample.findings()) {
            // Two-, three- and four-byte UTF-8 (a surrogate pair in Java), and a control character to escape.
            findings.add(new Finding(f.ruleId(), f.severity(), f.title() + " caf\u00e9 \u2713 \ud834\udd1e \u0007",
                    f.account(), f.region(), f.resource(), f.evidence(), f.remediation(), f.suppressed(), f.status(),
                    f.suppression()));
        }
        ScanResult result = sample.withFindings(findings, sample.resolved());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new JsonRenderer(perChunk).render(result, RenderOptions.DEFAULTS, bytes);
        String text = render(new JsonRenderer(perChunk), result);
        // Jackson escapes a character beyond the Basic Multilingual Plane either way.
        assertThat(text).contains("caf\u00e9 \u2713 \\uD834\\uDD1E \\u0007");
        assertThat(bytes.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noFindingsIsAnEmptyArray() throws IOException {
        Golden.assertMatches(render(new JsonRenderer(2), SampleResults.empty()), "report/golden/empty.json");
    }

    private static String render(JsonRenderer renderer, ScanResult result) throws IOException {
        StringWriter out = new StringWriter();
        renderer.render(result, out);
        return out.toString();
    }
}
