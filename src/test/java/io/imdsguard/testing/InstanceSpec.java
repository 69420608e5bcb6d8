package io.imdsguard.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link ComputeFleet#run} launches: a fluent, mutable fixture description. */
public final class InstanceSpec {

    /** An Ubuntu AMI that moto 5.2.5 registers in every region (moto/ec2/resources/amis.json). */
    public static final String MOTO_AMI = "ami-1e749f67";

    final String subnetId;
    final List<String> securityGroupIds = new ArrayList<>();
    final List<String> secondaryPrivateIps = new ArrayList<>();
    final List<String> extraInterfaceSubnets = new ArrayList<>();
    final Map<String, String> tags = new LinkedHashMap<>();
    String privateIp;
    Boolean associatePublicIp;
    String instanceProfileName;
    ImdsOptions metadata = ImdsOptions.v1Allowed();
    String imageId = MOTO_AMI;
    String instanceType = "t3.micro";

    private InstanceSpec(String subnetId) {
        this.subnetId = subnetId;
    }

    /** An instance in the subnet; IMDSv1 allowed unless {@link #metadata} says otherwise. */
    public static InstanceSpec in(String subnetId) {
        return new InstanceSpec(subnetId);
    }

    /** Sets the Name tag. */
    public InstanceSpec name(String name) {
        return tag("Name", name);
    }

    public InstanceSpec tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public InstanceSpec securityGroups(String... groupIds) {
        securityGroupIds.addAll(List.of(groupIds));
        return this;
    }

    /** The primary private IPv4 address of the primary interface. */
    public InstanceSpec privateIp(String ip) {
        this.privateIp = ip;
        return this;
    }

    /** Secondary private IPs on the primary interface (assigned after launch). */
    public InstanceSpec secondaryPrivateIps(String... ips) {
        secondaryPrivateIps.addAll(List.of(ips));
        return this;
    }

    /** An additional interface in the given subnet, attached at the next device index. */
    public InstanceSpec extraInterfaceIn(String subnet) {
        extraInterfaceSubnets.add(subnet);
        return this;
    }

    /** Whether the primary interface gets a public IPv4 address (else the subnet's setting applies). */
    public InstanceSpec associatePublicIp(boolean associate) {
        this.associatePublicIp = associate;
        return this;
    }

    public InstanceSpec instanceProfile(String name) {
        this.instanceProfileName = name;
        return this;
    }

    public InstanceSpec metadata(ImdsOptions options) {
        this.metadata = options;
        return this;
    }

    public InstanceSpec imageId(String ami) {
        this.imageId = ami;
        return this;
    }

    public InstanceSpec instanceType(String type) {
        this.instanceType = type;
        return this;
    }
}
