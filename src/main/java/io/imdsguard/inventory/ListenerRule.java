package io.imdsguard.inventory;

import java.util.List;

/** A listener rule and the target groups its forward action (weighted or not) names. */
public record ListenerRule(String arn, String priority, List<String> targetGroupArns) {
    public ListenerRule {
        targetGroupArns = Lists.copy(targetGroupArns);
    }
}
