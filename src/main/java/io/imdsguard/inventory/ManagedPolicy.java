package io.imdsguard.inventory;

import java.util.List;
import java.util.Optional;

/** A customer or AWS managed policy with every version read; exactly one is the default. */
public record ManagedPolicy(String arn, String name, String defaultVersionId, List<Version> versions) {
    public ManagedPolicy {
        versions = Lists.copy(versions);
    }

    /** The version AWS evaluates: the default one. */
    public Optional<Policy> defaultPolicy() {
        return versions.stream().filter(Version::isDefault).findFirst()
                .or(() -> versions.stream().filter(v -> v.versionId().equals(defaultVersionId)).findFirst())
                .map(v -> new Policy(arn, name, v.versionId(), v.document()));
    }

    public record Version(String versionId, boolean isDefault, String document) {
    }
}
