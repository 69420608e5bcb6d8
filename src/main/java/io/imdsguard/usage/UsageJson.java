package io.imdsguard.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imdsguard.inventory.CollectionGap;

import java.io.IOException;
import java.io.Writer;

/**
 * {@code usage --format json}, schemaVersion 1 (docs/usage.md). Fields may be added; none renamed or
 * removed without a new schemaVersion. {@code calls}/{@code rejected} are null when CloudWatch has no
 * data point, and {@code read} is false when the counts could not be read (see {@code gaps}).
 */
public final class UsageJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private UsageJson() {
    }

    public static void write(UsageResult result, String toolVersion, Writer out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, tree(result, toolVersion));
        out.write(System.lineSeparator());
        out.flush();
    }

    static ObjectNode tree(UsageResult result, String toolVersion) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.putObject("tool").put("name", "imdsguard").put("version", toolVersion);
        UsageWindow w = result.window();
        root.putObject("window").put("days", w.days()).put("from", w.from().toString()).put("to", w.to().toString());
        ArrayNode accounts = root.putArray("accounts");
        result.accounts().forEach(accounts::add);
        ArrayNode regions = root.putArray("regions");
        result.regions().forEach(regions::add);
        root.putObject("summary")
                .put("instances", result.instances().size())
                .put("calledImdsV1", result.calledImdsV1())
                .put("hadRejected", result.hadRejected())
                .put("noData", result.noData())
                .put("unread", result.unread());
        ArrayNode instances = root.putArray("instances");
        for (InstanceUsage u : result.instances()) {
            ObjectNode i = instances.addObject();
            i.put("instanceId", u.instanceId());
            i.put("name", u.name());
            i.put("account", u.account());
            i.put("region", u.region());
            i.put("state", u.state());
            i.put("read", u.read());
            i.put("calls", u.calls());
            i.put("rejected", u.rejected());
        }
        ArrayNode gaps = root.putArray("gaps");
        for (CollectionGap g : result.gaps()) {
            gaps.addObject().put("account", g.account()).put("region", g.region()).put("service", g.service())
                    .put("operation", g.operation()).put("error", g.error());
        }
        ArrayNode notFound = root.putArray("notFound");
        result.notFound().forEach(notFound::add);
        return root;
    }
}
