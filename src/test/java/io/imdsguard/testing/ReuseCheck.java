package io.imdsguard.testing;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** Marker VPCs two self-test classes leave behind to prove state is reset between classes. */
final class ReuseCheck {

    private static final String MARKER_TAG = "imdsguard-harness-marker";

    private ReuseCheck() {}

    static void createMarkedVpc(Ec2Client ec2, String owner) {
        ec2.createVpc(r -> r.cidrBlock("10.99.0.0/16").tagSpecifications(TagSpecification.builder()
                .resourceType(ResourceType.VPC).tags(Tag.builder().key(MARKER_TAG).value(owner).build()).build()));
    }

    static List<Vpc> markedVpcs(Ec2Client ec2) {
        return ec2.describeVpcs(r -> r.filters(Filter.builder().name("tag-key").values(MARKER_TAG).build())).vpcs();
    }
}
