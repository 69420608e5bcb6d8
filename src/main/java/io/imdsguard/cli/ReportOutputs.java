package io.imdsguard.cli;

import io.imdsguard.findings.ScanResult;
import io.imdsguard.report.RenderOptions;
import io.imdsguard.report.Renderer;
import io.imdsguard.report.Renderers;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where each requested format goes: stdout when there is no {@code --output}; the named file for one
 * format; {@code DIR/imdsguard-report.<ext>} per format when {@code --output} is a directory (required for
 * several formats). Planned, and checked writable, before the scan runs.
 */
final class ReportOutputs {
    private final List<Renderer> renderers;
    private final List<OutputFile> files;

    private ReportOutputs(List<Renderer> renderers, List<OutputFile> files) {
        this.renderers = renderers;
        this.files = files;
    }

    static ReportOutputs plan(List<String> formats, Path output) {
        List<Renderer> renderers = new ArrayList<>();
        for (String name : new LinkedHashSet<>(formats.isEmpty() ? List.of("table") : formats)) {
            renderers.add(Renderers.byName(name).orElseThrow(() -> new UsageException(
                    "--format: unknown format '" + name + "' (available: " + String.join(", ", Renderers.names()) + ")")));
        }
        if (output == null) {
            if (renderers.size() > 1) {
                throw new UsageException("several --format values need --output DIR (one file per format)");
            }
            return new ReportOutputs(renderers, null);
        }
        boolean directory = Files.isDirectory(output) || renderers.size() > 1;
        if (directory) {
            try {
                Files.createDirectories(output);
            } catch (IOException e) {
                throw new UsageException("cannot create output directory " + output + ": " + e.getMessage());
            }
        }
        List<OutputFile> files = new ArrayList<>();
        for (Renderer r : renderers) {
            OutputFile file = new OutputFile(directory ? output.resolve("imdsguard-report." + r.fileExtension()) : output);
            file.checkWritable();
            files.add(file);
        }
        return new ReportOutputs(renderers, files);
    }

    /** @param options as for stdout; a file gets them without colour or terminal width */
    void write(ScanResult result, RenderOptions options, PrintWriter stdout) throws IOException {
        for (int i = 0; i < renderers.size(); i++) {
            Renderer renderer = renderers.get(i);
            if (files == null) {
                renderer.render(result, options, stdout);
                stdout.flush();
            } else {
                files.get(i).write(out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    renderer.render(result, options.forFile(), writer);
                    writer.flush();
                });
            }
        }
    }
}
