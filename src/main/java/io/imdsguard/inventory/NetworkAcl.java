package io.imdsguard.inventory;

import java.util.Comparator;
import java.util.List;

/** A network ACL; {@code subnetIds} are its associations. Entries are kept sorted by rule number. */
public record NetworkAcl(String networkAclId, String vpcId, boolean isDefault, List<String> subnetIds,
                         List<NaclEntry> entries) {
    public NetworkAcl {
        subnetIds = Lists.copy(subnetIds);
        entries = entries == null ? List.of()
                : entries.stream().sorted(Comparator.comparingInt(NaclEntry::ruleNumber)).toList();
    }

    public List<NaclEntry> ingress() {
        return entries.stream().filter(e -> !e.egress()).toList();
    }

    public List<NaclEntry> egress() {
        return entries.stream().filter(NaclEntry::egress).toList();
    }
}
