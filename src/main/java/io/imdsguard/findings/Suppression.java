package io.imdsguard.findings;

import java.time.LocalDate;

/**
 * Why a finding is suppressed: the entry of the {@code --suppressions} file that matched it.
 *
 * @param reason  the entry's required reason, shown wherever the finding is
 * @param expires the last day the entry applies, or null when it never expires
 * @param entry   where the entry is, {@code FILE#N} (the N-th entry, from 1), so a reader can find it
 */
public record Suppression(String reason, LocalDate expires, String entry) {
}
