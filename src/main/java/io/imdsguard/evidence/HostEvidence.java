package io.imdsguard.evidence;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.imdsguard.trace.TraceSummary;
import io.imdsguard.trace.V1Caller;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * One instance's evidence of IMDSv1 use, as held in {@code DIR/<instance-id>.json}: what the packet
 * analyzer saw on the host ({@code trace collect}, {@code trace parse --instance-id}) and what
 * CloudWatch counted ({@code usage --output}). Either part may be absent; each writer replaces only
 * its own part, so one file holds both. The trace part is the {@code trace parse} JSON form, flat.
 *
 * @param run         the trace run that collected the trace part (null for a log parsed by hand)
 * @param collectedAt when the trace part was collected or parsed
 * @param v1Callers   null when the host was not traced; empty when traced and nothing called IMDSv1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schemaVersion", "instanceId", "account", "region", "run", "collectedAt", "v1Callers", "v2Calls",
    "unparsed", "metadataNoToken"})
public record HostEvidence(int schemaVersion, String instanceId, String account, String region, String run,
                           Instant collectedAt, List<V1Caller> v1Callers, Long v2Calls, Long unparsed,
                           MetadataNoTokenCounts metadataNoToken) {
    public static final int SCHEMA_VERSION = 1;

    public HostEvidence {
        v1Callers = v1Callers == null ? null : List.copyOf(v1Callers);
        // A time to the second: the file is read by people as often as by tools.
        collectedAt = collectedAt == null ? null : collectedAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** An instance with no evidence yet; {@code account} and {@code region} may be null when unknown. */
    public static HostEvidence of(String instanceId, String account, String region) {
        return new HostEvidence(SCHEMA_VERSION, instanceId, account, region, null, null, null, null, null, null);
    }

    /** What the analyzer saw, when the host was traced. */
    @JsonIgnore
    public Optional<TraceSummary> trace() {
        return v1Callers == null ? Optional.empty()
                : Optional.of(new TraceSummary(v1Callers, v2Calls == null ? 0 : v2Calls, unparsed == null ? 0 : unparsed));
    }

    /** This evidence with its trace part replaced. */
    public HostEvidence withTrace(String traceRun, Instant at, TraceSummary summary) {
        return new HostEvidence(schemaVersion, instanceId, account, region, traceRun, at, summary.v1Callers(),
                summary.v2Calls(), summary.unparsed(), metadataNoToken);
    }

    /** This evidence with its CloudWatch part replaced. */
    public HostEvidence withUsage(MetadataNoTokenCounts counts) {
        return new HostEvidence(schemaVersion, instanceId, account, region, run, collectedAt, v1Callers, v2Calls,
                unparsed, counts);
    }

    /** Both parts of {@code newer} that it has, over this evidence's; the account and region it knows. */
    HostEvidence mergedWith(HostEvidence newer) {
        HostEvidence merged = new HostEvidence(SCHEMA_VERSION, instanceId,
                newer.account != null ? newer.account : account, newer.region != null ? newer.region : region,
                run, collectedAt, v1Callers, v2Calls, unparsed, metadataNoToken);
        if (newer.v1Callers != null) {
            merged = merged.withTrace(newer.run, newer.collectedAt, newer.trace().orElseThrow());
        }
        return newer.metadataNoToken != null ? merged.withUsage(newer.metadataNoToken) : merged;
    }
}
