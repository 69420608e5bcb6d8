package io.imdsguard.report;

import io.imdsguard.findings.ScanResult;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;

/** Writes a scan result in one output format. One implementation per format, found by {@link Renderers}. */
public interface Renderer {
    /** The name used with {@code --format}. */
    String format();

    /** The file extension used when {@code --output} names a directory. */
    String fileExtension();

    void render(ScanResult result, RenderOptions options, Writer out) throws IOException;

    /**
     * Renders as UTF-8 bytes, for a file; {@code out} stays open. By default the text, encoded as it is
     * written; a renderer that writes bytes itself overrides this with the same content.
     */
    default void render(ScanResult result, RenderOptions options, OutputStream out) throws IOException {
        Writer text = new Utf8Writer(out);
        render(result, options, text);
        text.flush();
    }

    /** Renders as for a file, with the default gate. */
    default void render(ScanResult result, Writer out) throws IOException {
        render(result, RenderOptions.DEFAULTS, out);
    }
}
