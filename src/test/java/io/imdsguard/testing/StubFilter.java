package io.imdsguard.testing;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Sits in front of WireMock's catch-all proxy: records every AWS call, answers injected faults,
 * answers the operations moto lacks, and lets everything else through to the emulator.
 */
final class StubFilter implements StubRequestFilterV2 {

    final FaultRegistry faults = new FaultRegistry();
    final Ec2Upstream ec2Upstream = new Ec2Upstream();
    final Ec2DryRunStub dryRuns = new Ec2DryRunStub(ec2Upstream);
    final MetadataOptionsStateStub metadataOptionsState = new MetadataOptionsStateStub(ec2Upstream);
    final MetadataDefaultsStub metadataDefaults = new MetadataDefaultsStub();
    final SsmInstanceInformationStub ssmInstances = new SsmInstanceInformationStub();
    final WebAclAssociationStub webAclAssociations = new WebAclAssociationStub();
    final SsmCommandOutputStub commandOutputs = new SsmCommandOutputStub();
    final SsmCommandInvocationsStub commandInvocations = new SsmCommandInvocationsStub(commandOutputs);
    final CloudWatchMetricsStub metrics = new CloudWatchMetricsStub();
    private final List<AwsRequest> journal = new CopyOnWriteArrayList<>();

    @Override
    public String getName() {
        return "imdsguard-aws-stub";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        AwsRequest aws = AwsRequest.parse(request);
        if (aws == null) {
            return RequestFilterAction.continueWith(request);
        }
        journal.add(aws);
        ResponseDefinition answer = faults.answer(aws);
        if (answer == null && dryRuns.handles(aws)) {
            answer = dryRuns.answer(aws, request);
        }
        if (answer == null && metadataOptionsState.handles(aws.call())) {
            answer = metadataOptionsState.answer(aws, request);
        }
        if (answer == null && metadataDefaults.handles(aws.call())) {
            answer = metadataDefaults.answer(aws);
        }
        if (answer == null && ssmInstances.handles(aws.call())) {
            answer = ssmInstances.answer(aws);
        }
        if (answer == null && commandInvocations.handles(aws.call())) {
            answer = commandInvocations.answer(aws, request);
        }
        if (answer == null && commandOutputs.handles(aws)) {
            answer = commandOutputs.answer(aws);
        }
        if (answer == null && metrics.handles(aws.call())) {
            answer = metrics.answer(aws);
        }
        if (answer == null && webAclAssociations.handles(aws.call())) {
            answer = webAclAssociations.answer(aws);
        }
        if (answer == null) {
            webAclAssociations.observe(aws);
            metrics.observe(aws);
            metadataOptionsState.observe(aws);
        }
        return answer == null ? RequestFilterAction.continueWith(request) : RequestFilterAction.stopWith(answer);
    }

    List<AwsCall> recorded() {
        return journal.stream().map(AwsRequest::call).collect(Collectors.toCollection(ArrayList::new));
    }

    /** The query-protocol parameters of each recorded call of {@code service}'s {@code operation}, in order. */
    List<Map<String, String>> recordedParams(String service, String operation) {
        return journal.stream().filter(r -> r.service().equals(service) && r.operation().equals(operation))
                .map(r -> Map.copyOf(r.params())).toList();
    }

    void clearRecorded() {
        journal.clear();
    }

    /** Forgets all stub state: faults, seeded data and the journal. */
    void reset() {
        faults.clear();
        metadataDefaults.clear();
        ssmInstances.clear();
        webAclAssociations.clear();
        commandOutputs.clear();
        commandInvocations.clear();
        metrics.clear();
        metadataOptionsState.clear();
        journal.clear();
    }
}
