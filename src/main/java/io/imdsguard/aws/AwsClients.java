package io.imdsguard.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileLocation;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds and caches the SDK clients for one set of {@link AwsSettings}: one client per service and
 * region, all sharing one Apache HTTP connection pool, adaptive retries, bounded timeouts and an
 * {@link ApiCallCounter}. Closing it closes every client it built, and the credentials provider if it built that too.
 *
 * <p>Timeouts: a connection that stays silent for the settings' timeout ends the attempt (the socket
 * read timeout), so an endpoint that accepts and never answers costs one timeout per attempt. An
 * answer that keeps arriving may take {@value #ATTEMPT_FACTOR} times as long (a large IAM or
 * DescribeInstances page over a slow link), the whole call with its retries {@value #ATTEMPTS_PER_CALL}
 * attempts' worth, and a connection at most {@link #CONNECT_TIMEOUT}. A call that times out fails with
 * a {@link NoAnswerException} naming the endpoint and the wait.
 */
public final class AwsClients implements AutoCloseable {
    private static final Region FALLBACK_REGION = Region.US_EAST_1;
    /** Room for the retry strategy's attempts (three by default) and the back-off between them. */
    static final int ATTEMPTS_PER_CALL = 4;
    /** How much longer than the silence allowed an answer that keeps arriving may take. */
    static final int ATTEMPT_FACTOR = 4;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final AwsSettings settings;
    private final ApiCallCounter counter;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final boolean ownsCredentials;
    private final Region homeRegion;
    private final Map<String, SdkAutoCloseable> clients = new ConcurrentHashMap<>();

    /**
     * Clients with the default credential chain, or the settings' named profile.
     *
     * @throws AwsProfileException the named profile is in neither AWS config file
     */
    public AwsClients(AwsSettings settings, ApiCallCounter counter) {
        this(settings, counter, credentialsFor(settings.profile()), true);
    }

    /** Clients with the given credentials (e.g. an assumed role's, or static ones in tests); the caller closes them. */
    public AwsClients(AwsSettings settings, ApiCallCounter counter, AwsCredentialsProvider credentials) {
        this(settings, counter, credentials, false);
    }

    /** {@code ownsCredentials}: the provider was built here, so {@link #close()} closes it too. */
    AwsClients(AwsSettings settings, ApiCallCounter counter, AwsCredentialsProvider credentials, boolean ownsCredentials) {
        this.settings = settings;
        this.counter = counter;
        this.http = ApacheHttpClient.builder()
                .maxConnections(64)
                .connectionTimeout(connectTimeout())
                .socketTimeout(settings.timeout())
                .build();
        this.credentials = credentials;
        this.ownsCredentials = ownsCredentials;
        this.homeRegion = resolveHomeRegion(settings);
    }

    /** The region STS and DescribeRegions are called in: the setting, else the SDK's chain, else us-east-1. */
    public Region homeRegion() {
        return homeRegion;
    }

    /** The endpoint override in force, if any (for messages such as "cannot reach AWS at ..."). */
    public Optional<URI> endpoint() {
        return settings.effectiveEndpoint();
    }

    public ApiCallCounter counter() {
        return counter;
    }

    public Ec2Client ec2(String region) {
        return cached("ec2", region, () -> build(Ec2Client.builder(), Region.of(region)));
    }

    public ElasticLoadBalancingV2Client elbv2(String region) {
        return cached("elbv2", region, () -> build(ElasticLoadBalancingV2Client.builder(), Region.of(region)));
    }

    public ElasticLoadBalancingClient elb(String region) {
        return cached("elb", region, () -> build(ElasticLoadBalancingClient.builder(), Region.of(region)));
    }

    public Wafv2Client wafv2(String region) {
        return cached("wafv2", region, () -> build(Wafv2Client.builder(), Region.of(region)));
    }

    /** SSM Run Command and managed-node information ({@code trace}). */
    public SsmClient ssm(String region) {
        return cached("ssm", region, () -> build(SsmClient.builder(), Region.of(region)));
    }

    /** CloudWatch metrics ({@code usage}: MetadataNoToken per instance). */
    public CloudWatchClient cloudwatch(String region) {
        return cached("cloudwatch", region, () -> build(CloudWatchClient.builder(), Region.of(region)));
    }

    public StsClient sts() {
        return cached("sts", homeRegion.id(), () -> build(StsClient.builder(), homeRegion));
    }

    /** Organizations is global like IAM ({@code --org}: ListAccounts from the management or a delegated account). */
    public OrganizationsClient organizations() {
        return cached("organizations", "global", () -> build(OrganizationsClient.builder(), Region.AWS_GLOBAL));
    }

    /**
     * Clients for another account, through STS AssumeRole of {@code roleArn} with these clients' credentials:
     * same settings (endpoint, timeouts) and call counter. The assumed credentials refresh before they expire,
     * so a long collection does not outlive them. Closing the result closes its clients and the refresher,
     * never these clients.
     *
     * @param externalId   the role's trust policy condition ({@code sts:ExternalId}), or null
     * @param sessionName  shows in the member account's CloudTrail as who assumed the role
     */
    public AwsClients assumingRole(String roleArn, String externalId, String sessionName) {
        StsAssumeRoleCredentialsProvider assumed = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts())
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName).externalId(externalId))
                .asyncCredentialUpdateEnabled(false)
                .build();
        return new AwsClients(settings, counter, assumed, true);
    }

    /**
     * Resolves the credentials now, so a role that cannot be assumed fails here, with AWS's own error, and not
     * inside the first call that needs them.
     */
    public void resolveCredentials() {
        credentials.resolveCredentials();
    }

    /** IAM is global; AWS signs it for us-east-1 in the standard partition. */
    public IamClient iam() {
        return cached("iam", "global", () -> build(IamClient.builder(), Region.AWS_GLOBAL));
    }

    /**
     * S3 for account-wide calls. Path-style addressing when an endpoint override is set, because
     * emulators and proxies cannot serve {@code bucket.host} names.
     */
    public S3Client s3() {
        boolean overridden = endpoint().isPresent();
        return cached("s3", homeRegion.id(), () -> build(S3Client.builder()
                .forcePathStyle(overridden)
                .crossRegionAccessEnabled(!overridden), homeRegion));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkAutoCloseable> C cached(String service, String region, Supplier<C> factory) {
        return (C) clients.computeIfAbsent(service + "/" + region, k -> factory.get());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, Region region) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.ADAPTIVE_V2)
                        .apiCallAttemptTimeout(attemptTimeout())
                        .apiCallTimeout(callTimeout())
                        .addExecutionInterceptor(counter)
                        .addExecutionInterceptor(new TimeoutMessages(settings.timeout(), attemptTimeout(), callTimeout(),
                                connectTimeout()))
                        .build());
        endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentialsProvider credentialsFor(String profile) {
        if (profile == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        // Checked here because the SDK reports a missing profile as "no credentials", naming neither it nor the files.
        if (ProfileFile.defaultProfileFile().profile(profile).isEmpty()) {
            throw new AwsProfileException("AWS profile '" + profile + "' not found in "
                    + shortPath(ProfileFileLocation.configurationFilePath()) + " or "
                    + shortPath(ProfileFileLocation.credentialsFilePath()));
        }
        return ProfileCredentialsProvider.create(profile);
    }

    private static String shortPath(Path file) {
        Path home = Path.of(System.getProperty("user.home"));
        return file.startsWith(home) ? "~/" + home.relativize(file) : file.toString();
    }

    private Duration attemptTimeout() {
        return settings.timeout().multipliedBy(ATTEMPT_FACTOR);
    }

    private Duration callTimeout() {
        return attemptTimeout().multipliedBy(ATTEMPTS_PER_CALL);
    }

    /** Never longer than an attempt may take as a whole. */
    private Duration connectTimeout() {
        return settings.timeout().compareTo(CONNECT_TIMEOUT) < 0 ? settings.timeout() : CONNECT_TIMEOUT;
    }

    private static Region resolveHomeRegion(AwsSettings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        // Not the SDK's default chain: its last resort asks EC2 instance metadata, which off EC2 costs
        // seconds of timeouts before every run.
        AwsProfileRegionProvider profile = settings.profile() == null ? new AwsProfileRegionProvider()
                : new AwsProfileRegionProvider(ProfileFile::defaultProfileFile, settings.profile());
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), profile).getRegion();
        } catch (SdkClientException | IllegalArgumentException e) {
            // No region configured anywhere: like the CLI would, default to the partition's first region.
            return FALLBACK_REGION;
        }
    }

    @Override
    public void close() {
        clients.values().forEach(SdkAutoCloseable::close);
        clients.clear();
        http.close();
        // Profile and default-chain providers may hold refresh threads (SSO, STS, container credentials).
        if (ownsCredentials && credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
