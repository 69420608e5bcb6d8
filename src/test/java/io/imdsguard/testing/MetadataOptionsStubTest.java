package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The enforcement path through the stub with a real Ec2Client: DryRun answered as EC2 answers it, and
 * the metadata-options State reported "pending" as EC2 reports it. Each test seeds its own region.
 */
class MetadataOptionsStubTest {

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    private static final String MISSING = "i-0123456789abcdef0";

    @Test
    void dryRunModifyChangesNothingAndAnswersDryRunOperation() {
        String region = "eu-west-1";
        String id = launch(region, 1).get(0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            Instance before = describe(ec2, id);

            assertThatThrownBy(() -> ec2.modifyInstanceMetadataOptions(requireV2(id).dryRun(true).build()))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                        assertThat(e.statusCode()).isEqualTo(412);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Request would have succeeded, but DryRun flag is set.");
                    });

            Instance after = describe(ec2, id);
            assertThat(after.metadataOptions()).isEqualTo(before.metadataOptions());
            assertThat(after.metadataOptions().httpTokensAsString()).isEqualTo("optional");
            assertThat(AWS.recordedParams("ec2", "ModifyInstanceMetadataOptions"))
                    .anySatisfy(p -> assertThat(p).containsEntry("DryRun", "true").containsEntry("InstanceId", id));
        }
    }

    @Test
    void dryRunOnAMissingOrMalformedIdAnswersAsEc2Does() {
        String region = "eu-west-2";
        String id = launch(region, 1).get(0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region);
                Ec2Client elsewhere = AWS.client(Ec2Client.builder(), "eu-west-3")) {
            assertThatThrownBy(() -> ec2.modifyInstanceMetadataOptions(requireV2(MISSING).dryRun(true).build()))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The instance ID '" + MISSING + "' does not exist");
                    });
            // The instance lives in eu-west-2 only: the check asks the region the caller signed for.
            assertThatThrownBy(() -> elsewhere.modifyInstanceMetadataOptions(requireV2(id).dryRun(true).build()))
                    .isInstanceOfSatisfying(Ec2Exception.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound"));
            assertThatThrownBy(() -> ec2.modifyInstanceMetadataOptions(requireV2("i-nothex").dryRun(true).build()))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.Malformed");
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorMessage()).contains("\"i-nothex\"");
                    });
        }
    }

    @Test
    void dryRunOnOtherMutatingCallsAnswersDryRunOperationAndChangesNothing() {
        String region = "ap-southeast-1";
        String id = launch(region, 1).get(0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            assertThatThrownBy(() -> ec2.stopInstances(r -> r.instanceIds(id).dryRun(true)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
                        assertThat(e.statusCode()).isEqualTo(412);
                    });
            assertThat(describe(ec2, id).state().name()).isEqualTo(InstanceStateName.RUNNING);
            assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(id, MISSING, "i-00000000000000001")
                    .dryRun(true)))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The instance IDs '" + MISSING + ", i-00000000000000001' do not exist"));
            assertThatThrownBy(() -> ec2.modifyInstanceMetadataDefaults(r -> r.httpTokens("required").dryRun(true)))
                    .isInstanceOfSatisfying(Ec2Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation"));
            assertThat(ec2.getInstanceMetadataDefaults(r -> { }).accountLevel().httpTokensAsString()).isNull();
        }
    }

    @Test
    void anInjectedFaultWinsOverTheDryRunAnswer() {
        String region = "ap-southeast-2";
        String id = launch(region, 1).get(0);
        AWS.failOperation("ec2", "ModifyInstanceMetadataOptions", region, 403, "UnauthorizedOperation",
                "You are not authorized to perform this operation.");
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            assertThatThrownBy(() -> ec2.modifyInstanceMetadataOptions(requireV2(id).dryRun(true).build()))
                    .isInstanceOfSatisfying(Ec2Exception.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void aRealModifyReachesTheEmulatorAndReadsAppliedWithoutAHold() {
        String region = "ca-central-1";
        String id = launch(region, 1).get(0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            ModifyInstanceMetadataOptionsResponse modified = ec2.modifyInstanceMetadataOptions(requireV2(id).build());

            assertThat(modified.instanceId()).isEqualTo(id);
            assertThat(modified.instanceMetadataOptions().stateAsString()).isEqualTo("applied");
            InstanceMetadataOptionsResponse options = describe(ec2, id).metadataOptions();
            assertThat(options.httpTokensAsString()).isEqualTo("required");
            assertThat(options.httpPutResponseHopLimit()).isEqualTo(2);
            assertThat(options.stateAsString()).isEqualTo("applied");
        }
    }

    @Test
    void aHeldInstanceReadsPendingForTheGivenDescribesAfterItsDryRunAndModify() {
        String region = "sa-east-1";
        List<String> ids = launch(region, 2);
        String held = ids.get(0);
        String other = ids.get(1);
        AWS.holdMetadataOptionsPending(held, 2);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            // Describes before the Modify and a dry run do not use the hold up.
            assertThat(describe(ec2, held).metadataOptions().stateAsString()).isEqualTo("applied");
            assertThatThrownBy(() -> ec2.modifyInstanceMetadataOptions(requireV2(held).dryRun(true).build()))
                    .isInstanceOf(Ec2Exception.class);
            ModifyInstanceMetadataOptionsResponse modified = ec2.modifyInstanceMetadataOptions(requireV2(held).build());
            assertThat(modified.instanceMetadataOptions().stateAsString()).isEqualTo("pending");
            assertThat(modified.instanceMetadataOptions().httpTokensAsString()).isEqualTo("required");

            // A describe that does not list the held instance does not count.
            assertThat(describe(ec2, other).metadataOptions().stateAsString()).isEqualTo("applied");
            List<String> states = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                InstanceMetadataOptionsResponse options = describe(ec2, held).metadataOptions();
                assertThat(options.httpTokensAsString()).isEqualTo("required");
                states.add(options.stateAsString());
            }
            assertThat(states).containsExactly("pending", "pending", "applied", "applied");

            // The hold was for one Modify: the next one reads applied at once.
            assertThat(ec2.modifyInstanceMetadataOptions(requireV2(held).build())
                    .instanceMetadataOptions().stateAsString()).isEqualTo("applied");
        }
    }

    @Test
    void holdingForZeroDescribesKeepsItPendingUntilReset() {
        String region = "eu-north-1";
        String id = launch(region, 1).get(0);
        AWS.holdMetadataOptionsPending(id, 0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            assertThat(ec2.modifyInstanceMetadataOptions(requireV2(id).build())
                    .instanceMetadataOptions().stateAsString()).isEqualTo("pending");
            for (int i = 0; i < 6; i++) {
                assertThat(describe(ec2, id).metadataOptions().stateAsString()).isEqualTo("pending");
            }
            AWS.reset();
            String fresh = launch(region, 1).get(0);
            ec2.modifyInstanceMetadataOptions(requireV2(fresh).build());
            assertThat(describe(ec2, fresh).metadataOptions().stateAsString()).isEqualTo("applied");
        }
    }

    @Test
    void aStoppedInstanceReadsPendingUntilItIsStarted() {
        String region = "eu-central-1";
        List<String> ids = launch(region, 2);
        String stopped = ids.get(0);
        String running = ids.get(1);
        try (FleetBuilder fleet = AWS.fleet(region); Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            fleet.compute().stop(stopped);
            assertThat(ec2.modifyInstanceMetadataOptions(requireV2(stopped).build())
                    .instanceMetadataOptions().stateAsString()).isEqualTo("pending");
            assertThat(ec2.modifyInstanceMetadataOptions(requireV2(running).build())
                    .instanceMetadataOptions().stateAsString()).isEqualTo("applied");
            for (int i = 0; i < 3; i++) {
                Map<String, Instance> both = describeAll(ec2, r -> r.instanceIds(ids));
                assertThat(both.get(stopped).metadataOptions().stateAsString()).isEqualTo("pending");
                assertThat(both.get(stopped).metadataOptions().httpTokensAsString()).isEqualTo("required");
                assertThat(both.get(running).metadataOptions().stateAsString()).isEqualTo("applied");
            }
            // A dry-run start changes nothing, so the change still waits.
            assertThatThrownBy(() -> ec2.startInstances(r -> r.instanceIds(stopped).dryRun(true)))
                    .isInstanceOf(Ec2Exception.class);
            assertThat(describe(ec2, stopped).metadataOptions().stateAsString()).isEqualTo("pending");

            ec2.startInstances(r -> r.instanceIds(stopped));
            assertThat(describe(ec2, stopped).metadataOptions().stateAsString()).isEqualTo("applied");
        }
    }

    @Test
    void pagedDescribesRewriteOnlyTheHeldInstancesOnEveryPage() {
        String region = "us-west-1";
        List<String> ids = launch(region, 12);
        List<String> heldIds = List.of(ids.get(0), ids.get(6), ids.get(11));
        heldIds.forEach(id -> AWS.holdMetadataOptionsPending(id, 1));
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            heldIds.forEach(id -> ec2.modifyInstanceMetadataOptions(requireV2(id).build()));

            List<DescribeInstancesResponse> pages = ec2.describeInstancesPaginator(r -> r.maxResults(5)).stream()
                    .toList();
            assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
            Map<String, Instance> first = byId(pages.stream().flatMap(p -> p.reservations().stream()).toList());
            assertThat(first).hasSize(12);
            first.forEach((id, instance) -> assertThat(instance.metadataOptions().stateAsString())
                    .as(id).isEqualTo(heldIds.contains(id) ? "pending" : "applied"));
            first.forEach((id, instance) -> assertThat(instance.metadataOptions().httpTokensAsString())
                    .as(id).isEqualTo(heldIds.contains(id) ? "required" : "optional"));

            Map<String, Instance> second = describeAll(ec2, r -> r.maxResults(5));
            assertThat(second.values()).extracting(i -> i.metadataOptions().stateAsString()).containsOnly("applied");
        }
    }

    @Test
    void aRewrittenAnswerDiffersFromTheEmulatorsOnlyInTheHeldInstancesState() throws Exception {
        String region = "us-east-2";
        List<String> ids = launch(region, 3);
        String held = ids.get(1);
        AWS.holdMetadataOptionsPending(held, 0);
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), region)) {
            ec2.modifyInstanceMetadataOptions(requireV2(held).build());
        }
        String form = "Action=DescribeInstances&Version=2016-11-15";
        String viaStub = rawPost(AWS.endpoint(), region, form);
        String direct = rawPost(AWS.upstreamEndpoint(), region, form);

        String pending = "<metadataOptions><state>pending</state>";
        assertThat(viaStub.indexOf(pending)).isPositive().isEqualTo(viaStub.lastIndexOf(pending));
        int at = viaStub.indexOf(pending);
        int nextId = viaStub.indexOf("<instanceId>", at);
        assertThat(viaStub.substring(nextId)).startsWith("<instanceId>" + held + "</instanceId>");
        assertThat(withoutRequestId(viaStub.replace(pending, "<metadataOptions><state>applied</state>")))
                .isEqualTo(withoutRequestId(direct));
    }

    private static String rawPost(java.net.URI endpoint, String region, String form) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(endpoint.resolve("/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20250101/" + region
                        + "/ec2/aws4_request, SignedHeaders=host, Signature=0")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** LocalStack writes a fresh request id into each answer; moto writes the same one. */
    private static String withoutRequestId(String xml) {
        return xml.replaceAll("<requestId>[^<]*</requestId>", "<requestId/>");
    }

    private static ModifyInstanceMetadataOptionsRequest.Builder requireV2(String id) {
        return ModifyInstanceMetadataOptionsRequest.builder().instanceId(id).httpTokens("required")
                .httpEndpoint("enabled").httpPutResponseHopLimit(2).httpProtocolIpv6("disabled")
                .instanceMetadataTags("disabled");
    }

    private static List<String> launch(String region, int count) {
        try (FleetBuilder fleet = AWS.fleet(region)) {
            NetworkFleet.VpcRef vpc = fleet.network().vpc("10.7.0.0/16", false);
            String subnet = fleet.network().subnet(vpc.id(), "10.7.1.0/24", null, false);
            return IntStream.range(0, count)
                    .mapToObj(i -> fleet.compute().run(InstanceSpec.in(subnet).name("n" + i)).instanceId()).toList();
        }
    }

    /** The instance as enforcement polls it: filter instance-id, every page. */
    static Instance describe(Ec2Client ec2, String id) {
        Map<String, Instance> found = describeAll(ec2, r -> r.filters(f -> f.name("instance-id").values(id)).maxResults(5));
        assertThat(found).containsKey(id);
        return found.get(id);
    }

    private static Map<String, Instance> describeAll(Ec2Client ec2,
            java.util.function.Consumer<software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest.Builder> request) {
        return byId(ec2.describeInstancesPaginator(request).reservations().stream().toList());
    }

    private static Map<String, Instance> byId(List<Reservation> reservations) {
        return reservations.stream().flatMap(r -> r.instances().stream())
                .collect(Collectors.toMap(Instance::instanceId, Function.identity()));
    }
}
