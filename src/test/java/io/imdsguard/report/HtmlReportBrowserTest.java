package io.imdsguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.imdsguard.cli.CliRun;
import io.imdsguard.testing.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of the demo fleet, scanned through the CLI, opened from a {@code file://} URL in headless
 * Chromium: it renders, the attack paths are drawn, and the filters hide exactly what they should when a
 * user ticks and picks. Screenshots stay in target/browser; with {@code -Dimdsguard.updateGolden=true} the
 * report and a screenshot of its top also become docs/sample-report.html and docs/sample-report.png.
 */
class HtmlReportBrowserTest {
    private static final Path PROJECT = Path.of(System.getProperty("imdsguard.projectDir", "."));
    private static final Path OUT = PROJECT.resolve("target/browser");
    private static HeadlessChromium browser;
    private static Path report;

    @BeforeAll
    static void openTheDemoReport() throws Exception {
        Files.createDirectories(OUT);
        report = OUT.resolve("demo-report.html");
        CliRun scan = CliRun.of("scan", "--snapshot", PROJECT.resolve("examples/demo-fleet.json").toString(),
                "--fail-on", "high", "--format", "html", "--output", report.toString());
        assertThat(scan.exit()).as(scan.err()).isEqualTo(1);
        browser = HeadlessChromium.open(report.toUri().toString(), 1360, 1000);
    }

    /** Each test starts from the page as loaded: unfiltered, scrolled to the top, nothing focused. */
    @BeforeEach
    void reload() throws Exception {
        browser.reload();
    }

    @AfterAll
    static void close() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void rendersEveryFindingAndTheSummaryOffline() throws Exception {
        assertThat(browser.eval("location.protocol").asText()).isEqualTo("file:");
        assertThat(browser.eval("document.title").asText()).startsWith("imdsguard report");
        assertThat(browser.eval("document.querySelectorAll('article.finding').length").asInt()).isEqualTo(8);
        assertThat(browser.eval("[...document.querySelectorAll('article.finding')].every(a => a.offsetHeight > 0)")
                .asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelector('.card.critical .n').textContent").asText()).isEqualTo("3");
        assertThat(browser.eval("document.getElementById('gate').textContent").asText()).startsWith("Gate failed");
        assertThat(browser.eval("document.getElementById('shown').textContent").asText())
                .isEqualTo("8 of 8 findings shown");
        // Nothing is fetched: no element loads from anywhere (the page is one file).
        assertThat(browser.eval("document.querySelectorAll('[src], link[href]').length").asInt()).isZero();
        assertThat(browser.eval("performance.getEntriesByType('resource').length").asInt()).isZero();
        browser.screenshot(OUT.resolve("demo-report-full.png"), true);
    }

    @Test
    void attackPathPicturesAreVisible() throws Exception {
        JsonNode sizes = browser.eval("[...document.querySelectorAll('svg.attack-path')].map(s => {"
                + " s.scrollIntoView(); const r = s.getBoundingClientRect();"
                + " return {w: r.width, h: r.height, boxes: s.querySelectorAll('rect').length,"
                + " edges: s.querySelectorAll('path.edge').length,"
                + " shown: getComputedStyle(s).visibility === 'visible'"
                + " && getComputedStyle(s).display !== 'none'}; })");
        // Every finding on a reachable instance or one with a role has a picture: IMDS-001 x3, -002, -006.
        assertThat(sizes).hasSize(5);
        for (JsonNode s : sizes) {
            assertThat(s.get("w").asDouble()).isPositive();
            assertThat(s.get("h").asDouble()).isPositive();
            assertThat(s.get("boxes").asInt()).isGreaterThanOrEqualTo(5);
            assertThat(s.get("edges").asInt()).isGreaterThanOrEqualTo(4);
            assertThat(s.get("shown").asBoolean()).isTrue();
        }
        // The picture of the load-balanced instance names the load balancer and its listener.
        String lb = browser.eval("document.querySelector('article[data-rule=\"IMDS-006\"] svg').textContent").asText();
        assertThat(lb).contains("load balancer").contains("checkout").contains("HTTPS:443").contains("customer-data");
    }

    @Test
    void filtersHideWhatTheyShould() throws Exception {
        browser.click("label.chip.critical input");
        assertThat(browser.eval("document.querySelector('label.chip.critical input').checked").asBoolean())
                .isFalse();
        assertThat(visible("CRITICAL")).isZero();
        assertThat(visible("HIGH") + visible("MEDIUM") + visible("LOW")).isEqualTo(5);
        assertThat(browser.eval("document.getElementById('shown').textContent").asText())
                .isEqualTo("5 of 8 findings shown");
        browser.screenshot(OUT.resolve("demo-report-filtered.png"), false);

        // The rule filter by keyboard, as a user picks from a closed list: IMDS-001 is hidden by severity
        // already, so the first choice (IMDS-001) shows nothing and says so; the next (IMDS-002) one finding.
        browser.eval("document.getElementById('filter-rule').focus()");
        browser.press("ArrowDown", 40);
        assertThat(browser.eval("document.getElementById('filter-rule').value").asText()).isEqualTo("IMDS-001");
        assertThat(browser.eval("document.getElementById('none-shown').hidden").asBoolean()).isFalse();
        browser.press("ArrowDown", 40);
        assertThat(browser.eval("[...document.querySelectorAll('article.finding')].filter(a => !a.hidden)"
                + ".map(a => a.dataset.rule)")).hasSize(1).allMatch(n -> n.asText().equals("IMDS-002"));
    }

    @Test
    void screenshotOfTheTopForTheDocs() throws Exception {
        browser.eval("window.scrollTo(0, 0)"); // a reload keeps the scroll position
        Path png = browser.screenshot(OUT.resolve("demo-report.png"), false);
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).hasSizeGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        if (Boolean.getBoolean("imdsguard.updateGolden")) {
            Files.copy(png, PROJECT.resolve("docs/sample-report.png"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(report, PROJECT.resolve("docs/sample-report.html"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** How many findings of this severity a reader sees (laid out, not hidden). */
    private static int visible(String severity) {
        return browser.eval("[...document.querySelectorAll('article.finding[data-severity=\"" + severity + "\"]')]"
                + ".filter(a => a.offsetParent !== null).length").asInt();
    }
}
