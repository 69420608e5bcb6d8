package io.imdsguard.findings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rule hit on one resource, as the JSON report (schema v1) shows it. {@code evidence} is an
 * ordered map of JSON-serialisable values; {@code status} is {@code new} or {@code existing}
 * (against a baseline).
 */
public record Finding(String ruleId, Severity severity, String title, String account, String region,
                      ResourceRef resource, Map<String, Object> evidence, String remediation,
                      boolean suppressed, String status) {
    public static final String NEW = "new";
    public static final String EXISTING = "existing";

    public Finding {
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
        status = status == null ? NEW : status;
    }

}
