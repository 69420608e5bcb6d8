package io.imdsguard.collect;

import io.imdsguard.inventory.InstanceProfile;
import io.imdsguard.inventory.ManagedPolicy;
import io.imdsguard.inventory.Role;

import java.util.List;

/** What {@link IamCollector} read for one account. */
record IamInventory(List<Role> roles, List<InstanceProfile> instanceProfiles, List<ManagedPolicy> managedPolicies) {
    static final IamInventory EMPTY = new IamInventory(List.of(), List.of(), List.of());
}
