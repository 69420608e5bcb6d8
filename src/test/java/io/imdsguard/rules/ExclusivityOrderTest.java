package io.imdsguard.rules;

import io.imdsguard.rules.facts.ExposureFact;
import io.imdsguard.rules.facts.InstanceFact;
import io.imdsguard.rules.facts.RuleHit;
import io.imdsguard.rules.facts.S3ReadFact;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * IMDS-001/002/003 must exclude each other whatever order facts arrive in (and so whatever order
 * the agenda fires in): every permutation of one instance's facts yields exactly one hit.
 */
class ExclusivityOrderTest {
    private static final String KEY = "111111111111/us-east-1/i-1";
    private static final InstanceFact INSTANCE = new InstanceFact(KEY, "111111111111", "us-east-1", "i-1", null,
            "running", true, true, "optional", true, 1, "arn:aws:iam::111111111111:instance-profile/p",
            "arn:aws:iam::111111111111:role/r", true, false);
    private static final ExposureFact DIRECT = new ExposureFact(KEY, "DIRECT", "tcp", 22, 22, "ipv4", 3_702_258_432L, null, "ssh");
    private static final ExposureFact VIA_LB = new ExposureFact(KEY, "LOAD_BALANCER", "tcp", 80, 80, "ipv4", 3_702_258_432L, "arn:lb", "http");
    private static final S3ReadFact S3 = new S3ReadFact(KEY, "arn:aws:iam::111111111111:role/r", "CONDITIONAL", true);

    @Test
    void everyOrderYieldsOnlyImds001() {
        for (List<Object> order : permutations(List.of(INSTANCE, DIRECT, VIA_LB, S3))) {
            assertThat(BundledRules.get().evaluate(order)).as("order %s", order)
                    .extracting(RuleHit::ruleId, RuleHit::resourceKey).containsExactly(tuple("IMDS-001", KEY));
        }
    }

    @Test
    void everyOrderWithoutS3YieldsOnlyImds002() {
        for (List<Object> order : permutations(List.of(INSTANCE, DIRECT, VIA_LB))) {
            assertThat(BundledRules.get().evaluate(order)).as("order %s", order)
                    .extracting(RuleHit::ruleId, RuleHit::resourceKey).containsExactly(tuple("IMDS-002", KEY));
        }
    }

    private static List<List<Object>> permutations(List<Object> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Object> rest = new ArrayList<>(items);
            Object head = rest.remove(i);
            for (List<Object> tail : permutations(rest)) {
                List<Object> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
