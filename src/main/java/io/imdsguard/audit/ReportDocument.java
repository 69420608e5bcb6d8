package io.imdsguard.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The JSON report (schema v1) as written, field for field, for {@link ReportReader}. Fields the report may
 * gain later are ignored; a missing one is null here and checked by the reader.
 */
record ReportDocument(Integer schemaVersion, Tool tool, Scan scan, JsonNode summary, List<FindingDoc> findings,
                      List<ResolvedDoc> resolved) {
    record Tool(String name, String version) {
    }

    record Scan(String startedAt, String finishedAt, List<String> accounts, List<String> regions, String shard,
                String baseline, List<GapDoc> gaps) {
    }

    record GapDoc(String account, String region, String service, String operation, String error) {
    }

    record Resource(String type, String id, String name, String arn) {
    }

    record SuppressionDoc(String reason, String expires, String entry) {
    }

    record FindingDoc(String ruleId, String severity, String title, String account, String region, Resource resource,
                      JsonNode evidence, String remediation, Boolean suppressed, SuppressionDoc suppression,
                      String status) {
    }

    record ResolvedDoc(String ruleId, String severity, String account, String region, Resource resource) {
    }
}
