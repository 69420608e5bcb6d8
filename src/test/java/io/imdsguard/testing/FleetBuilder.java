package io.imdsguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancing.ElasticLoadBalancingClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/**
 * Seeds a fleet in one region through the real SDK clients against the emulator, so fixtures exercise
 * the same HTTP path as the code under test. Each area returns the ids it created:
 * <pre>{@code
 * try (FleetBuilder fleet = emulator.fleet("us-west-2")) {
 *     NetworkFleet.VpcRef vpc = fleet.network().vpc("10.0.0.0/16", true);
 *     String subnet = fleet.network().subnet(vpc.id(), "10.0.1.0/24", null, true);
 *     String instance = fleet.compute().run(ComputeFleet.InstanceSpec.in(subnet).name("web")).instanceId();
 * }
 * }</pre>
 * Close it to release the SDK clients (the seeded resources stay until the next reset).
 */
public final class FleetBuilder implements AutoCloseable {

    private final AwsEmulator emulator;
    private final String region;
    /** The dummy credentials, or an assumed role's: the account the fleet is seeded in. */
    private final AwsCredentialsProvider credentials;
    private final List<AutoCloseable> clients = new ArrayList<>();
    private NetworkFleet network;
    private ComputeFleet compute;
    private LoadBalancerFleet loadBalancers;
    private IamFleet iam;
    private StorageFleet storage;
    private MetricsFleet metrics;

    FleetBuilder(AwsEmulator emulator, String region, AwsCredentialsProvider credentials) {
        this.emulator = emulator;
        this.region = region;
        this.credentials = credentials;
    }

    /** The region everything (but IAM, which is global, and S3 buckets given a region) is created in. */
    public String region() {
        return region;
    }

    /** VPCs, subnets, gateways, routes, NACLs, security groups, prefix lists, EIPs. */
    public NetworkFleet network() {
        if (network == null) {
            network = new NetworkFleet(track(() -> emulator.client(Ec2Client.builder(), region, credentials)));
        }
        return network;
    }

    /** Instances and their metadata options. */
    public ComputeFleet compute() {
        if (compute == null) {
            compute = new ComputeFleet(track(() -> emulator.client(Ec2Client.builder(), region, credentials)));
        }
        return compute;
    }

    /** ALBs, NLBs, listeners, rules, target groups and classic ELBs. */
    public LoadBalancerFleet loadBalancers() {
        if (loadBalancers == null) {
            loadBalancers = new LoadBalancerFleet(
                    track(() -> emulator.client(ElasticLoadBalancingV2Client.builder(), region, credentials)),
                    track(() -> emulator.client(ElasticLoadBalancingClient.builder(), region, credentials)));
        }
        return loadBalancers;
    }

    /** Roles, policies (inline, managed, versions, boundaries) and instance profiles. */
    public IamFleet iam() {
        if (iam == null) {
            iam = new IamFleet(track(() -> emulator.client(IamClient.builder(), "aws-global", credentials)));
        }
        return iam;
    }

    /** S3 buckets, WAFv2 web ACLs and SSM managed-node seeding. */
    public StorageFleet storage() {
        if (storage == null) {
            storage = new StorageFleet(emulator, region,
                    track(() -> emulator.client(Wafv2Client.builder(), region, credentials)),
                    bucketRegion -> track(() -> emulator.client(S3Client.builder(), bucketRegion, credentials)));
        }
        return storage;
    }

    /** CloudWatch data points, as EC2 reports MetadataNoToken and MetadataNoTokenRejected. */
    public MetricsFleet metrics() {
        if (metrics == null) {
            metrics = new MetricsFleet(track(() -> emulator.client(CloudWatchClient.builder(), region, credentials)));
        }
        return metrics;
    }

    private <C extends AutoCloseable> C track(Supplier<C> factory) {
        C client = factory.get();
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception ignored) {
                // closing an idle SDK client cannot fail in a way a fixture cares about
            }
        }
        clients.clear();
    }
}
