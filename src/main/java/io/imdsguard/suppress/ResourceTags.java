package io.imdsguard.suppress;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ResourceRef;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;

import java.util.HashMap;
import java.util.Map;

/**
 * The tags of the resources findings are about, as the snapshot knows them: instances by account,
 * region and id. Region defaults carry no tags, so a {@code tag:} entry never matches them.
 */
public final class ResourceTags {
    /** No resource has tags (for filters built without a snapshot). */
    public static final ResourceTags NONE = new ResourceTags(Map.of());

    private record Key(String account, String region, String instanceId) {
    }

    private final Map<Key, Map<String, String>> instances;

    private ResourceTags(Map<Key, Map<String, String>> instances) {
        this.instances = instances;
    }

    public static ResourceTags of(Snapshot snapshot) {
        Map<Key, Map<String, String>> byKey = new HashMap<>();
        for (RegionInventory region : snapshot.regionInventories()) {
            for (Instance i : region.instances()) {
                byKey.put(new Key(i.account(), i.region(), i.instanceId()), i.tags());
            }
        }
        return new ResourceTags(Map.copyOf(byKey));
    }

    /** The tags of the finding's resource; empty when it has none or is not an instance. */
    public Map<String, String> of(Finding finding) {
        if (!ResourceRef.EC2_INSTANCE.equals(finding.resource().type())) {
            return Map.of();
        }
        return instances.getOrDefault(new Key(finding.account(), finding.region(), finding.resource().id()),
                Map.of());
    }
}
