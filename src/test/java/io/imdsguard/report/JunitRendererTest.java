package io.imdsguard.report;

import io.imdsguard.findings.GatePolicy;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class JunitRendererTest {
    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    private static Document junit(Optional<Severity> failOn) throws Exception {
        StringWriter out = new StringWriter();
        new JunitRenderer().render(SampleResults.sample(), new RenderOptions(failOn, false, false, OptionalInt.empty()), out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(out.toString())));
    }

    private static String eval(Document doc, String xpath) throws Exception {
        return XPATH.evaluate(xpath, doc);
    }

    @Test
    void failOnNoneFailsNoTestCaseAndKeepsTheFindingsAsPassedCases() throws Exception {
        Document doc = junit(Optional.empty());
        assertThat(eval(doc, "count(//failure)")).isEqualTo("0");
        assertThat(eval(doc, "/testsuites/@failures")).isEqualTo("0");
        String critical = "//testcase[@classname='IMDS-001']";
        assertThat(eval(doc, critical + "/properties/property[@name='severity']/@value")).isEqualTo("CRITICAL");
        assertThat(eval(doc, critical + "/properties/property[@name='rule']/@value")).isEqualTo("IMDS-001");
        assertThat(eval(doc, critical + "/properties/property[@name='resource']/@value")).isEqualTo("i-0abc");
        assertThat(eval(doc, critical + "/properties/property[@name='remediation']/@value")).contains("--instance-id i-0abc");
        assertThat(eval(doc, "count(//error)")).as("collection gaps still error").isEqualTo("1");
    }

    @Test
    void onlyFindingsAtOrAboveTheThresholdFail() throws Exception {
        Document doc = junit(Optional.of(Severity.HIGH));
        assertThat(eval(doc, "count(//testcase[@classname='IMDS-001']/failure)")).isEqualTo("1");
        assertThat(eval(doc, "count(//testcase[@classname='IMDS-004']/failure)")).as("MEDIUM is below high").isEqualTo("0");
        assertThat(eval(doc, "//testcase[@classname='IMDS-004']/properties/property[@name='severity']/@value")).isEqualTo("MEDIUM");
        assertThat(eval(doc, "count(//testcase[@classname='IMDS-005']/skipped)")).as("suppressed").isEqualTo("1");
        assertThat(eval(doc, "/testsuites/@failures")).isEqualTo("1");

        Document medium = junit(Optional.of(Severity.MEDIUM));
        assertThat(eval(medium, "/testsuites/@failures")).isEqualTo("2");
        Element failure = (Element) XPATH.evaluate("//testcase[@classname='IMDS-004']/failure", medium,
                javax.xml.xpath.XPathConstants.NODE);
        assertThat(failure.getAttribute("type")).isEqualTo("MEDIUM");
    }

    private static Document junit(ScanResult result, GatePolicy gate) throws Exception {
        StringWriter out = new StringWriter();
        new JunitRenderer().render(result, new RenderOptions(gate, false, false, OptionalInt.empty()), out);
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(out.toString())));
    }

    @Test
    void oneSuitePerAccountAndRegionEvenWhenClean() throws Exception {
        Document doc = junit(SampleResults.suppressedAndBaseline(), GatePolicy.DEFAULT);
        assertThat(eval(doc, "count(/testsuites/testsuite)")).isEqualTo("4");
        assertThat(eval(doc, "/testsuites/testsuite[1]/@name")).isEqualTo("123456789012/eu-west-1");
        assertThat(eval(doc, "/testsuites/testsuite[@name='210987654321/eu-west-1']/testcase/@name"))
                .isEqualTo("no findings");
        assertThat(eval(doc, "count(/testsuites/testsuite[@name='210987654321/us-east-1']/testcase"
                + "[@classname='IMDS-006'])")).isEqualTo("1");
        Document gaps = junit(SampleResults.withGaps(), GatePolicy.DEFAULT);
        assertThat(eval(gaps, "/testsuites/testsuite[@name='210987654321/us-east-1']/testcase/error/@type"))
                .isEqualTo("CollectionGap");
    }

    @Test
    void suppressedFindingsAreSkippedWithTheirReasonAndFailuresAreExactlyTheGates() throws Exception {
        ScanResult result = SampleResults.suppressedAndBaseline();
        Document doc = junit(result, new GatePolicy(Optional.of(Severity.MEDIUM), false));
        assertThat(eval(doc, "//testcase[@classname='IMDS-004']/skipped/@message"))
                .isEqualTo("suppressed: accepted until the Q3 migration (until 2026-09-30)");
        assertThat(eval(doc, "count(//testcase[@classname='IMDS-004']/failure)")).as("suppressed never fails")
                .isEqualTo("0");
        assertThat(eval(doc, "/testsuites/@failures")).isEqualTo("2");
        // --fail-on-new: the existing CRITICAL passes, only the new MEDIUM fails.
        GatePolicy newOnly = new GatePolicy(Optional.of(Severity.MEDIUM), true);
        Document onlyNew = junit(result, newOnly);
        assertThat(eval(onlyNew, "/testsuites/@failures")).isEqualTo("1");
        assertThat(eval(onlyNew, "count(//testcase[@classname='IMDS-006']/failure)")).isEqualTo("1");
        assertThat(Integer.parseInt(eval(onlyNew, "/testsuites/@failures")))
                .isEqualTo((int) result.findings().stream().filter(newOnly::fails).count());
    }
}
