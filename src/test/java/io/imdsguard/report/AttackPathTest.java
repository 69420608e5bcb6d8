package io.imdsguard.report;

import io.imdsguard.findings.Finding;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The attack path read from evidence: which boxes, in which columns, linked how. */
class AttackPathTest {
    private static Map<AttackPath.Kind, List<AttackPath.Node>> columns(Finding f) {
        return AttackPath.of(f).orElseThrow().columns();
    }

    @Test
    void directPathsShareTheGatewayAndSplitByRule() {
        Finding direct = SampleResults.sample().findings().get(0);
        Map<AttackPath.Kind, List<AttackPath.Node>> columns = columns(direct);
        assertThat(columns.keySet()).containsExactly(AttackPath.Kind.values());
        assertThat(columns.get(AttackPath.Kind.ENTRY)).singleElement()
                .satisfies(n -> assertThat(n.caption()).isEqualTo("internet gateway"))
                .satisfies(n -> assertThat(n.label()).isEqualTo("igw-1"));
        assertThat(columns.get(AttackPath.Kind.GROUP)).extracting(AttackPath.Node::detail)
                .containsExactly("tcp/22 from 0.0.0.0/0", "tcp/443 from 0.0.0.0/0");
        assertThat(columns.get(AttackPath.Kind.BUCKET)).extracting(AttackPath.Node::label).containsExactly("assets");
        AttackPath graph = AttackPath.of(direct).orElseThrow();
        // internet -> igw, igw -> 2 groups, 2 groups -> instance, instance -> role, role -> bucket
        assertThat(graph.edges()).hasSize(7);
        AttackPathSvg svg = AttackPathSvg.of(graph);
        assertThat(svg.width()).isPositive();
        assertThat(svg.height()).isEqualTo(2 * AttackPathSvg.MARGIN + 2 * AttackPathSvg.BOX_HEIGHT
                + AttackPathSvg.ROW_GAP);
        assertThat(svg.edges()).hasSize(7);
    }

    @Test
    void aLoadBalancerPathShowsTheListenerAndTheInstancesGroupOnly() {
        Finding behindLb = SampleResults.suppressedAndBaseline().findings().get(2);
        Map<AttackPath.Kind, List<AttackPath.Node>> columns = columns(behindLb);
        AttackPath.Node entry = columns.get(AttackPath.Kind.ENTRY).get(0);
        assertThat(entry.caption()).isEqualTo("load balancer");
        assertThat(entry.label()).isEqualTo("checkout");
        assertThat(entry.detail()).isEqualTo("listener HTTPS:443");
        assertThat(entry.full()).as("the load balancer's own group is in the tooltip").contains("sg sg-lb");
        assertThat(columns.get(AttackPath.Kind.GROUP)).extracting(AttackPath.Node::label).containsExactly("sg-app");
        assertThat(columns).as("S3 access unknown: no bucket").doesNotContainKey(AttackPath.Kind.BUCKET);
    }

    @Test
    void nothingToDrawForARegionOrAnUnreachableInstanceWithoutARole() {
        List<Finding> findings = SampleResults.sample().findings();
        assertThat(AttackPath.of(findings.get(1))).as("region defaults").isEmpty();
        assertThat(AttackPath.of(findings.get(2))).as("no path, no role").isEmpty();
    }
}
