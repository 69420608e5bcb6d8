package io.imdsguard.findings;

import java.util.Optional;

/**
 * The CI gate, decided once: a finding that fails the {@link GatePolicy} (not suppressed, at or above
 * the threshold, and new when only new findings count) fails the gate; otherwise collection gaps make the
 * result incomplete; otherwise it passes.
 */
public final class Gate {
    /** The outcome the CLI maps onto its exit codes. */
    public enum Outcome { PASSED, FAILED, INCOMPLETE }

    private Gate() {
    }

    /** @param failOn the threshold, or empty for {@code --fail-on none} */
    public static Outcome decide(ScanResult result, Optional<Severity> failOn) {
        return decide(result, GatePolicy.failOn(failOn));
    }

    public static Outcome decide(ScanResult result, GatePolicy policy) {
        if (result.findings().stream().anyMatch(policy::fails)) {
            return Outcome.FAILED;
        }
        return result.gaps().isEmpty() ? Outcome.PASSED : Outcome.INCOMPLETE;
    }
}
