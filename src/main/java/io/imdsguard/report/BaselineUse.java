package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import io.imdsguard.findings.ScanResult;

/**
 * Whether a result was compared with a {@code --baseline}: only then does "new" say anything. A result
 * does not record it, so it is read from what a comparison leaves: a finding the baseline had, or one it
 * had that is gone. (A baseline that shares nothing with the scan looks like none; then every finding is
 * new anyway, and the formats simply do not say so.)
 */
final class BaselineUse {
    private BaselineUse() {
    }

    static boolean of(ScanResult result) {
        return !result.resolved().isEmpty()
                || result.findings().stream().anyMatch(f -> Finding.EXISTING.equals(f.status()));
    }
}
