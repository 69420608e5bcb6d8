package io.imdsguard.collect;

import io.imdsguard.inventory.RegionInventory;
import io.imdsguard.inventory.Snapshot;
import io.imdsguard.testing.AwsCall;
import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Collection makes no call per instance: a fleet of 1,300 instances in two regions with ALBs and NLBs is
 * collected within {@link CallBudget}'s formula, counted by the emulator's journal (every request it saw).
 */
class CollectionCallCountTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String EAST = "us-east-1";
    static final String WEST = "eu-west-1";

    static CollectionResult result;
    static List<AwsCall> calls;

    @BeforeAll
    static void collect() throws Exception {
        ScaleFleet.seed(AWS, EAST, 1_200, 2, 2);
        ScaleFleet.seed(AWS, WEST, 100, 1, 1);
        AWS.clearRecorded();
        result = CollectorFixtures.collect(AWS, EAST, WEST);
        calls = AWS.recordedCalls();
    }

    @Test
    void theFleetIsWhatWasSeeded() {
        Snapshot s = result.snapshot();
        assertThat(s.gaps()).isEmpty();
        RegionInventory east = CollectorFixtures.region(s, EAST);
        assertThat(east.instances()).hasSize(1_200);
        assertThat(CallBudget.loadBalancersOfType(east, "application")).isEqualTo(2);
        assertThat(CallBudget.loadBalancersOfType(east, "network")).isEqualTo(2);
        assertThat(east.targetGroups()).hasSize(8);
        assertThat(CollectorFixtures.region(s, WEST).instances()).hasSize(100);
    }

    @Test
    void callsStayWithinTheFormula() {
        long budget = CallBudget.of(result.snapshot(), 1);
        assertThat(calls).as("calls %s", byOperation()).hasSizeLessThanOrEqualTo((int) budget);
        // The collector's own count agrees with what the emulator saw.
        assertThat(result.apiCallCount()).isEqualTo(calls.size());
    }

    @Test
    void instancesCostOnlyDescribeInstancesPages() {
        // At most a page per 1,000 instances (moto pages by reservation, so its three reservations fit one page).
        assertThat(count("ec2", "DescribeInstances", EAST)).isBetween(1L, CallBudget.instancePages(1_200));
        assertThat(count("ec2", "DescribeInstances", WEST)).isEqualTo(1);
        Map<String, Long> ops = byOperation();
        // 1,300 instances: no operation comes anywhere near one call each.
        assertThat(ops.values()).allSatisfy(n -> assertThat(n).isLessThan(30));
    }

    @Test
    void loadBalancerCallsArePerLoadBalancerAndTargetGroup() {
        RegionInventory east = CollectorFixtures.region(result.snapshot(), EAST);
        assertThat(count("elasticloadbalancingv2", "DescribeListeners", EAST)).isEqualTo(east.loadBalancers().size());
        assertThat(count("elasticloadbalancingv2", "DescribeTargetHealth", EAST)).isEqualTo(east.targetGroups().size());
        // Only the NLBs' (TCP) target groups have their attributes read: 2 NLBs x 2 groups.
        assertThat(count("elasticloadbalancingv2", "DescribeTargetGroupAttributes", EAST)).isEqualTo(4);
        assertThat(count("iam", "GetAccountAuthorizationDetails", null)).isEqualTo(1);
        assertThat(calls).noneMatch(AwsCall::isMutating);
    }

    private static long count(String service, String operation, String region) {
        return calls.stream().filter(c -> c.service().equals(service) && c.operation().equals(operation)
                && (region == null || region.equals(c.region()))).count();
    }

    private static Map<String, Long> byOperation() {
        return calls.stream().collect(Collectors.groupingBy(c -> c.service() + ":" + c.operation() + "@" + c.region(),
                java.util.TreeMap::new, Collectors.counting()));
    }
}
