package io.imdsguard.inventory;

import java.util.List;

/**
 * A listener and every target group it can forward to: {@code defaultTargetGroupArns} from its
 * default actions (weighted forwards included), and one {@link ListenerRule} per non-default rule.
 */
public record Listener(String arn, String protocol, int port, List<String> defaultTargetGroupArns,
                       List<ListenerRule> rules) {
    public Listener {
        defaultTargetGroupArns = Lists.copy(defaultTargetGroupArns);
        rules = Lists.copy(rules);
    }
}
