package io.imdsguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.InstanceSpec;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.HeadlessChromium;
import io.imdsguard.testing.IamFleet;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.NetworkFleet;
import io.imdsguard.testing.SgRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything from AWS is untrusted: an instance whose Name tag is markup, seeded through the SDK into the
 * emulator and scanned into every format at once, comes out as text in each: printable in the table, the
 * same string in JSON and SARIF, well-formed escaped XML in JUnit, and escaped HTML that Chromium parses
 * into no {@code <img>} element and runs no script of.
 */
class HostileTagReportTest {
    private static final String REGION = "us-east-1";
    private static final String NAME = "<img src=x onerror=alert(1)>";
    private static final String TEAM = "\"><script>alert(2)</script>";

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @TempDir
    static Path dir;
    static Path reports;
    static CliRun scan;

    @BeforeAll
    static void seedAndScanIntoEveryFormat() {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", REGION);
        try (FleetBuilder fleet = AWS.fleet(REGION)) {
            NetworkFleet net = fleet.network();
            NetworkFleet.VpcRef vpc = net.vpc("10.0.0.0/16", false);
            String subnet = net.subnet(vpc.id(), "10.0.1.0/24", null, true);
            String igw = net.internetGateway(vpc.id());
            net.route(net.routeTable(vpc.id(), subnet), "0.0.0.0/0", igw);
            String web = net.securityGroup(vpc.id(), "web");
            net.allowIngress(web, SgRule.tcp(80).fromCidr("0.0.0.0/0"));
            IamFleet iam = fleet.iam();
            iam.role("reader");
            iam.inlinePolicy("reader", "read", IamFleet.policy("Allow", List.of("s3:GetObject", "s3:ListBucket"), "*"));
            iam.instanceProfile("reader", "reader");
            fleet.compute().run(InstanceSpec.in(subnet).name(NAME).tag("team", TEAM).securityGroups(web)
                    .instanceProfile("reader").metadata(ImdsOptions.v1Allowed()));
        }
        reports = dir.resolve("reports");
        scan = CliRun.of("scan", "--regions", REGION, "--endpoint-url", AWS.endpoint().toString(), "--fail-on", "none",
                "-f", "table", "-f", "json", "-f", "sarif", "-f", "junit", "-f", "html", "-o", reports + "/");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    private static String report(String extension) throws Exception {
        assertThat(scan.exit()).as(scan.err()).isZero();
        return Files.readString(reports.resolve("imdsguard-report." + extension));
    }

    @Test
    void tableShowsTheNameAsPrintableText() throws Exception {
        String table = report("txt");
        assertThat(table).contains("IMDS-001").contains(NAME);
        assertThat(table.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r').count()).isZero();
    }

    @Test
    void jsonAndSarifCarryTheExactStringAsAJsonString() throws Exception {
        JsonNode json = new ObjectMapper().readTree(report("json"));
        assertThat(json.at("/findings/0/resource/name").asText()).isEqualTo(NAME);
        JsonNode sarif = new ObjectMapper().readTree(report("sarif"));
        assertThat(sarif.at("/runs/0/results/0/message/text").asText()).contains("(" + NAME + ")");
    }

    @Test
    void junitIsWellFormedAndTheNameIsEscapedText() throws Exception {
        String xml = report("xml");
        assertThat(xml).doesNotContain("<img").contains("&lt;img src=x onerror=alert(1)>");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(reports.resolve("imdsguard-report.xml").toFile());
        assertThat(XPathFactory.newInstance().newXPath().evaluate("//testcase[@classname='IMDS-001']/@name", doc))
                .isEqualTo("IMDS-001 " + scanInstanceId() + " (" + NAME + ")");
        assertThat(XPathFactory.newInstance().newXPath().evaluate("count(//img)", doc)).isEqualTo("0");
    }

    @Test
    void htmlEscapesTheNameAndChromiumBuildsNoElementFromIt() throws Exception {
        String html = report("html");
        assertThat(html).doesNotContain(NAME).doesNotContain("<img").doesNotContain("<script>alert")
                .contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;");
        try (HeadlessChromium browser = HeadlessChromium.open(reports.resolve("imdsguard-report.html").toUri()
                .toString(), 1280, 900)) {
            assertThat(browser.eval("document.querySelectorAll('img').length").asInt()).isZero();
            assertThat(browser.eval("document.scripts.length").asInt()).as("only the report's own script").isEqualTo(1);
            assertThat(browser.eval("document.querySelector('article.finding .name').textContent").asText())
                    .isEqualTo(NAME);
            assertThat(browser.eval("document.body.textContent.includes('" + NAME + "')").asBoolean()).isTrue();
            Path shot = Path.of(System.getProperty("imdsguard.projectDir", "."), "target/browser/hostile-tag.png");
            browser.screenshot(shot, false);
        }
    }

    private static String scanInstanceId() throws Exception {
        return new ObjectMapper().readTree(report("json")).at("/findings/0/resource/id").asText();
    }
}
