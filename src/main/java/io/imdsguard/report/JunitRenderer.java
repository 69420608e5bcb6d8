package io.imdsguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlElementWrapper;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlProperty;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlRootElement;
import com.fasterxml.jackson.dataformat.xml.annotation.JacksonXmlText;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML for CI test dashboards: one test suite per account and region ({@code <account>/<region>}),
 * one test case per finding, failing exactly when the finding fails the gate ({@link RenderOptions#gate()}:
 * {@code --fail-on}, {@code --fail-on-new}), passing otherwise, skipped with the suppression's reason when
 * suppressed; every finding's case carries its severity, rule, resource and remediation as properties.
 * A collection gap is an erroring case (class "imdsguard.collection") in its account and region's suite.
 * A scanned account and region without findings has one passing case, so the dashboard shows it ran.
 */
public final class JunitRenderer implements Renderer {
    private static final XmlMapper XML = XmlMapper.builder()
            .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    @Override
    public String format() {
        return "junit";
    }

    @Override
    public String fileExtension() {
        return "xml";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        Map<String, List<TestCase>> bySuite = new TreeMap<>();
        // Every scanned account x region gets its suite, a clean one too: the dashboard shows it was covered.
        for (String account : result.accounts()) {
            for (String region : result.regions()) {
                bySuite.put(suite(account, region), new ArrayList<>());
            }
        }
        for (Finding f : result.findings()) {
            String name = f.ruleId() + " " + Printable.of(f.resource().id()
                    + (f.resource().name() == null ? "" : " (" + f.resource().name() + ")"));
            Problem failure = options.gate().fails(f)
                    ? new Problem(f.severity() + ": " + f.title(), f.severity().name(), Printable.of(f.remediation()))
                    : null;
            TestCase c = new TestCase(name, f.ruleId(), properties(f), failure, null,
                    f.suppressed() ? skipped(f) : null);
            bySuite.computeIfAbsent(suite(f.account(), f.region()), k -> new ArrayList<>()).add(c);
        }
        for (CollectionGap g : result.gaps()) {
            bySuite.computeIfAbsent(suite(g.account(), g.region()), k -> new ArrayList<>()).add(new TestCase(
                    "collection gap " + g.service() + ":" + g.operation(), "imdsguard.collection", null, null,
                    new Problem("collection gap", "CollectionGap", Printable.of(g.error())), null));
        }
        List<TestSuite> suites = new ArrayList<>();
        bySuite.forEach((suite, cases) -> suites.add(TestSuite.of(suite, cases.isEmpty()
                ? List.of(new TestCase("no findings", "imdsguard", null, null, null, null)) : cases)));
        if (suites.isEmpty()) {
            suites.add(TestSuite.of("imdsguard", List.of(new TestCase("scan " + String.join(",", result.regions()),
                    "imdsguard", null, null, null, null))));
        }
        XML.writerWithDefaultPrettyPrinter()
                .writeValue(out, new TestSuites("imdsguard " + result.toolVersion(), suites));
        out.write(System.lineSeparator());
        out.flush();
    }

    /** A suite's name, {@code <account>/<region>}: CI dashboards group and sort by it. */
    private static String suite(String account, String region) {
        return account + "/" + region;
    }

    private static Skipped skipped(Finding f) {
        if (f.suppression() == null) {
            return new Skipped("suppressed");
        }
        return new Skipped(Printable.of("suppressed: " + f.suppression().reason()
                + (f.suppression().expires() == null ? "" : " (until " + f.suppression().expires() + ")")));
    }

    private static List<Property> properties(Finding f) {
        List<Property> properties = new ArrayList<>(List.of(new Property("severity", f.severity().name()),
                new Property("rule", f.ruleId()), new Property("resource", Printable.of(f.resource().id())),
                new Property("status", f.suppressed() ? "suppressed" : f.status()),
                new Property("remediation", Printable.of(f.remediation()))));
        String usage = UsageText.of(f);
        if (!usage.isEmpty()) {
            properties.add(new Property("imdsV1Usage", Printable.of(usage)));
        }
        return properties;
    }

    @JacksonXmlRootElement(localName = "testsuites")
    @JsonPropertyOrder({"name", "tests", "failures", "errors", "suites"})
    record TestSuites(@JacksonXmlProperty(isAttribute = true) String name,
                      @JacksonXmlProperty(localName = "testsuite") @JacksonXmlElementWrapper(useWrapping = false)
                      List<TestSuite> suites) {
        @JacksonXmlProperty(isAttribute = true)
        public int getTests() {
            return suites.stream().mapToInt(TestSuite::tests).sum();
        }

        @JacksonXmlProperty(isAttribute = true)
        public int getFailures() {
            return suites.stream().mapToInt(TestSuite::failures).sum();
        }

        @JacksonXmlProperty(isAttribute = true)
        public int getErrors() {
            return suites.stream().mapToInt(TestSuite::errors).sum();
        }
    }

    @JsonPropertyOrder({"name", "tests", "failures", "errors", "skipped", "cases"})
    record TestSuite(@JacksonXmlProperty(isAttribute = true) String name,
                     @JacksonXmlProperty(isAttribute = true) int tests,
                     @JacksonXmlProperty(isAttribute = true) int failures,
                     @JacksonXmlProperty(isAttribute = true) int errors,
                     @JacksonXmlProperty(isAttribute = true) int skipped,
                     @JacksonXmlProperty(localName = "testcase") @JacksonXmlElementWrapper(useWrapping = false)
                     List<TestCase> cases) {
        static TestSuite of(String name, List<TestCase> cases) {
            return new TestSuite(name, cases.size(), (int) cases.stream().filter(c -> c.failure() != null).count(),
                    (int) cases.stream().filter(c -> c.error() != null).count(),
                    (int) cases.stream().filter(c -> c.skipped() != null).count(), cases);
        }
    }

    @JsonPropertyOrder({"name", "classname", "properties", "failure", "error", "skipped"})
    record TestCase(@JacksonXmlProperty(isAttribute = true) String name,
                    @JacksonXmlProperty(isAttribute = true) String classname,
                    @JacksonXmlElementWrapper(localName = "properties") @JacksonXmlProperty(localName = "property")
                    List<Property> properties,
                    Problem failure, Problem error, Skipped skipped) {
    }

    record Property(@JacksonXmlProperty(isAttribute = true) String name,
                    @JacksonXmlProperty(isAttribute = true) String value) {
    }

    @JsonPropertyOrder({"message", "type", "text"})
    record Problem(@JacksonXmlProperty(isAttribute = true) String message,
                   @JacksonXmlProperty(isAttribute = true) String type,
                   @JacksonXmlText String text) {
    }

    record Skipped(@JacksonXmlProperty(isAttribute = true) String message) {
    }
}
