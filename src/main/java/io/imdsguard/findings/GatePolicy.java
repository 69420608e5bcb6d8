package io.imdsguard.findings;

import java.util.Optional;

/**
 * What fails the CI gate: a finding at or above {@code failOn} that is not suppressed, and with
 * {@code newOnly} ({@code --fail-on-new}) only one that the baseline did not have.
 *
 * @param failOn  the threshold, empty for {@code --fail-on none}
 * @param newOnly only findings whose status is {@code new} fail the gate
 */
public record GatePolicy(Optional<Severity> failOn, boolean newOnly) {
    /** {@code --fail-on high}, every finding counts. */
    public static final GatePolicy DEFAULT = new GatePolicy(Optional.of(Severity.HIGH), false);

    public GatePolicy {
        failOn = failOn == null ? Optional.empty() : failOn;
    }

    /**
     * Parses a {@code --fail-on} value (or the config's {@code failOn}): a severity, or {@code none} for no
     * threshold, in any case.
     *
     * @throws IllegalArgumentException an unknown word; the message lists what is accepted
     */
    public static Optional<Severity> threshold(String text) {
        if (text != null && "none".equalsIgnoreCase(text.trim())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(" or info)", ", info or none)"), e);
        }
    }

    public static GatePolicy failOn(Optional<Severity> failOn) {
        return new GatePolicy(failOn, false);
    }

    /** Whether this finding alone fails the gate. */
    public boolean fails(Finding finding) {
        return failOn.isPresent() && !finding.suppressed() && finding.severity().atLeast(failOn.get())
                && (!newOnly || Finding.NEW.equals(finding.status()));
    }
}
