package io.imdsguard.collect;

import io.imdsguard.inventory.ImdsDefaults;
import io.imdsguard.inventory.Instance;
import io.imdsguard.inventory.MetadataOptions;
import io.imdsguard.inventory.NetworkInterface;
import io.imdsguard.inventory.PrivateIp;
import software.amazon.awssdk.services.ec2.model.GetInstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceNetworkInterface;
import software.amazon.awssdk.services.ec2.model.InstancePrivateIpAddress;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Maps DescribeInstances and GetInstanceMetadataDefaults responses onto inventory records. */
public final class InstanceMapping {
    private InstanceMapping() {
    }

    /**
     * @param allocations Elastic IPs keyed by {@link #addressKey}, from DescribeAddresses
     *                    (DescribeInstances gives the public IP of an association but not its allocation)
     */
    static Instance instance(software.amazon.awssdk.services.ec2.model.Instance i, String account, String region,
                             Map<String, ElasticIp> allocations) {
        Map<String, String> tags = tags(i.tags());
        List<NetworkInterface> interfaces = i.networkInterfaces().stream()
                .map(n -> networkInterface(n, allocations))
                .sorted(Comparator.comparingInt(NetworkInterface::deviceIndex).thenComparing(NetworkInterface::interfaceId))
                .toList();
        String profileArn = i.iamInstanceProfile() == null ? null : i.iamInstanceProfile().arn();
        return new Instance(i.instanceId(), account, region, i.state() == null ? null : i.state().nameAsString(),
                tags.get("Name"), tags, i.vpcId(), i.subnetId(), i.platformAsString(), interfaces,
                metadataOptions(i.metadataOptions()), profileArn);
    }

    static String addressKey(String networkInterfaceId, String privateIp) {
        return networkInterfaceId + "/" + privateIp;
    }

    /** An instance's metadata options with AWS's defaults filled in; public for enforce, which reads them live. */
    public static MetadataOptions metadataOptions(InstanceMetadataOptionsResponse m) {
        if (m == null) {
            return MetadataOptions.AWS_DEFAULT;
        }
        return new MetadataOptions(m.stateAsString(), m.httpTokensAsString(), m.httpEndpointAsString(),
                m.httpPutResponseHopLimit(), m.httpProtocolIpv6AsString(), m.instanceMetadataTagsAsString());
    }

    static ImdsDefaults imdsDefaults(GetInstanceMetadataDefaultsResponse response) {
        InstanceMetadataDefaultsResponse d = response.accountLevel();
        if (d == null) {
            return ImdsDefaults.NO_PREFERENCE;
        }
        return new ImdsDefaults(d.httpTokensAsString(), d.httpPutResponseHopLimit(), d.httpEndpointAsString(),
                d.instanceMetadataTagsAsString(), d.managedByAsString());
    }

    private static NetworkInterface networkInterface(InstanceNetworkInterface n, Map<String, ElasticIp> allocations) {
        int deviceIndex = n.attachment() == null || n.attachment().deviceIndex() == null ? 0 : n.attachment().deviceIndex();
        List<PrivateIp> ips = n.privateIpAddresses().stream()
                .map(p -> privateIp(n.networkInterfaceId(), p, allocations))
                .sorted(Comparator.comparing((PrivateIp p) -> !p.primary()).thenComparing(PrivateIp::privateIp))
                .toList();
        if (ips.isEmpty() && n.privateIpAddress() != null) {
            // Some responses carry only the primary address on the interface itself.
            String publicIp = n.association() == null ? null : n.association().publicIp();
            ips = List.of(address(n.networkInterfaceId(), n.privateIpAddress(), true, publicIp, allocations));
        }
        return new NetworkInterface(n.networkInterfaceId(), deviceIndex, n.subnetId(), n.vpcId(), ips,
                n.ipv6Addresses().stream().map(a -> a.ipv6Address()).filter(Objects::nonNull).sorted().toList(),
                n.groups().stream().map(g -> g.groupId()).sorted().toList());
    }

    private static PrivateIp privateIp(String interfaceId, InstancePrivateIpAddress p, Map<String, ElasticIp> allocations) {
        String publicIp = p.association() == null ? null : p.association().publicIp();
        return address(interfaceId, p.privateIpAddress(), Boolean.TRUE.equals(p.primary()), publicIp, allocations);
    }

    /** DescribeAddresses is the authority on Elastic IPs; it fills in an association the instance view lacks. */
    private static PrivateIp address(String interfaceId, String privateIp, boolean primary, String publicIp,
                                     Map<String, ElasticIp> allocations) {
        ElasticIp eip = allocations.get(addressKey(interfaceId, privateIp));
        if (eip == null) {
            return new PrivateIp(privateIp, primary, publicIp, null);
        }
        return new PrivateIp(privateIp, primary, publicIp == null ? eip.publicIp() : publicIp, eip.allocationId());
    }

    /** An Elastic IP associated with one private address of one interface. */
    record ElasticIp(String allocationId, String publicIp) {
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new TreeMap<>();
        tags.forEach(t -> out.put(t.key(), t.value() == null ? "" : t.value()));
        return out;
    }
}
