package io.imdsguard.enforce.defaults;

import io.imdsguard.collect.InstanceMapping;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * How many of a region's instances still allow IMDSv1: the ones a region default never reaches, since
 * defaults apply to new launches only. One paginated DescribeInstances per region.
 */
final class Imdsv1Instances {
    /** Instances that exist and can run again; shutting-down and terminated ones cannot be fixed. */
    private static final String[] STATES = {"pending", "running", "stopping", "stopped"};
    private static final int PAGE = 1000;

    private Imdsv1Instances() {
    }

    static int count(Ec2Client ec2) {
        Filter states = Filter.builder().name("instance-state-name").values(STATES).build();
        return (int) ec2.describeInstancesPaginator(r -> r.maxResults(PAGE).filters(states)).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(Imdsv1Instances::allowsImdsV1)
                .count();
    }

    /** With AWS's defaults where a field is absent (tokens optional, endpoint enabled), as a scan reads it. */
    static boolean allowsImdsV1(Instance instance) {
        return InstanceMapping.metadataOptions(instance.metadataOptions()).imdsV1Usable();
    }
}
