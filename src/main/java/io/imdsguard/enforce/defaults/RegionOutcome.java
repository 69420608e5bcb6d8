package io.imdsguard.enforce.defaults;

import io.imdsguard.enforce.MetadataSettings;

/**
 * What {@code enforce region-defaults} did, or in a dry run would do, in one region.
 *
 * @param before       the defaults read first; null when they could not be read
 * @param intended     the defaults the change leads to (equal to {@code before} when nothing is sent)
 * @param after        with {@code --yes}, the defaults read back after the change; else null
 * @param detail       for people: AWS's error, the declarative policy's message, why a hop limit was kept
 * @param imdsV1       how many instances of the region still allow IMDSv1; null when they could not be counted
 * @param countProblem why they could not be counted (AWS's error), else null
 */
public record RegionOutcome(String region, RegionDefaults before, MetadataSettings intended, Status status,
                            MetadataSettings after, String detail, Integer imdsV1, String countProblem) {

    public enum Status {
        /** The defaults are set by an Organization's declarative policy: reported, not changed. */
        MANAGED,
        /** HttpTokens is already required: no call. */
        ALREADY_REQUIRED,
        /** Dry run: the DryRun call answered DryRunOperation. */
        PERMITTED,
        /** Dry run: AWS refused the DryRun call. */
        NOT_PERMITTED,
        /** Changed, and the read-back requires tokens. */
        CHANGED,
        /** Not changed (AWS refused, or the read-back does not require tokens), or the defaults could not be read. */
        FAILED;

        /** Whether the region ends (or in a dry run would end) requiring IMDSv2, or is left to its policy. */
        public boolean ok() {
            return this != NOT_PERMITTED && this != FAILED;
        }
    }

    RegionOutcome withCount(Integer count, String problem) {
        return new RegionOutcome(region, before, intended, status, after, detail, count, problem);
    }
}
