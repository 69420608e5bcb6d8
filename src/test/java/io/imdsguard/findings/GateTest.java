package io.imdsguard.findings;

import io.imdsguard.inventory.CollectionGap;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GateTest {
    private static final CollectionGap GAP = new CollectionGap("1", "us-east-1", "ec2", "DescribeVpcs", "AccessDenied");

    private static Finding finding(Severity severity, boolean suppressed) {
        return new Finding("X", severity, "t", "1", "us-east-1", new ResourceRef("ec2-instance", "i-1", null, null),
                null, "r", suppressed, null);
    }

    private static ScanResult result(List<Finding> findings, List<CollectionGap> gaps) {
        return new ScanResult("v", Instant.EPOCH, Instant.EPOCH, List.of("1"), List.of("us-east-1"), gaps, findings);
    }

    @Test
    void findingAtThresholdFails() {
        assertThat(Gate.decide(result(List.of(finding(Severity.HIGH, false)), List.of()), Optional.of(Severity.HIGH)))
                .isEqualTo(Gate.Outcome.FAILED);
    }

    @Test
    void findingBelowThresholdPasses() {
        assertThat(Gate.decide(result(List.of(finding(Severity.MEDIUM, false)), List.of()), Optional.of(Severity.HIGH)))
                .isEqualTo(Gate.Outcome.PASSED);
    }

    @Test
    void suppressedFindingDoesNotFail() {
        assertThat(Gate.decide(result(List.of(finding(Severity.CRITICAL, true)), List.of()), Optional.of(Severity.LOW)))
                .isEqualTo(Gate.Outcome.PASSED);
    }

    @Test
    void failureWinsOverGapsAndGapsWinOverPass() {
        assertThat(Gate.decide(result(List.of(finding(Severity.CRITICAL, false)), List.of(GAP)), Optional.of(Severity.HIGH)))
                .isEqualTo(Gate.Outcome.FAILED);
        assertThat(Gate.decide(result(List.of(), List.of(GAP)), Optional.of(Severity.HIGH)))
                .isEqualTo(Gate.Outcome.INCOMPLETE);
    }

    @Test
    void failOnNoneNeverFails() {
        assertThat(Gate.decide(result(List.of(finding(Severity.CRITICAL, false)), List.of()), Optional.empty()))
                .isEqualTo(Gate.Outcome.PASSED);
    }

    @Test
    void severityParsingIsCaseInsensitiveAndExplainsErrors() {
        assertThat(Severity.parse("High")).isEqualTo(Severity.HIGH);
        assertThatThrownBy(() -> Severity.parse("urgent")).hasMessageContaining("expected critical, high");
    }
}
