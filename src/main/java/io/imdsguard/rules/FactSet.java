package io.imdsguard.rules;

import io.imdsguard.analyze.iam.S3ReadAccess;
import io.imdsguard.analyze.network.ExposurePath;
import io.imdsguard.analyze.network.LoadBalancerForward;
import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;

import java.util.List;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The facts to insert into a rule session, plus the analysis results behind them, keyed like
 * the facts, from which findings draw their evidence (facts stay slim; evidence does not have to).
 */
public record FactSet(List<Object> facts, Map<String, InstanceContext> instances, Map<String, RegionContext> regions) {
    public FactSet {
        facts = List.copyOf(facts);
        // Not Map.copyOf: its open addressing degrades badly on ids that share long prefixes
        // (i-0..., account/region/i-...), which made copying 100k keys cost seconds; a HashMap spreads them.
        instances = Collections.unmodifiableMap(new HashMap<>(instances));
        regions = Collections.unmodifiableMap(new HashMap<>(regions));
    }

    /** One instance and what the analyzers said about it. */
    public record InstanceContext(String account, String region, Instance instance, String roleArn,
                                  List<ExposurePath> paths, Optional<S3ReadAccess> s3Read,
                                  List<LoadBalancerForward> forwards) {
        public InstanceContext {
            paths = List.copyOf(paths);
            forwards = List.copyOf(forwards);
        }
    }

    /** One scanned region's IMDS defaults. */
    public record RegionContext(String account, String region, ImdsDefaults defaults) {
    }
}
