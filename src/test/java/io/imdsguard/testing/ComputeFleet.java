package io.imdsguard.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterfaceSpecification;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Launches and changes EC2 instances through the real EC2 client. */
public final class ComputeFleet {

    private final Ec2Client ec2;

    ComputeFleet(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    /**
     * A launched instance.
     *
     * @param networkInterfaceIds primary interface first, then the extra ones in device-index order
     */
    public record LaunchedInstance(String instanceId, String privateIp, List<String> networkInterfaceIds) {
        public String primaryInterfaceId() {
            return networkInterfaceIds.get(0);
        }
    }

    /** Runs one instance as described and returns its ids. */
    public LaunchedInstance run(InstanceSpec spec) {
        RunInstancesRequest.Builder request = RunInstancesRequest.builder()
                .imageId(spec.imageId).instanceType(spec.instanceType).minCount(1).maxCount(1)
                .metadataOptions(toRequest(spec.metadata));
        if (spec.associatePublicIp != null) {
            // A public-IP choice is only expressible on an interface specification.
            request.networkInterfaces(InstanceNetworkInterfaceSpecification.builder().deviceIndex(0)
                    .subnetId(spec.subnetId).groups(spec.securityGroupIds).privateIpAddress(spec.privateIp)
                    .associatePublicIpAddress(spec.associatePublicIp).build());
        } else {
            request.subnetId(spec.subnetId).privateIpAddress(spec.privateIp);
            if (!spec.securityGroupIds.isEmpty()) {
                request.securityGroupIds(spec.securityGroupIds);
            }
        }
        if (!spec.tags.isEmpty()) {
            request.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                    .tags(spec.tags.entrySet().stream()
                            .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList())
                    .build());
        }
        if (spec.instanceProfileName != null) {
            request.iamInstanceProfile(p -> p.name(spec.instanceProfileName));
        }
        Instance instance = ec2.runInstances(request.build()).instances().get(0);
        String instanceId = instance.instanceId();
        List<String> interfaces = new ArrayList<>();
        interfaces.add(instance.networkInterfaces().get(0).networkInterfaceId());
        if (!spec.secondaryPrivateIps.isEmpty()) {
            // moto ignores secondary IPs in RunInstances' interface specifications; assign them after launch.
            ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(interfaces.get(0))
                    .privateIpAddresses(spec.secondaryPrivateIps));
        }
        int deviceIndex = 1;
        for (String subnet : spec.extraInterfaceSubnets) {
            String eni = ec2.createNetworkInterface(r -> r.subnetId(subnet)
                    .groups(spec.securityGroupIds.isEmpty() ? null : spec.securityGroupIds))
                    .networkInterface().networkInterfaceId();
            int index = deviceIndex++;
            ec2.attachNetworkInterface(r -> r.instanceId(instanceId).networkInterfaceId(eni).deviceIndex(index));
            interfaces.add(eni);
        }
        return new LaunchedInstance(instanceId, instance.privateIpAddress(), List.copyOf(interfaces));
    }

    /** Replaces the instance's metadata options, sending every field (moto resets omitted ones). */
    public void setMetadataOptions(String instanceId, ImdsOptions options) {
        InstanceMetadataOptionsRequest o = toRequest(options);
        ec2.modifyInstanceMetadataOptions(r -> r.instanceId(instanceId).httpTokens(o.httpTokens())
                .httpPutResponseHopLimit(o.httpPutResponseHopLimit()).httpEndpoint(o.httpEndpoint())
                .instanceMetadataTags(o.instanceMetadataTags()).httpProtocolIpv6(o.httpProtocolIpv6()));
    }

    public void stop(String instanceId) {
        ec2.stopInstances(r -> r.instanceIds(instanceId));
    }

    public void terminate(String instanceId) {
        ec2.terminateInstances(r -> r.instanceIds(instanceId));
    }

    private static InstanceMetadataOptionsRequest toRequest(ImdsOptions o) {
        return InstanceMetadataOptionsRequest.builder().httpTokens(o.httpTokens()).httpPutResponseHopLimit(o.hopLimit())
                .httpEndpoint(o.httpEndpoint()).instanceMetadataTags(o.instanceMetadataTags())
                .httpProtocolIpv6(o.httpProtocolIpv6()).build();
    }
}
