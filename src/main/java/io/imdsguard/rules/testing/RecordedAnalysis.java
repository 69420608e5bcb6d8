package io.imdsguard.rules.testing;

import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.NetworkAnalysis;
import io.imdsguard.inventory.AccountInventory;
import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.rules.FactAssembler;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Analyzer results written down in a test case instead of computed, so a rule can be tested
 * without building the network and IAM fixtures that would produce them. {@code network} is keyed
 * by {@code account/region}, {@code s3Read} by instance profile ARN; what is absent is "not
 * reachable" and "no S3 read access".
 */
public record RecordedAnalysis(Map<String, NetworkAnalysis> network, Map<String, S3ReadAccess> s3Read) {
    private static final NetworkAnalysis NOTHING = new NetworkAnalysis(Map.of(), List.of());

    public RecordedAnalysis {
        network = network == null ? Map.of() : Map.copyOf(network);
        s3Read = s3Read == null ? Map.of() : Map.copyOf(s3Read);
    }

    /** A fact assembler whose analyzers answer from these records. */
    public FactAssembler assembler() {
        return new FactAssembler(this::network, this::s3Read);
    }

    private NetworkAnalysis network(RegionInventory region) {
        return network.getOrDefault(region.account() + "/" + region.region(), NOTHING);
    }

    private Optional<S3ReadAccess> s3Read(AccountInventory account, String profileArn) {
        return Optional.ofNullable(s3Read.get(profileArn));
    }
}
