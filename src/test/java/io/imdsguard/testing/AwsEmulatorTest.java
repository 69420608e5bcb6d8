package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.sts.StsClient;

/** Proves the harness: emulator up, SDK round trips, stubbed operations, faults and the journal. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsEmulatorTest {

    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();

    @Test
    @Order(1)
    void startsWithNoStateLeftByOtherClasses() {
        // Runs first: AwsEmulatorIsolationTest leaves a VPC behind; the reset before this class removed it.
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder())) {
            assertThat(ReuseCheck.markedVpcs(ec2)).isEmpty();
            ReuseCheck.createMarkedVpc(ec2, "AwsEmulatorTest");
        }
    }

    @Test
    void endpointAnswersHttp() throws Exception {
        URI endpoint = AWS.endpoint();
        assertThat(endpoint.getScheme()).isEqualTo("http");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void sdkRoundTripSeesCreatedVpc() {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "eu-west-1");
                StsClient sts = AWS.client(StsClient.builder())) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();
            List<Vpc> vpcs = ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs();
            assertThat(vpcs).extracting(Vpc::cidrBlock).containsExactly("10.42.0.0/16");
            assertThat(sts.getCallerIdentity().account()).isEqualTo(AwsEmulator.ACCOUNT_ID);
        }
    }

    @Test
    void explicitResetWipesEmulatorState() {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "ap-south-1")) {
            String vpcId = ec2.createVpc(r -> r.cidrBlock("10.43.0.0/16")).vpc().vpcId();
            AWS.reset();
            assertThat(ec2.describeVpcs().vpcs()).extracting(Vpc::vpcId).doesNotContain(vpcId);
        }
    }

    @Test
    void metadataDefaultsRoundTripPerRegion() {
        try (Ec2Client east = AWS.client(Ec2Client.builder(), "us-east-1");
                Ec2Client west = AWS.client(Ec2Client.builder(), "us-west-2")) {
            assertThat(east.getInstanceMetadataDefaults(r -> { }).accountLevel().httpTokensAsString()).isNull();

            east.modifyInstanceMetadataDefaults(r -> r.httpTokens("required").httpPutResponseHopLimit(2));

            InstanceMetadataDefaultsResponse eastLevel = east.getInstanceMetadataDefaults(r -> { }).accountLevel();
            assertThat(eastLevel.httpTokensAsString()).isEqualTo("required");
            assertThat(eastLevel.httpPutResponseHopLimit()).isEqualTo(2);
            assertThat(eastLevel.httpEndpointAsString()).isNull();
            GetInstanceMetadataDefaultsResponse westResponse = west.getInstanceMetadataDefaults(r -> { });
            assertThat(westResponse.accountLevel().httpTokensAsString()).isNull();

            east.modifyInstanceMetadataDefaults(r -> r.httpTokens("no-preference"));
            assertThat(east.getInstanceMetadataDefaults(r -> { }).accountLevel().httpTokensAsString()).isNull();
            assertThat(east.getInstanceMetadataDefaults(r -> { }).accountLevel().httpPutResponseHopLimit()).isEqualTo(2);

            AWS.manageMetadataDefaultsByDeclarativePolicy("us-west-2", "Managed by the org");
            InstanceMetadataDefaultsResponse managed = west.getInstanceMetadataDefaults(r -> { }).accountLevel();
            assertThat(managed.managedByAsString()).isEqualTo("declarative-policy");
            assertThat(managed.managedExceptionMessage()).isEqualTo("Managed by the org");

            assertThatThrownBy(() -> east.modifyInstanceMetadataDefaults(r -> r.dryRun(true).httpTokens("required")))
                    .isInstanceOfSatisfying(Ec2Exception.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation"));
        }
    }

    @Test
    void ssmDescribeInstanceInformationAnswersSeededNodes() {
        AWS.seedInstanceInformation("us-east-1",
                SsmInstanceSeed.onlineLinux("i-0000000000000001").withIpAddress("10.0.0.5"),
                SsmInstanceSeed.onlineLinux("i-0000000000000002").withPingStatus("ConnectionLost"),
                SsmInstanceSeed.onlineLinux("i-0000000000000003").withPlatform("Windows", "Windows Server", "10"));
        AWS.seedInstanceInformation("eu-central-1", SsmInstanceSeed.onlineLinux("i-00000000000000ff"));
        try (SsmClient ssm = AWS.client(SsmClient.builder())) {
            List<InstanceInformation> all = ssm.describeInstanceInformationPaginator(r -> r.maxResults(5))
                    .instanceInformationList().stream().toList();
            assertThat(all).extracting(InstanceInformation::instanceId)
                    .containsExactly("i-0000000000000001", "i-0000000000000002", "i-0000000000000003");
            assertThat(all.get(0).ipAddress()).isEqualTo("10.0.0.5");
            assertThat(all.get(0).lastPingDateTime()).isNotNull();

            List<InstanceInformation> online = ssm.describeInstanceInformation(r -> r.filters(
                    InstanceInformationStringFilter.builder().key("PingStatus").values("Online").build(),
                    InstanceInformationStringFilter.builder().key("PlatformTypes").values("Linux").build()))
                    .instanceInformationList();
            assertThat(online).extracting(InstanceInformation::instanceId).containsExactly("i-0000000000000001");
            assertThat(online.get(0).platformTypeAsString()).isEqualTo("Linux");
        }
    }

    @Test
    void failOperationAnswersTheServicesErrorFormat() {
        AWS.failOperation("ec2", "DescribeNatGateways", "us-west-2", 403, "UnauthorizedOperation", "You are not <authorized>");
        AWS.failOperation("iam", "GetAccountAuthorizationDetails", null, 403, "AccessDenied", "denied");
        AWS.failOperation("ssm", "DescribeInstanceInformation", null, 400, "AccessDeniedException", "no ssm");
        AWS.failOperation("s3", "ListBuckets", null, 403, "AccessDenied", "no s3");
        AWS.failOperation("elasticloadbalancingv2", "DescribeLoadBalancers", null, 400, "ValidationError", "elb");
        try (Ec2Client west = AWS.client(Ec2Client.builder(), "us-west-2");
                Ec2Client east = AWS.client(Ec2Client.builder(), "us-east-1");
                IamClient iam = AWS.client(IamClient.builder(), "aws-global");
                SsmClient ssm = AWS.client(SsmClient.builder());
                S3Client s3 = AWS.client(S3Client.builder());
                ElasticLoadBalancingV2Client elb = AWS.client(ElasticLoadBalancingV2Client.builder())) {
            assertThatThrownBy(west::describeNatGateways).isInstanceOfSatisfying(Ec2Exception.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnauthorizedOperation");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("You are not <authorized>");
            });
            assertThat(east.describeNatGateways().natGateways()).isEmpty();
            assertThatThrownBy(iam::getAccountAuthorizationDetails).isInstanceOfSatisfying(IamException.class,
                    e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            assertErrorCode(() -> ssm.describeInstanceInformation(), "AccessDeniedException");
            assertErrorCode(s3::listBuckets, "AccessDenied");
            assertErrorCode(elb::describeLoadBalancers, "ValidationError");
        }
    }

    @Test
    void throttledCallsSucceedAfterRetriesAndFailWhenRetriesRunOut() {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder());
                IamClient iam = AWS.client(IamClient.builder(), "aws-global")) {
            AWS.clearRecorded();
            AWS.throttle("ec2", "DescribeVpcs", 2);
            assertThat(ec2.describeVpcs().vpcs()).isNotEmpty(); // the default VPC
            assertThat(AWS.recordedCalls()).filteredOn(c -> c.operation().equals("DescribeVpcs")).hasSize(3);

            AWS.throttle("iam", "ListRoles", 10);
            assertErrorCode(iam::listRoles, "Throttling");
        }
    }

    @Test
    void recordedCallsNameServiceOperationAndRegion() {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder(), "us-west-2");
                S3Client s3 = AWS.client(S3Client.builder());
                SsmClient ssm = AWS.client(SsmClient.builder(), "eu-west-1")) {
            AWS.clearRecorded();
            ec2.describeInstances();
            s3.createBucket(r -> r.bucket("journal-bucket"));
            s3.getBucketLocation(r -> r.bucket("journal-bucket"));
            s3.listBuckets();
            ssm.describeInstanceInformation();
            assertThat(AWS.recordedCalls()).containsExactly(
                    new AwsCall("ec2", "DescribeInstances", "us-west-2"),
                    new AwsCall("s3", "CreateBucket", "us-east-1"),
                    new AwsCall("s3", "GetBucketLocation", "us-east-1"),
                    new AwsCall("s3", "ListBuckets", "us-east-1"),
                    new AwsCall("ssm", "DescribeInstanceInformation", "eu-west-1"));
            assertThat(AWS.recordedCalls()).filteredOn(AwsCall::isMutating)
                    .extracting(AwsCall::operation).containsExactly("CreateBucket");
            AWS.clearRecorded();
            assertThat(AWS.recordedCalls()).isEmpty();
        }
    }

    @Test
    void emulatorErrorsPassThroughTheStubIntact() {
        try (Ec2Client ec2 = AWS.client(Ec2Client.builder());
                IamClient iam = AWS.client(IamClient.builder(), "aws-global");
                SsmClient ssm = AWS.client(SsmClient.builder())) {
            assertErrorCode(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0")),
                    "InvalidInstanceID.NotFound");
            assertErrorCode(() -> iam.getRole(r -> r.roleName("nope")), "NoSuchEntity");
            assertErrorCode(() -> ssm.getParameter(r -> r.name("/nope")), "ParameterNotFound");
        }
    }

    private static void assertErrorCode(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(AwsServiceException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code));
    }
}
