package io.imdsguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResolvedFinding;
import io.imdsguard.findings.ScanResult;
import io.imdsguard.findings.Suppression;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.Writer;

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

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public void render(ScanResult result, RenderOptions options, Writer out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, toTree(result));
        out.write(System.lineSeparator());
        out.flush();
    }

    static ObjectNode toTree(ScanResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putObject("tool").put("name", "imdsguard").put("version", result.toolVersion());

        ObjectNode scan = root.putObject("scan");
        scan.put("startedAt", result.startedAt().toString());
        scan.put("finishedAt", result.finishedAt().toString());
        result.accounts().forEach(scan.putArray("accounts")::add);
        result.regions().forEach(scan.putArray("regions")::add);
        if (result.shard() != null) {
            scan.put("shard", result.shard());
        }
        if (result.baseline() != null) {
            scan.put("baseline", result.baseline());
        }
        ArrayNode gaps = scan.putArray("gaps");
        for (CollectionGap g : result.gaps()) {
            gaps.addObject().put("account", g.account()).put("region", g.region()).put("service", g.service())
                    .put("operation", g.operation()).put("error", g.error());
        }

        ObjectNode summary = root.putObject("summary");
        result.countsBySeverity().forEach((severity, count) -> summary.put(severity.name(), count));

        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            ObjectNode n = findings.addObject();
            n.put("ruleId", f.ruleId());
            n.put("severity", f.severity().name());
            n.put("title", f.title());
            n.put("account", f.account());
            n.put("region", f.region());
            ObjectNode resource = n.putObject("resource");
            resource.put("type", f.resource().type());
            resource.put("id", f.resource().id());
            resource.put("name", f.resource().name());
            resource.put("arn", f.resource().arn());
            n.set("evidence", MAPPER.valueToTree(f.evidence()));
            n.put("remediation", f.remediation());
            n.put("suppressed", f.suppressed());
            if (f.suppression() != null) {
                Suppression s = f.suppression();
                n.putObject("suppression").put("reason", s.reason())
                        .put("expires", s.expires() == null ? null : s.expires().toString()).put("entry", s.entry());
            }
            n.put("status", f.status());
        }
        ArrayNode resolved = root.putArray("resolved");
        for (ResolvedFinding r : result.resolved()) {
            ObjectNode n = resolved.addObject();
            n.put("ruleId", r.ruleId());
            n.put("severity", r.severity().name());
            n.put("account", r.account());
            n.put("region", r.region());
            n.putObject("resource").put("type", r.resourceType()).put("id", r.resourceId()).put("name", r.resourceName());
        }
        return root;
    }
}
