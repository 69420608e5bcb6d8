package io.imdsguard.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.imdsguard.findings.ScanResult;

import java.io.IOException;
import java.io.Writer;

/**
 * One self-contained HTML page for people: summary by severity, account and region, filters, each finding
 * with its evidence, remediation and attack path (inline SVG), gaps and resolved findings. The CSS and
 * script are inlined and nothing is fetched, so the file works offline from a {@code file://} URL and as
 * a CI artifact. Mustache escapes every value it writes, and all text from AWS reaches the page only as
 * such a value (never through triple braces), so a tag cannot add markup or script.
 */
public final class HtmlRenderer implements Renderer {
    /**
     * Compiled on first use (not when the registry lists the formats, so other formats pay nothing) and then
     * kept: a compiled template holds no state per render.
     */
    private static final class Template {
        static final Mustache PAGE = new DefaultMustacheFactory("report").compile("report.html.mustache");
    }

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String fileExtension() {
        return "html";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        Template.PAGE.execute(out, HtmlView.of(result, options));
        out.flush();
    }
}
