package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata-options State as EC2 reports it, where moto 5.2.5 says "applied" at once. EC2 answers a
 * ModifyInstanceMetadataOptions "pending" and reports "applied" later; for a stopped instance the change
 * waits for the next start. So an instance is <em>held</em> (its state reported "pending"):
 * <ul>
 *   <li>after a Modify a test armed with {@link #hold}, for that many DescribeInstances answers that
 *       list it (0: until reset), and</li>
 *   <li>after a Modify while it is stopped or stopping, until a StartInstances for it passes through.</li>
 * </ul>
 * Only while some instance is held does the stub send DescribeInstances to the emulator itself; it
 * then rewrites the {@code metadataOptions/state} of held instances' items and nothing else.
 */
final class MetadataOptionsStateStub {

    private static final String MODIFY = "ModifyInstanceMetadataOptions";
    private static final String DESCRIBE = "DescribeInstances";
    private static final Set<String> STOPPED = Set.of("stopped", "stopping");

    private final Ec2Upstream upstream;
    /** instance id -> describes to hold for after its next Modify (0: forever). */
    private final Map<String, Integer> armed = new HashMap<>();
    private final Map<String, Hold> held = new HashMap<>();

    /**
     * Why an instance is reported pending.
     *
     * @param untilStart waits for a StartInstances (it was stopped when modified)
     * @param describes pending describes left once started; -1 forever, 0 none
     */
    private record Hold(boolean untilStart, int describes) {
        boolean over() {
            return !untilStart && describes == 0;
        }
    }

    MetadataOptionsStateStub(Ec2Upstream upstream) {
        this.upstream = upstream;
    }

    synchronized void hold(String instanceId, int describes) {
        if (describes < 0) {
            throw new IllegalArgumentException("describes must be 0 (pending forever) or more, not " + describes);
        }
        armed.put(instanceId, describes);
    }

    synchronized boolean handles(AwsCall call) {
        return "ec2".equals(call.service())
                && (call.operation().equals(MODIFY) || call.operation().equals(DESCRIBE) && !held.isEmpty());
    }

    /** The edited answer, or null to let the call through to the emulator as it is. */
    ResponseDefinition answer(AwsRequest request, Request http) {
        try {
            return request.operation().equals(MODIFY) ? modify(request, http) : describe(http);
        } catch (Ec2Upstream.Unreachable e) {
            return e.response;
        }
    }

    /** A StartInstances that passed through applies the changes that waited for it. */
    void observe(AwsRequest request) {
        if (!"ec2".equals(request.service()) || !request.operation().equals("StartInstances")) {
            return;
        }
        synchronized (this) {
            for (String id : Ec2DryRunStub.instanceIds(request.params())) {
                Hold hold = held.get(id);
                if (hold != null && hold.untilStart()) {
                    release(id, new Hold(false, hold.describes()));
                }
            }
        }
    }

    synchronized void clear() {
        armed.clear();
        held.clear();
    }

    private ResponseDefinition modify(AwsRequest request, Request http) throws Ec2Upstream.Unreachable {
        String id = request.params().get("InstanceId");
        if (id == null) {
            return null;
        }
        Ec2Upstream.Answer described = upstream.describeInstances(http, request.params().get("Version"), List.of(id));
        String stateName = described.ok() ? Ec2InstanceXml.instances(described.body()).stream()
                .filter(item -> id.equals(item.instanceId())).map(Ec2InstanceXml.Item::stateName)
                .findFirst().orElse(null) : null;
        if (stateName == null) {
            return null; // unknown to the emulator: its own error is the right answer
        }
        boolean stopped = STOPPED.contains(stateName);
        Integer describes;
        synchronized (this) {
            describes = armed.remove(id);
            if (!stopped && describes == null && !held.containsKey(id)) {
                return null;
            }
        }
        Ec2Upstream.Answer modified = upstream.forward(http);
        Ec2InstanceXml.Span state = modified.ok()
                ? Ec2InstanceXml.find(modified.body(), "instanceMetadataOptions", "state") : null;
        synchronized (this) {
            if (state == null) {
                if (describes != null) {
                    armed.putIfAbsent(id, describes); // the change did not happen; the hold still waits for one
                }
                return modified.toResponse();
            }
            if (stopped || describes != null) {
                int left = describes == null ? 0 : describes == 0 ? -1 : describes;
                held.put(id, new Hold(stopped, left));
            }
        }
        return modified.toResponse(Ec2InstanceXml.replace(modified.body(), List.of(state), "pending"));
    }

    private ResponseDefinition describe(Request http) throws Ec2Upstream.Unreachable {
        Ec2Upstream.Answer described = upstream.forward(http);
        if (!described.ok()) {
            return described.toResponse();
        }
        List<Ec2InstanceXml.Span> pending = new ArrayList<>();
        synchronized (this) {
            for (Ec2InstanceXml.Item item : Ec2InstanceXml.instances(described.body())) {
                Hold hold = held.get(item.instanceId());
                if (hold == null || item.metadataState() == null) {
                    continue;
                }
                pending.add(item.metadataState());
                if (!hold.untilStart() && hold.describes() > 0) {
                    release(item.instanceId(), new Hold(false, hold.describes() - 1));
                }
            }
        }
        return pending.isEmpty() ? described.toResponse()
                : described.toResponse(Ec2InstanceXml.replace(described.body(), pending, "pending"));
    }

    /** Records the instance's new hold, or drops it once nothing keeps it pending. */
    private void release(String id, Hold next) {
        if (next.over()) {
            held.remove(id);
        } else {
            held.put(id, next);
        }
    }
}
