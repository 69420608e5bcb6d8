package io.imdsguard.trace.ssm;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which instances of one region SSM can run the analyzer on: DescribeInstanceInformation filtered by
 * instance id, in chunks (a filter holds at most 100 values; 50 keeps each answer to one page of the
 * largest size), every page read. Only an Online Linux node qualifies.
 */
public final class ManagedNodes {
    /** Instance ids per DescribeInstanceInformation filter. */
    static final int IDS_PER_CALL = 50;
    /** The largest page DescribeInstanceInformation returns (its MaxResults range is 5-50). */
    static final int PAGE_SIZE = 50;
    public static final String NOT_MANAGED = "not managed by SSM";

    private ManagedNodes() {
    }

    /** For each id: empty when it can be traced, else why not. */
    public static Map<String, Optional<String>> check(SsmClient ssm, Collection<String> instanceIds) {
        Map<String, Optional<String>> verdicts = new LinkedHashMap<>();
        instanceIds.forEach(id -> verdicts.put(id, Optional.of(NOT_MANAGED)));
        List<String> ids = new ArrayList<>(verdicts.keySet());
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            InstanceInformationStringFilter byId = InstanceInformationStringFilter.builder()
                    .key("InstanceIds").values(chunk).build();
            ssm.describeInstanceInformationPaginator(r -> r.filters(byId).maxResults(PAGE_SIZE))
                    .instanceInformationList().forEach(node -> {
                        if (verdicts.containsKey(node.instanceId())) {
                            verdicts.put(node.instanceId(), reason(node));
                        }
                    });
        }
        return verdicts;
    }

    static Optional<String> reason(InstanceInformation node) {
        String ping = node.pingStatusAsString();
        if (!"Online".equals(ping)) {
            return Optional.of("offline (" + (ping == null ? "no ping status" : ping) + ")");
        }
        String platform = node.platformTypeAsString();
        if (!"Linux".equals(platform)) {
            return Optional.of((platform == null ? "unknown platform" : platform)
                    + " not supported (the packet analyzer runs on Linux)");
        }
        return Optional.empty();
    }
}
