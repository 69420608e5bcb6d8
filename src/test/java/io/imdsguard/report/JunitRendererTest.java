package io.imdsguard.report;

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
}
