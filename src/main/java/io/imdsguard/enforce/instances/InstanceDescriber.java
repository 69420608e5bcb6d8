package io.imdsguard.enforce.instances;

import io.imdsguard.aws.AwsClients;
import io.imdsguard.collect.InstanceMapping;
import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.inventory.MetadataOptions;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads instances in bulk, one paginated DescribeInstances per region: by id (an {@code instance-id}
 * filter of at most {@value #IDS_PER_CALL} values a call, so that an unknown id is simply absent rather than
 * failing the whole call as InstanceIds would), or by tags. Never one call per instance.
 */
public final class InstanceDescriber {
    static final int IDS_PER_CALL = 200;
    private static final int PAGE = 1000;

    private final AwsClients clients;
    private final String account;

    public InstanceDescriber(AwsClients clients, String account) {
        this.clients = clients;
        this.account = account;
    }

    /** The instances of {@code ids} that {@code region} has (terminated ones included), by id. */
    public Map<String, InstanceState> byIds(String region, Collection<String> ids) {
        Map<String, InstanceState> found = new LinkedHashMap<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += IDS_PER_CALL) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IDS_PER_CALL));
            list(region, List.of(Filter.builder().name("instance-id").values(chunk).build()))
                    .forEach(s -> found.put(s.instanceId(), s));
        }
        return found;
    }

    /** The instances of {@code region} carrying every one of {@code tags}, terminated ones left out. */
    public List<InstanceState> byTags(String region, Map<String, String> tags) {
        List<Filter> filters = new ArrayList<>();
        tags.forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
        return list(region, filters).stream().filter(s -> !s.gone()).toList();
    }

    private List<InstanceState> list(String region, List<Filter> filters) {
        DescribeInstancesRequest request = DescribeInstancesRequest.builder().filters(filters).maxResults(PAGE).build();
        List<InstanceState> out = new ArrayList<>();
        clients.ec2(region).describeInstancesPaginator(request).reservations()
                .forEach(r -> r.instances().forEach(i -> out.add(of(region, i))));
        return out;
    }

    private InstanceState of(String region, Instance i) {
        String name = i.tags().stream().filter(t -> "Name".equals(t.key())).map(Tag::value).findFirst().orElse(null);
        return new InstanceState(account, region, i.instanceId(), name, i.state() == null ? null : i.state().nameAsString(),
                settings(i.metadataOptions()));
    }

    /**
     * AWS's defaults for what the answer leaves out, as the snapshot fills them in: a missing field must
     * not be sent back as "unset". The state stays as read (null when absent), since enforce waits on it.
     */
    static MetadataSettings settings(InstanceMetadataOptionsResponse o) {
        MetadataOptions m = InstanceMapping.metadataOptions(o);
        return new MetadataSettings(m.httpTokens(), m.httpEndpoint(), m.httpPutResponseHopLimit(), m.httpProtocolIpv6(),
                m.instanceMetadataTags(), o == null ? null : o.stateAsString());
    }
}
