package io.imdsguard.findings;

import java.util.Optional;

/**
 * The CI gate, decided once: a finding that is not suppressed and is at or above the threshold fails
 * the gate; otherwise collection gaps make the result incomplete; otherwise it passes.
 */
public final class Gate {
    /** The outcome the CLI maps onto its exit codes. */
    public enum Outcome { PASSED, FAILED, INCOMPLETE }

    private Gate() {
    }

    /** @param failOn the threshold, or empty for {@code --fail-on none} */
    public static Outcome decide(ScanResult result, Optional<Severity> failOn) {
        boolean failed = failOn.isPresent() && result.findings().stream()
                .anyMatch(f -> !f.suppressed() && f.severity().atLeast(failOn.get()));
        if (failed) {
            return Outcome.FAILED;
        }
        return result.gaps().isEmpty() ? Outcome.PASSED : Outcome.INCOMPLETE;
    }
}
