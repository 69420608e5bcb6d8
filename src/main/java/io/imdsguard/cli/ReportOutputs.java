package io.imdsguard.cli;

import io.imdsguard.findings.ScanResult;
import io.imdsguard.report.RenderOptions;
import io.imdsguard.report.Renderer;
import io.imdsguard.report.Renderers;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where each requested format goes: stdout when there is no {@code --output} (or it is {@code -}); the
 * named file for one format; {@code DIR/imdsguard-report.<ext>} per format when {@code --output} is a
 * directory (an existing one, or a path ending in {@code /}, created if new). Several formats need a
 * directory. Planned, and checked writable, before the scan runs.
 */
final class ReportOutputs {
    private final List<Renderer> renderers;
    private final List<Output> outputs;

    private ReportOutputs(List<Renderer> renderers, List<Output> outputs) {
        this.renderers = renderers;
        this.outputs = outputs;
    }

    /** {@code formats} as given to {@code --format}: each may be a comma-separated list, in any case. */
    static ReportOutputs plan(List<String> formats, String output, PrintWriter stdout) {
        List<Renderer> renderers = renderers(formats);
        List<Output> outputs = new ArrayList<>();
        if (output == null || Output.isStdio(output)) {
            if (renderers.size() > 1) {
                throw new UsageException("several --format values need --output DIR (one file per format);"
                        + " only one format can go to stdout");
            }
            outputs.add(Output.of("-", "--output", stdout));
            return new ReportOutputs(renderers, outputs);
        }
        if (output.isBlank()) {
            throw new UsageException("--output: empty path");
        }
        Path path = Path.of(output);
        if (Output.namesDirectory(output) || Files.isDirectory(path)) {
            createDirectory(output, path);
            for (Renderer r : renderers) {
                outputs.add(Output.of(path.resolve("imdsguard-report." + r.fileExtension()).toString(), "--output", stdout));
            }
        } else if (renderers.size() > 1) {
            throw new UsageException("several --format values need a directory for --output, not the file " + output
                    + " (e.g. --output reports/)");
        } else {
            outputs.add(Output.of(output, "--output", stdout));
        }
        outputs.forEach(Output::checkWritable);
        return new ReportOutputs(renderers, outputs);
    }

    /** Whether the report is written to stdout, which then has no room for anything else. */
    boolean usesStdout() {
        return outputs.stream().anyMatch(Output::isStdout);
    }

    /** @param options as for stdout; a file gets them without colour or terminal width */
    void write(ScanResult result, RenderOptions options) throws IOException {
        for (int i = 0; i < renderers.size(); i++) {
            Renderer renderer = renderers.get(i);
            Output output = outputs.get(i);
            RenderOptions used = output.isStdout() ? options : options.forFile();
            output.write(new Output.Content() {
                @Override
                public void writeTo(Writer out) throws IOException {
                    renderer.render(result, used, out);
                }

                @Override
                public void writeTo(OutputStream out) throws IOException {
                    renderer.render(result, used, out);
                }
            });
        }
    }

    private static List<Renderer> renderers(List<String> formats) {
        String available = "available: " + String.join(", ", Renderers.names());
        Set<String> names = new LinkedHashSet<>();
        CommaList.items("--format", "format name", "name formats, comma-separated (" + available + ")", formats)
                .forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        if (names.isEmpty()) {
            names.add("table");
        }
        List<Renderer> renderers = new ArrayList<>();
        for (String name : names) {
            renderers.add(Renderers.byName(name).orElseThrow(() -> new UsageException(
                    "--format: unknown format '" + name + "' (" + available + ")")));
        }
        return renderers;
    }

    private static void createDirectory(String shown, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("cannot write reports into " + shown + ": it is a file, not a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("cannot create output directory " + shown + ": " + OutputFile.reason(e), e);
        }
    }
}
