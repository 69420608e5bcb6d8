package io.imdsguard.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotIOTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsRecordsAndFillsDefaults() throws Exception {
        Instance instance = new Instance("i-1", "111122223333", "us-east-1", "running", null, Map.of("Name", "web"),
                "vpc-1", "subnet-1", null, List.of(new NetworkInterface("eni-1", 0, "subnet-1", "vpc-1",
                List.of(new PrivateIp("10.0.0.5", true, "54.1.2.3", null)), List.of(), List.of("sg-1"))),
                null, null);
        RegionInventory region = new RegionInventory("111122223333", "us-east-1", null, List.of(instance), null, null,
                null, null, null, null, null, null, null, null, null, null);
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, Instant.parse("2026-01-01T00:00:00Z"),
                List.of("111122223333"), List.of("us-east-1"), List.of(), List.of(region), List.of());
        Path file = dir.resolve("s.json");
        SnapshotIO.write(snapshot, file);

        Snapshot read = SnapshotIO.read(file);
        assertThat(read).isEqualTo(snapshot);
        Instance back = read.regionInventories().get(0).instances().get(0);
        assertThat(back.name()).isEqualTo("web");
        assertThat(back.metadataOptions().httpTokens()).isEqualTo("optional");
        assertThat(back.metadataOptions().imdsV1Usable()).isTrue();
        assertThat(read.regionInventories().get(0).imdsDefaults()).isEqualTo(ImdsDefaults.NO_PREFERENCE);
    }

    @Test
    void absentMetadataFieldsTakeAwsDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), """
                {"schemaVersion":1,"regionInventories":[{"account":"1","region":"us-east-1",
                 "instances":[{"instanceId":"i-1","state":"running","metadataOptions":{"httpEndpoint":"enabled"}}]}]}""");
        MetadataOptions options = SnapshotIO.read(file).regionInventories().get(0).instances().get(0).metadataOptions();
        assertThat(options.httpTokens()).isEqualTo("optional");
        assertThat(options.httpPutResponseHopLimit()).isEqualTo(1);
    }

    @Test
    void loadBalancerWithoutIpAddressTypeIsIpv4AndDualstackIsKept() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), """
                {"schemaVersion":1,"regionInventories":[{"account":"1","region":"us-east-1","loadBalancers":[
                 {"arn":"arn:lb/old","name":"old","type":"application","scheme":"internet-facing"},
                 {"arn":"arn:lb/dual","name":"dual","type":"network","scheme":"internet-facing",
                  "ipAddressType":"dualstack-without-public-ipv4"}]}]}""");
        List<LoadBalancer> lbs = SnapshotIO.read(file).regionInventories().get(0).loadBalancers();
        assertThat(lbs.get(0).ipAddressType()).isEqualTo("ipv4");
        assertThat(lbs.get(0).listensOnIpv4()).isTrue();
        assertThat(lbs.get(0).listensOnIpv6()).isFalse();
        assertThat(lbs.get(1).ipAddressType()).isEqualTo("dualstack-without-public-ipv4");
        assertThat(lbs.get(1).listensOnIpv4()).isFalse();
        assertThat(lbs.get(1).listensOnIpv6()).isTrue();
    }

    @Test
    void notJsonNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\n \"schemaVersion\": 1,\n oops\n}");
        assertThatThrownBy(() -> SnapshotIO.read(file)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("bad.json:3:").hasMessageContaining("not valid JSON");
    }

    @Test
    void wrongSchemaVersionIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("v9.json"), "{\"schemaVersion\": 9}");
        assertThatThrownBy(() -> SnapshotIO.read(file)).hasMessageContaining("schemaVersion 9 is not supported");
    }

    @Test
    void missingSchemaVersionIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("x.json"), "{\"findings\": []}");
        assertThatThrownBy(() -> SnapshotIO.read(file)).hasMessageContaining("missing schemaVersion");
    }

    @Test
    void wrongShapeNamesTheField() throws Exception {
        Path file = Files.writeString(dir.resolve("shape.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"instances\":\"not-a-list\"}]}");
        assertThatThrownBy(() -> SnapshotIO.read(file)).hasMessageContaining("shape.json").hasMessageContaining("instances");
    }

    @Test
    void missingFileIsClear() {
        assertThatThrownBy(() -> SnapshotIO.read(dir.resolve("none.json"))).hasMessageContaining("no such file");
    }
}
