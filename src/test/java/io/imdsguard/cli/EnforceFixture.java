package io.imdsguard.cli;

import io.imdsguard.testing.AwsEmulator;
import io.imdsguard.testing.FleetBuilder;
import io.imdsguard.testing.ImdsOptions;
import io.imdsguard.testing.InstanceSpec;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Instances for the enforce tests, launched through FleetBuilder, and their metadata options read back. */
final class EnforceFixture {
    /** IMDSv1 allowed, and every other field away from moto's reset values: a change must keep them. */
    static final ImdsOptions UNUSUAL = new ImdsOptions("optional", 3, "enabled", "enabled", "enabled");

    private final AwsEmulator aws;
    private final Map<String, String> subnets = new HashMap<>();

    EnforceFixture(AwsEmulator aws) {
        this.aws = aws;
    }

    static void credentials(String region) {
        System.setProperty("aws.accessKeyId", "testing");
        System.setProperty("aws.secretAccessKey", "testing");
        System.setProperty("aws.region", region);
    }

    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        System.clearProperty("aws.region");
    }

    String launch(String region, String name, ImdsOptions options) {
        return launch(region, InstanceSpec.in(subnet(region)).name(name).metadata(options));
    }

    String launch(String region, InstanceSpec spec) {
        try (FleetBuilder fleet = aws.fleet(region)) {
            return fleet.compute().run(spec).instanceId();
        }
    }

    synchronized String subnet(String region) {
        return subnets.computeIfAbsent(region, r -> {
            try (FleetBuilder fleet = aws.fleet(r)) {
                return fleet.network().subnet(fleet.network().vpc("10.30.0.0/16", false).id(), "10.30.1.0/24", null, false);
            }
        });
    }

    void stop(String region, String id) {
        try (FleetBuilder fleet = aws.fleet(region)) {
            fleet.compute().stop(id);
        }
    }

    void terminate(String region, String id) {
        try (FleetBuilder fleet = aws.fleet(region)) {
            fleet.compute().terminate(id);
        }
    }

    void set(String region, String id, ImdsOptions options) {
        try (FleetBuilder fleet = aws.fleet(region)) {
            fleet.compute().setMetadataOptions(id, options);
        }
    }

    InstanceMetadataOptionsResponse options(String region, String id) {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder(), region)) {
            return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0).metadataOptions();
        }
    }

    /** Every instance of the region with its options, for "nothing changed" comparisons. */
    Map<String, InstanceMetadataOptionsResponse> all(String region) {
        Map<String, InstanceMetadataOptionsResponse> out = new HashMap<>();
        try (Ec2Client ec2 = aws.client(Ec2Client.builder(), region)) {
            ec2.describeInstances().reservations().forEach(r -> {
                for (Instance i : r.instances()) {
                    out.put(i.instanceId(), i.metadataOptions());
                }
            });
        }
        return out;
    }

    static ImdsOptions of(InstanceMetadataOptionsResponse o) {
        return new ImdsOptions(o.httpTokensAsString(), o.httpPutResponseHopLimit(), o.httpEndpointAsString(),
                o.instanceMetadataTagsAsString(), o.httpProtocolIpv6AsString());
    }

    /** {@code enforce <args> --endpoint-url E}. */
    static CliRun enforce(AwsEmulator aws, String... args) {
        List<String> all = new ArrayList<>(List.of("enforce"));
        all.addAll(List.of(args));
        all.add("--endpoint-url");
        all.add(aws.endpoint().toString());
        return CliRun.of(all.toArray(String[]::new));
    }
}
