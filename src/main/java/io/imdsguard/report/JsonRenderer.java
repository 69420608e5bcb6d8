package io.imdsguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.Parallel;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The JSON report, schema version 1 (README, docs/architecture.md). Fields may be added; renaming or removing
 * one requires a new {@link #SCHEMA_VERSION}.
 */
public final class JsonRenderer implements Renderer {
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final ObjectWriter EVIDENCE = MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    /** Findings rendered together by one thread: ~2 MB of text at the typical 4 KB a finding. */
    private static final int FINDINGS_PER_CHUNK = 512;
    /** How the pretty printer opens and closes an array that has values ({@code "findings" : [ {...}, {...} ]}). */
    private static final String ARRAY_OPEN = "[ ";
    private static final String ARRAY_CLOSE = " ]";
    private static final String VALUE_SEPARATOR = ", ";
    /** Chunks rendered ahead of the writer: enough to keep the cores busy, few enough to hold ~4 MB each. */
    private static final int CHUNKS_AHEAD = Math.min(8, 2 * Runtime.getRuntime().availableProcessors());

    private final int findingsPerChunk;

    public JsonRenderer() {
        this(FINDINGS_PER_CHUNK);
    }

    /** @param findingsPerChunk how many findings one thread renders at a time (tests use small chunks) */
    JsonRenderer(int findingsPerChunk) {
        if (findingsPerChunk < 1) {
            throw new IllegalArgumentException("findingsPerChunk must be at least 1, got " + findingsPerChunk);
        }
        this.findingsPerChunk = findingsPerChunk;
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    /**
     * Streams the report: findings are written in chunks, never held as a second, tree-shaped copy of the
     * result (at 100,000 instances that tree was hundreds of megabytes). The chunks are rendered on every
     * core, a few ahead of the writer, and are the bytes one generator gives (the report of 100,000
     * instances is 120-250 MB, and rendering it on one thread was a fifth of the scan).
     */
    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
            write(result, gen, (separator, chunk) -> {
                out.write(separator);
                chunk.writeInner(out, ARRAY_OPEN, ARRAY_CLOSE);
            });
        }
        out.write(System.lineSeparator());
        out.flush();
    }

    /**
     * The same report as UTF-8 bytes, for a file: the chunks go to the stream as they were rendered, and the
     * writing thread neither copies nor encodes them (encoding the 160 MB report of 1,400 accounts took
     * 0.16 s of the scan).
     */
    @Override
    public void render(ScanResult result, RenderOptions options, OutputStream out) throws IOException {
        try (JsonGenerator gen = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
            write(result, gen, (separator, chunk) -> {
                out.write(separator.getBytes(StandardCharsets.US_ASCII));
                chunk.writeInner(out, ARRAY_OPEN, ARRAY_CLOSE);
            });
        }
        out.write(System.lineSeparator().getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Where the rendered chunks go, each after its separator (empty before the first): the report's own output. */
    @FunctionalInterface
    private interface ChunkSink {
        void write(String separator, ChunkBuffer chunk) throws IOException;
    }

    private void write(ScanResult result, JsonGenerator gen, ChunkSink sink) throws IOException {
        gen.setPrettyPrinter(new DefaultPrettyPrinter());
        gen.writeStartObject();
        gen.writeNumberField("schemaVersion", SCHEMA_VERSION);
        gen.writeObjectFieldStart("tool");
        gen.writeStringField("name", "imdsguard");
        gen.writeStringField("version", result.toolVersion());
        gen.writeEndObject();
        scan(gen, result);
        gen.writeObjectFieldStart("summary");
        for (Map.Entry<Severity, Long> e : result.countsBySeverity().entrySet()) {
            gen.writeNumberField(e.getKey().name(), e.getValue());
        }
        gen.writeEndObject();
        gen.writeArrayFieldStart("findings");
        findings(gen, sink, result.findings());
        gen.writeEndArray();
        gen.writeArrayFieldStart("resolved");
        for (ResolvedFinding r : result.resolved()) {
            gen.writeStartObject();
            gen.writeStringField("ruleId", r.ruleId());
            gen.writeStringField("severity", r.severity().name());
            gen.writeStringField("account", r.account());
            gen.writeStringField("region", r.region());
            gen.writeObjectFieldStart("resource");
            gen.writeStringField("type", r.resourceType());
            gen.writeStringField("id", r.resourceId());
            gen.writeStringField("name", r.resourceName());
            gen.writeEndObject();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private static void scan(JsonGenerator gen, ScanResult result) throws IOException {
        gen.writeObjectFieldStart("scan");
        gen.writeStringField("startedAt", result.startedAt().toString());
        gen.writeStringField("finishedAt", result.finishedAt().toString());
        gen.writeArrayFieldStart("accounts");
        for (String account : result.accounts()) {
            gen.writeString(account);
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("regions");
        for (String region : result.regions()) {
            gen.writeString(region);
        }
        gen.writeEndArray();
        if (result.shard() != null) {
            gen.writeStringField("shard", result.shard());
        }
        if (result.baseline() != null) {
            gen.writeStringField("baseline", result.baseline());
        }
        gen.writeArrayFieldStart("gaps");
        for (CollectionGap g : result.gaps()) {
            gen.writeStartObject();
            gen.writeStringField("account", g.account());
            gen.writeStringField("region", g.region());
            gen.writeStringField("service", g.service());
            gen.writeStringField("operation", g.operation());
            gen.writeStringField("error", g.error());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    /**
     * The findings between the array's brackets, handed to {@code sink} after the generator's text. The
     * generator never sees them, so it closes the array as an empty one, and an empty array and a full one
     * close alike ({@code " ]"}).
     * The chunks' bytes are held in buffers handed back and reused: new ones for each chunk would fill the
     * young generation and make the collector copy the whole snapshot once more (0.6 s at 100,000 instances).
     */
    private void findings(JsonGenerator gen, ChunkSink sink, List<Finding> findings) throws IOException {
        if (findings.isEmpty()) {
            return;
        }
        List<List<Finding>> chunks = new ArrayList<>();
        for (int from = 0; from < findings.size(); from += findingsPerChunk) {
            chunks.add(findings.subList(from, Math.min(findings.size(), from + findingsPerChunk)));
        }
        gen.writeRaw(ARRAY_OPEN.substring(1)); // the generator wrote the bracket, the space comes before the first value
        gen.flush();
        Queue<ChunkBuffer> free = new ConcurrentLinkedQueue<>();
        boolean[] first = {true};
        try {
            Parallel.inOrder(chunks, chunk -> chunk(chunk, free), CHUNKS_AHEAD, rendered -> {
                sink.write(first[0] ? "" : VALUE_SEPARATOR, rendered);
                first[0] = false;
                free.add(rendered);
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * A chunk of findings as the report's generator would write them, separators included: rendered as an
     * array by a generator whose pretty printer starts at the findings' depth (the caller cuts the brackets).
     */
    private static ChunkBuffer chunk(List<Finding> findings, Queue<ChunkBuffer> free) {
        ChunkBuffer bytes = Objects.requireNonNullElseGet(free.poll(), ChunkBuffer::new);
        bytes.clear();
        try (JsonGenerator gen = MAPPER.createGenerator(bytes, JsonEncoding.UTF8)) {
            gen.setPrettyPrinter(new FindingsPrinter());
            gen.writeStartArray();
            for (Finding f : findings) {
                finding(gen, f);
            }
            gen.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ChunkBuffer does not fail; the generator's signature says it may
        }
        return bytes;
    }

    /** The report's pretty printer as it stands inside the report object, where the findings array is. */
    private static final class FindingsPrinter extends DefaultPrettyPrinter {
        FindingsPrinter() {
            _nesting = 1;
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new FindingsPrinter();
        }
    }

    private static void finding(JsonGenerator gen, Finding f) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("ruleId", f.ruleId());
        gen.writeStringField("severity", f.severity().name());
        gen.writeStringField("title", f.title());
        gen.writeStringField("account", f.account());
        gen.writeStringField("region", f.region());
        gen.writeObjectFieldStart("resource");
        gen.writeStringField("type", f.resource().type());
        gen.writeStringField("id", f.resource().id());
        gen.writeStringField("name", f.resource().name());
        gen.writeStringField("arn", f.resource().arn());
        gen.writeEndObject();
        gen.writeFieldName("evidence");
        // Straight from the typed records, through the generator's own pretty printer (a writer of its
        // own would reset the indentation); no flush per finding.
        EVIDENCE.writeValue(gen, f.evidence());
        gen.writeStringField("remediation", f.remediation());
        gen.writeBooleanField("suppressed", f.suppressed());
        if (f.suppression() != null) {
            Suppression s = f.suppression();
            gen.writeObjectFieldStart("suppression");
            gen.writeStringField("reason", s.reason());
            gen.writeStringField("expires", s.expires() == null ? null : s.expires().toString());
            gen.writeStringField("entry", s.entry());
            gen.writeEndObject();
        }
        gen.writeStringField("status", f.status());
        gen.writeEndObject();
    }
}
