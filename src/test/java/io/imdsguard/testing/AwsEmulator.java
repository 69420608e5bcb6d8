package io.imdsguard.testing;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * JUnit 5 extension that gives a test class a real AWS API emulator over HTTP (docs/testing.md).
 *
 * <p>Use {@code @ExtendWith(AwsEmulator.class)} and take an {@code AwsEmulator} parameter, or
 * {@code @RegisterExtension static final AwsEmulator AWS = new AwsEmulator();}. The emulator is
 * chosen once per JVM (env {@code AWS_ENDPOINT_URL}, else LocalStack when Docker works, else a
 * pinned moto server) and sits behind a WireMock stub that adds what moto lacks, fault injection
 * and a request journal. All AWS state is reset before each top-level test class; {@code @Nested}
 * classes share their outer class's state.
 */
public final class AwsEmulator implements BeforeAllCallback, ParameterResolver {

    /** The region clients use unless told otherwise. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The account id moto (and LocalStack) report for the dummy credentials. */
    public static final String ACCOUNT_ID = "123456789012";

    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private final String region;

    /** An emulator handle whose clients default to {@value #DEFAULT_REGION}. */
    public AwsEmulator() {
        this(DEFAULT_REGION);
    }

    /** An emulator handle whose clients default to {@code region}. */
    public AwsEmulator(String region) {
        this.region = region;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean nested = context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, Nested.class))
                .orElse(false);
        if (!nested) {
            runtime().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** The URL every SDK client should use as endpoint override (the stub in front of the emulator). */
    public URI endpoint() {
        return runtime().endpoint;
    }

    /** The emulator itself, bypassing the stub: for diagnosing the harness only. */
    public URI upstreamEndpoint() {
        return runtime().upstream.endpoint();
    }

    /** The default region of this handle. */
    public String region() {
        return region;
    }

    /** Dummy static credentials ("testing"/"testing"). */
    public AwsCredentialsProvider credentials() {
        return CREDENTIALS;
    }

    /** Builds a client pointed at the emulator in the default region. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return client(builder, region);
    }

    /**
     * Builds a client pointed at the emulator, e.g. {@code emulator.client(Ec2Client.builder(), "us-west-2")}.
     * S3 clients use path-style addressing because bucket host names cannot resolve to the stub.
     */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder, String clientRegion) {
        return client(builder, clientRegion, CREDENTIALS);
    }

    /**
     * As {@link #client(AwsClientBuilder, String)} with other credentials: those of a role assumed in another
     * account make moto act in that account ({@link #assumeRole}).
     */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder, String clientRegion,
            AwsCredentialsProvider credentials) {
        if (builder instanceof S3ClientBuilder s3) {
            s3.forcePathStyle(true);
        }
        return builder.endpointOverride(endpoint())
                .region(Region.of(clientRegion))
                .credentialsProvider(credentials)
                .build();
    }

    /**
     * Credentials of {@code arn:aws:iam::<account>:role/<role>}, assumed with the dummy credentials. Moto maps
     * the credentials it issues to the role's account, so clients built with them create and read resources in
     * that account (a member of an Organization, say).
     */
    public AwsCredentialsProvider assumeRole(String account, String role) {
        try (StsClient sts = client(StsClient.builder())) {
            Credentials c = sts.assumeRole(r -> r.roleArn("arn:aws:iam::" + account + ":role/" + role)
                    .roleSessionName("imdsguard-fixture")).credentials();
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken()));
        }
    }

    /** Wipes all emulated AWS state, faults, seeded stub data and the journal (done before each class). */
    public void reset() {
        runtime().reset();
    }

    /**
     * Makes every call of {@code operation} answer an error in the service's wire format until the next reset.
     *
     * @param service SDK service name: ec2, iam, elasticloadbalancing, elasticloadbalancingv2, s3, ssm, sts,
     *     organizations, wafv2, cloudwatch (CloudWatch's calls are named as IAM names them, not "monitoring")
     * @param region only calls signed for this region fail; {@code null} for every region
     */
    public void failOperation(String service, String operation, String region, int httpStatus, String errorCode,
            String message) {
        runtime().stub.faults.failAlways(service, operation, region, httpStatus, errorCode, message);
    }

    /**
     * As {@link #failOperation} for the calls whose query-protocol parameter {@code param} is {@code value} only,
     * e.g. the STS AssumeRole of one role ({@code RoleArn}): moto issues credentials for any role, AWS does not.
     */
    public void failOperationWhere(String service, String operation, String param, String value, int httpStatus,
            String errorCode, String message) {
        runtime().stub.faults.failWhere(service, operation, param, value, httpStatus, errorCode, message);
    }

    /** Makes the first {@code times} calls of {@code operation} (any region) answer the service's throttling error. */
    public void throttle(String service, String operation, int times) {
        runtime().stub.faults.throttle(service, operation, times);
    }

    /** Every AWS call the stub received since the last {@link #clearRecorded()} or reset, in arrival order. */
    public List<AwsCall> recordedCalls() {
        return runtime().stub.recorded();
    }

    /**
     * The query-protocol parameters (URL query and form body, decoded) of every recorded call of
     * {@code operation}, in arrival order: what the code under test sent, e.g. the
     * {@code MetricDataQueries.member.N.*} of each CloudWatch GetMetricData.
     */
    public List<Map<String, String>> recordedParams(String service, String operation) {
        return runtime().stub.recordedParams(service, operation);
    }

    /**
     * Makes CloudWatch GetMetricData answer at most {@code datapoints} data points a page (with a
     * NextToken for the rest), as CloudWatch does when an answer is large; until the next reset.
     */
    public void limitMetricDataPage(int datapoints) {
        runtime().stub.metrics.limitPage(datapoints);
    }

    /**
     * Makes the next ModifyInstanceMetadataOptions of {@code instanceId} answer State "pending", and the
     * next {@code describes} DescribeInstances answers that list the instance report it "pending" too; later
     * ones report "applied", as EC2 does once the change reached the host. 0 keeps it pending until the next
     * reset (for timeout tests). Without this call an instance reads "pending" only when it was stopped when
     * modified (until a StartInstances for it), else "applied" at once as moto reports it.
     */
    public void holdMetadataOptionsPending(String instanceId, int describes) {
        runtime().stub.metadataOptionsState.hold(instanceId, describes);
    }

    /** Empties the request journal. */
    public void clearRecorded() {
        runtime().stub.clearRecorded();
    }

    /** Adds managed nodes that SSM DescribeInstanceInformation reports in {@code region}. */
    public void seedInstanceInformation(String region, SsmInstanceSeed... nodes) {
        runtime().stub.ssmInstances.seed(region, Arrays.asList(nodes));
    }

    /**
     * Makes SSM GetCommandInvocation for {@code instanceId} in {@code region} report {@code output} for any
     * command id (moto runs nothing and reports empty output). Output is truncated as AWS does (24,000 chars).
     * ListCommandInvocations reports the same status for the instance in every command that went to it, with
     * the output (stdout, then stderr) cut at 2,500 characters in its details.
     */
    public void seedCommandOutput(String region, String instanceId, SsmCommandOutput output) {
        runtime().stub.commandOutputs.seed(region, instanceId, output);
    }

    /**
     * Marks {@code region}'s IMDS defaults as managed by a declarative policy, as GetInstanceMetadataDefaults
     * then reports ({@code managedBy=declarative-policy}, {@code managedExceptionMessage}).
     */
    public void manageMetadataDefaultsByDeclarativePolicy(String region, String exceptionMessage) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("managedBy", "declarative-policy");
        fields.put("managedExceptionMessage", exceptionMessage);
        runtime().stub.metadataDefaults.seed(region, fields);
    }

    /** A builder that seeds resources through the real SDK in the default region; close it when done. */
    public FleetBuilder fleet() {
        return fleet(region);
    }

    /** A builder that seeds resources through the real SDK in {@code fleetRegion}; close it when done. */
    public FleetBuilder fleet(String fleetRegion) {
        return new FleetBuilder(this, fleetRegion, CREDENTIALS);
    }

    /**
     * A builder that seeds through {@code credentials}, e.g. {@link #assumeRole} into another account, so the
     * fleet is that account's; close it when done.
     */
    public FleetBuilder fleet(String fleetRegion, AwsCredentialsProvider credentials) {
        return new FleetBuilder(this, fleetRegion, credentials);
    }

    private static EmulatorRuntime runtime() {
        return EmulatorRuntime.get();
    }
}
