package io.imdsguard.trace.ssm;

import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The state of one command on each of its hosts: ListCommandInvocations by command id, every page,
 * so a batch of 50 hosts costs one or two calls rather than one per host. Its plugin output is cut at
 * 2,500 characters, enough for a failure's last words, not for a log (that is read per host).
 */
public final class Invocations {
    /** Statuses after which nothing changes on the host. */
    static final Set<String> TERMINAL = Set.of("Success", "Failed", "TimedOut", "Cancelled", "Undeliverable",
            "Terminated", "InvalidPlatform", "AccessDenied", "DeliveryTimedOut", "ExecutionTimedOut");
    static final int PAGE_SIZE = 50;

    /** One host's invocation; {@code output} is the plugin's (cut) output when details were asked for, else null. */
    public record Invocation(String instanceId, String status, String statusDetails, String output) {
        public boolean finished() {
            return TERMINAL.contains(status) || TERMINAL.contains(statusDetails);
        }

        public boolean succeeded() {
            return "Success".equals(status);
        }

        /** {@code Failed (Failed): last line of output}, for a report. */
        public String describe() {
            String details = statusDetails == null || statusDetails.equals(status) ? "" : " (" + statusDetails + ")";
            String last = output == null ? "" : output.lines().map(String::strip).filter(l -> !l.isEmpty()
                    && !l.startsWith("----------")).reduce((a, b) -> b).orElse("");
            if (last.length() > 200) {
                last = last.substring(0, 200) + "...";
            }
            return status + details + (last.isEmpty() ? "" : ": " + last);
        }
    }

    private Invocations() {
    }

    public static Map<String, Invocation> list(SsmClient ssm, String commandId, boolean details) {
        Map<String, Invocation> byInstance = new LinkedHashMap<>();
        ssm.listCommandInvocationsPaginator(r -> r.commandId(commandId).details(details).maxResults(PAGE_SIZE))
                .commandInvocations().forEach(inv -> byInstance.put(inv.instanceId(), of(inv, details)));
        return byInstance;
    }

    private static Invocation of(CommandInvocation inv, boolean details) {
        String output = null;
        if (details) {
            StringBuilder text = new StringBuilder();
            for (CommandPlugin plugin : inv.commandPlugins()) {
                if (plugin.output() != null) {
                    text.append(plugin.output()).append('\n');
                }
            }
            output = text.toString();
        }
        return new Invocation(inv.instanceId(), inv.statusAsString(), inv.statusDetails(), output);
    }
}
