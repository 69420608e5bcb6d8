package io.imdsguard.cli;

import io.imdsguard.trace.ssm.TargetSources;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which instances {@code enforce instances} is about: exactly one of --instance-ids, --from-report or
 * --tag, checked before any AWS call.
 *
 * @param ids  the ids of --instance-ids, without repeats (empty otherwise)
 * @param tags every --tag KEY=VALUE, all of which must match (empty otherwise)
 */
record EnforceSources(Set<String> ids, Map<String, String> tags) {

    static EnforceSources of(List<String> instanceIds, Path fromReport, List<String> rules, List<String> tagOptions) {
        List<String> ids = CommaList.items("--instance-ids", "instance id", "name instances, comma-separated", instanceIds);
        int kinds = (ids.isEmpty() ? 0 : 1) + (fromReport == null ? 0 : 1) + (tagOptions.isEmpty() ? 0 : 1);
        if (kinds != 1) {
            throw new UsageException("name the instances with exactly one of --instance-ids ID,.., --from-report FILE "
                    + "or --tag KEY=VALUE");
        }
        if (!rules.isEmpty() && fromReport == null) {
            throw new UsageException("--rule selects findings of --from-report; without it it has no use");
        }
        Set<String> checked;
        try {
            checked = TargetSources.checkIds(ids);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--instance-ids: " + e.getMessage(), e);
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : tagOptions) {
            int eq = tag.indexOf('=');
            if (eq <= 0 || tag.substring(0, eq).isBlank()) {
                throw new UsageException("--tag must be KEY=VALUE, got '" + tag + "'");
            }
            String key = tag.substring(0, eq).trim();
            if (tags.put(key, tag.substring(eq + 1)) != null) {
                throw new UsageException("--tag " + key + " is given twice; an instance has one value per key");
            }
        }
        return new EnforceSources(checked, tags);
    }
}
