package io.imdsguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Severity;
import io.imdsguard.findings.Suppression;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

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

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    /**
     * Streams the report: findings are written one by one, never held as a second, tree-shaped copy of the
     * result (at 100,000 instances that tree was hundreds of megabytes). The bytes are those the tree gave.
     */
    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        try (JsonGenerator gen = MAPPER.createGenerator(out)) {
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
            for (Finding f : result.findings()) {
                finding(gen, f);
            }
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
        out.write(System.lineSeparator());
        out.flush();
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
