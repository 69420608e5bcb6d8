package io.imdsguard.analyze.iam.simulate;

import io.imdsguard.analyze.iam.AccessRequest;
import io.imdsguard.analyze.iam.PolicySet;

/** One input item of {@code policy simulate}: the policies and the request to evaluate against them. */
public record SimulationCase(PolicySet policies, AccessRequest request) {
}
