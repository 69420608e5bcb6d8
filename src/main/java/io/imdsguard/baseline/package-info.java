/**
 * The baseline ({@code scan --baseline PREVIOUS.json}): an earlier scan's JSON report against which
 * each finding is {@code new} or {@code existing} and the earlier findings now gone are
 * {@code resolved} - but only where this scan looked ({@link io.imdsguard.baseline.Coverage}), so a
 * shard or a one-region scan does not call the rest of the fleet resolved.
 */
package io.imdsguard.baseline;
