package io.imdsguard.collect;

import io.imdsguard.aws.ApiCallCounter;
import io.imdsguard.aws.AwsClients;
import io.imdsguard.aws.AwsSettings;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.testing.AwsEmulator;

import java.util.List;

/** Runs a real {@link Collector} against the emulator. */
final class CollectorFixtures {
    private CollectorFixtures() {
    }

    static CollectionResult collect(AwsEmulator aws, String... regions) throws Exception {
        return collect(aws, CollectProgress.NONE, regions);
    }

    static CollectionResult collect(AwsEmulator aws, CollectProgress progress, String... regions) throws Exception {
        AwsSettings settings = new AwsSettings(AwsEmulator.DEFAULT_REGION, aws.endpoint(), null);
        try (AwsClients clients = new AwsClients(settings, new ApiCallCounter(), aws.credentials())) {
            return new Collector(clients).collect(new CollectRequest(List.of(regions)), progress);
        }
    }


    static RegionInventory region(Snapshot snapshot, String region) {
        return snapshot.regionInventories().stream().filter(r -> r.region().equals(region)).findFirst().orElseThrow();
    }
}
