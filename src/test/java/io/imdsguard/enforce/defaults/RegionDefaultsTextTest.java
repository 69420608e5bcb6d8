package io.imdsguard.enforce.defaults;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegionDefaultsTextTest {
    private static RegionOutcome counted(int imdsV1) {
        return new RegionOutcome("us-east-1", null, null, RegionOutcome.Status.CHANGED, null, null, imdsV1, null);
    }

    @Test
    void theCountOfInstancesThatStillAllowImdsV1AgreesWithItsVerb() {
        assertThat(RegionDefaultsText.note(counted(1))).contains("; 1 in us-east-1 still allows IMDSv1: ");
        assertThat(RegionDefaultsText.note(counted(2))).contains("; 2 in us-east-1 still allow IMDSv1: ");
        assertThat(RegionDefaultsText.note(counted(0))).contains("; none in us-east-1 allows IMDSv1");
    }
}
