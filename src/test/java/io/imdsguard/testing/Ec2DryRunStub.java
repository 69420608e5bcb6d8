package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DryRun=true on any mutating EC2 call, answered as EC2 answers it and never passed on: moto 5.2.5
 * ignores DryRun on ModifyInstanceMetadataOptions (and others) and makes the change. The instances the
 * call names (InstanceId, InstanceId.N) are checked first, as EC2 checks them: a malformed id is
 * InvalidInstanceID.Malformed, one the emulator does not know is InvalidInstanceID.NotFound; otherwise
 * the answer is 412 DryRunOperation. Injected faults are answered before this stub is asked.
 */
final class Ec2DryRunStub {

    static final String DRY_RUN_MESSAGE = "Request would have succeeded, but DryRun flag is set.";
    private static final Pattern INSTANCE_ID = Pattern.compile("i-(?:[0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern INSTANCE_ID_PARAM = Pattern.compile("InstanceId(?:\\.\\d+)?");

    private final Ec2Upstream upstream;

    Ec2DryRunStub(Ec2Upstream upstream) {
        this.upstream = upstream;
    }

    boolean handles(AwsRequest request) {
        return "ec2".equals(request.service()) && request.call().isMutating()
                && "true".equalsIgnoreCase(request.params().get("DryRun"));
    }

    ResponseDefinition answer(AwsRequest request, Request http) {
        List<String> ids = instanceIds(request.params());
        for (String id : ids) {
            if (!INSTANCE_ID.matcher(id).matches()) {
                return AwsWireFormat.error("ec2", 400, "InvalidInstanceID.Malformed",
                        "Invalid id: \"" + id + "\" (expecting \"i-...\")");
            }
        }
        if (!ids.isEmpty()) {
            try {
                Ec2Upstream.Answer described = upstream.describeInstances(http, request.params().get("Version"), ids);
                if (!described.ok()) {
                    return described.toResponse();
                }
                Set<String> missing = new LinkedHashSet<>(ids);
                Ec2InstanceXml.instances(described.body()).forEach(item -> missing.remove(item.instanceId()));
                if (!missing.isEmpty()) {
                    return AwsWireFormat.error("ec2", 400, "InvalidInstanceID.NotFound", notFound(missing));
                }
            } catch (Ec2Upstream.Unreachable e) {
                return e.response;
            }
        }
        return AwsWireFormat.error("ec2", 412, "DryRunOperation", DRY_RUN_MESSAGE);
    }

    /** The instance ids a call names, in parameter order: InstanceId, or the InstanceId.N of a list. */
    static List<String> instanceIds(Map<String, String> params) {
        List<String> ids = new ArrayList<>();
        params.forEach((name, value) -> {
            if (INSTANCE_ID_PARAM.matcher(name).matches() && !ids.contains(value)) {
                ids.add(value);
            }
        });
        return ids;
    }

    /** EC2's wording, singular or plural. */
    private static String notFound(Set<String> ids) {
        return ids.size() == 1 ? "The instance ID '" + ids.iterator().next() + "' does not exist"
                : "The instance IDs '" + String.join(", ", ids) + "' do not exist";
    }
}
