package io.imdsguard.inventory;

import io.imdsguard.inventory.OrganizationPolicies.Level;
import io.imdsguard.inventory.OrganizationPolicies.OrgPolicy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bucket policies and organization policies survive a snapshot round trip; older snapshots still read. */
class PolicyInventoryRoundTripTest {
    private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    @Test
    void bucketAndOrganizationPoliciesRoundTrip() throws Exception {
        OrganizationPolicies org = new OrganizationPolicies("999999999999",
                List.of(new Level("r-root", null, List.of(new OrgPolicy("p-FullAWSAccess", "FullAWSAccess", DOC)))),
                List.of());
        AccountInventory account = new AccountInventory("111111111111", List.of(), List.of(), List.of(),
                List.of(new Bucket("a", "us-east-1", DOC, false), new Bucket("b", "us-east-1", null, true),
                        new Bucket("c", "us-east-1")), org);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, Instant.parse("2026-12-01T00:00:00Z"),
                List.of("111111111111"), List.of("us-east-1"), List.of(account), List.of(), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotIO.write(snapshot, out);

        Snapshot back = SnapshotIO.read(new ByteArrayInputStream(out.toByteArray()), "round-trip");

        assertThat(back.accountInventories()).containsExactly(account);
        String json = out.toString(StandardCharsets.UTF_8);
        // Unset fields stay out of the file: a bucket without a policy is written as before.
        assertThat(json).contains("\"policyUnknown\" : true").doesNotContain("\"policyUnknown\" : false");
    }

    @Test
    void aSnapshotWithoutTheNewFieldsReadsAsNoneKnown() throws Exception {
        String old = "{\"schemaVersion\":1,\"collectedAt\":\"2026-01-01T00:00:00Z\",\"accounts\":[\"111111111111\"],"
                + "\"regions\":[],\"accountInventories\":[{\"account\":\"111111111111\",\"buckets\":"
                + "[{\"name\":\"a\",\"region\":\"us-east-1\"}]}],\"regionInventories\":[],\"gaps\":[]}";

        Snapshot s = SnapshotIO.read(new ByteArrayInputStream(old.getBytes(StandardCharsets.UTF_8)), "old");

        AccountInventory a = s.accountInventories().get(0);
        assertThat(a.organization()).isNull();
        assertThat(a.buckets()).containsExactly(new Bucket("a", "us-east-1", null, false));
    }
}
