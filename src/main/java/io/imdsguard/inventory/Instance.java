package io.imdsguard.inventory;

import java.util.List;
import java.util.Map;

/**
 * An EC2 instance. {@code iamInstanceProfileArn} is null when no profile is attached;
 * {@code name} is the {@code Name} tag or null.
 */
public record Instance(String instanceId, String account, String region, String state, String name,
                       Map<String, String> tags, String vpcId, String subnetId, String platform,
                       List<NetworkInterface> interfaces, MetadataOptions metadataOptions,
                       String iamInstanceProfileArn) {
    public Instance {
        tags = Lists.copy(tags);
        interfaces = Lists.copy(interfaces);
        metadataOptions = metadataOptions == null ? MetadataOptions.AWS_DEFAULT : metadataOptions;
        if (name == null) {
            name = tags.get("Name");
        }
    }

    public boolean running() {
        return "running".equalsIgnoreCase(state);
    }

    public String arn() {
        return "arn:aws:ec2:" + region + ":" + account + ":instance/" + instanceId;
    }

    /** Every private IPv4 address on every interface (ip-type targets are matched against these). */
    public List<String> privateIps() {
        return interfaces.stream().flatMap(i -> i.privateIps().stream()).map(PrivateIp::privateIp).toList();
    }
}
