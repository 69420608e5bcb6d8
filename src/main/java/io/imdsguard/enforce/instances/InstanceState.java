package io.imdsguard.enforce.instances;

import io.imdsguard.enforce.MetadataSettings;

import java.util.Set;

/**
 * An instance as DescribeInstances shows it to enforcement: where it is, its Name tag, its EC2 state and
 * its metadata options (AWS's defaults filled in where the answer leaves a field out).
 *
 * @param name     the Name tag, null when it has none (untrusted text: print it through {@code Printable})
 * @param ec2State pending, running, stopping, stopped, shutting-down, terminated
 */
public record InstanceState(String account, String region, String instanceId, String name, String ec2State,
                            MetadataSettings settings) {
    private static final Set<String> GONE = Set.of("terminated", "shutting-down");
    private static final Set<String> HALTED = Set.of("stopped", "stopping");

    /** Terminated or on its way there: nothing to change, nothing to restore. */
    public boolean gone() {
        return GONE.contains(ec2State);
    }

    /** Not running: a change to its options takes effect at its next start. */
    public boolean halted() {
        return HALTED.contains(ec2State);
    }
}
