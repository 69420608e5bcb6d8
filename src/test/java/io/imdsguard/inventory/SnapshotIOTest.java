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
    void aShardIsKeptAndAWholeCollectionSaysNothingOfShards() throws Exception {
        Snapshot whole = new Snapshot(Snapshot.SCHEMA_VERSION, Instant.parse("2026-01-01T00:00:00Z"),
                List.of("111122223333"), List.of("us-east-1"), List.of(), List.of(), List.of());
        Path wholeFile = dir.resolve("whole.json");
        SnapshotIO.write(whole, wholeFile);
        assertThat(Files.readString(wholeFile)).doesNotContain("shard");
        assertThat(SnapshotIO.read(wholeFile).shard()).isNull();

        Snapshot shard = new Snapshot(whole.schemaVersion(), whole.collectedAt(), whole.accounts(), whole.regions(),
                List.of(), List.of(), List.of(), "2/3");
        Path shardFile = dir.resolve("shard.json");
        SnapshotIO.write(shard, shardFile);
        assertThat(SnapshotIO.read(shardFile)).isEqualTo(shard);
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
    void aReportOrABareVersionIsNotTakenForAnEmptySnapshot() throws Exception {
        Path report = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\": 1, \"tool\": {\"name\": "
                + "\"imdsguard\"}, \"scan\": {}, \"summary\": {}, \"findings\": []}");
        assertThatThrownBy(() -> SnapshotIO.read(report)).hasMessage(report + ": this is an imdsguard report"
                + " (scan --format json), not a snapshot: give the file that 'collect' or 'scan --save-snapshot' wrote");
        Path bare = Files.writeString(dir.resolve("bare.json"), "{\"schemaVersion\": 1}");
        assertThatThrownBy(() -> SnapshotIO.read(bare)).hasMessageContaining("not a snapshot that 'collect' wrote");
        Path empty = Files.writeString(dir.resolve("empty.json"), "{\"schemaVersion\": 1, \"accounts\": [],"
                + " \"regions\": [], \"accountInventories\": [], \"regionInventories\": [], \"gaps\": []}");
        assertThat(SnapshotIO.read(empty).instanceCount()).isZero();
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
        assertThatThrownBy(() -> SnapshotIO.read(dir.resolve("none.json"))).hasMessage(dir.resolve("none.json") + ": no such file");
    }

    @Test
    void directoryAndEmptyFileAreNamed() throws Exception {
        assertThatThrownBy(() -> SnapshotIO.read(dir)).hasMessage(dir + ": is a directory");
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertThatThrownBy(() -> SnapshotIO.read(empty)).hasMessage(empty + ": empty file (expected a snapshot JSON object)");
        Path blank = Files.writeString(dir.resolve("blank.json"), " \n\n");
        assertThatThrownBy(() -> SnapshotIO.read(blank)).hasMessage(blank + ": empty file (expected a snapshot JSON object)");
    }

    @Test
    void wrongShapeIsPlainWordsWithoutJavaTypes() throws Exception {
        Path file = Files.writeString(dir.resolve("shape.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"instances\":\"not-a-list\"}]}");
        assertThatThrownBy(() -> SnapshotIO.read(file))
                .hasMessage(file + ":1:54: regionInventories[0].instances: expected a list, got a string");
        Path array = Files.writeString(dir.resolve("array.json"), "[]");
        assertThatThrownBy(() -> SnapshotIO.read(array)).hasMessage(array + ":1:1: expected an object, got a list");
    }

    @Test
    void truncatedJsonSaysWhatIsNotClosed() throws Exception {
        Path file = Files.writeString(dir.resolve("cut.json"), "{\"schemaVersion\": 1,\n \"regionInventories\": [\n");
        assertThatThrownBy(() -> SnapshotIO.read(file))
                .hasMessage(file + ":3:1: not valid JSON: unexpected end of file: a '[' opened at line 2 is not closed");
    }

    @Test
    void scalarsOfTheWrongTypeAreNotCoerced() throws Exception {
        Path number = Files.writeString(dir.resolve("n.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"instances\":[{\"instanceId\":\"i-1\"},{\"instanceId\":5}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(number))
                .hasMessage(number + ":1:90: regionInventories[0].instances[1].instanceId: expected a string, got a number (5)");
        Path fraction = Files.writeString(dir.resolve("f.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"instances\":"
                + "[{\"instanceId\":\"i-1\",\"metadataOptions\":{\"httpPutResponseHopLimit\":1.5}}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(fraction)).hasMessageContaining(
                "regionInventories[0].instances[0].metadataOptions.httpPutResponseHopLimit: expected an integer, got");
        Path text = Files.writeString(dir.resolve("t.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"vpcs\":[{\"vpcId\":\"vpc-1\",\"isDefault\":\"yes\"}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(text))
                .hasMessageContaining("regionInventories[0].vpcs[0].isDefault: expected true or false, got 'yes'");
    }

    @Test
    void invalidCidrIsRefusedNamingFieldAndValue() throws Exception {
        Path file = Files.writeString(dir.resolve("snap.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\",\"securityGroups\":["
                + "{\"groupId\":\"sg-1\"},{\"groupId\":\"sg-2\",\"ingress\":[{\"protocol\":\"tcp\",\"ipv4Cidrs\":[\"999.1.1.1/33\"]}]}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(file))
                .hasMessage(file + ": regionInventories[0].securityGroups[1].ingress[0].ipv4Cidrs[0]: invalid CIDR '999.1.1.1/33'");
        Path swapped = Files.writeString(dir.resolve("swapped.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\",\"subnets\":["
                + "{\"subnetId\":\"subnet-1\",\"cidrBlock\":\"::/0\"}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(swapped))
                .hasMessage(swapped + ": regionInventories[0].subnets[0].cidrBlock: '::/0' is not an IPv4 CIDR");
        Path nacl = Files.writeString(dir.resolve("nacl.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\",\"networkAcls\":["
                + "{\"networkAclId\":\"acl-1\",\"entries\":[{\"ruleNumber\":100,\"egress\":true,\"protocol\":\"-1\","
                + "\"allow\":true,\"cidrBlock\":\"10.0.0/8\"}]}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(nacl)).hasMessage(nacl
                + ": regionInventories[0].networkAcls[0].entries[ruleNumber=100,egress].cidrBlock: invalid CIDR '10.0.0/8'");
    }

    @Test
    void missingIdentifiersAreNamedNotCrashedOn() throws Exception {
        Path instance = Files.writeString(dir.resolve("instance.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\",\"instances\":[{\"instanceId\":\"i-1\"},{}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(instance))
                .hasMessage(instance + ": regionInventories[0].instances[1]: missing 'instanceId'");
        Path region = Files.writeString(dir.resolve("region.json"),
                "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"instances\":[]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(region)).hasMessage(region + ": regionInventories[0]: missing 'region'");
        Path role = Files.writeString(dir.resolve("role.json"),
                "{\"schemaVersion\":1,\"accountInventories\":[{\"account\":\"1\",\"roles\":[{\"name\":\"r\"}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(role)).hasMessage(role + ": accountInventories[0].roles[0]: missing 'arn'");
        Path gap = Files.writeString(dir.resolve("gap.json"),
                "{\"schemaVersion\":1,\"gaps\":[{\"account\":\"1\",\"region\":\"r\",\"operation\":\"x\",\"error\":\"e\"}]}");
        assertThatThrownBy(() -> SnapshotIO.read(gap)).hasMessage(gap + ": gaps[0]: missing 'service'");
        Path twice = Files.writeString(dir.resolve("twice.json"), "{\"schemaVersion\":1,\"regionInventories\":["
                + "{\"account\":\"1\",\"region\":\"r\"},{\"account\":\"1\",\"region\":\"r\"}]}");
        assertThatThrownBy(() -> SnapshotIO.read(twice))
                .hasMessage(twice + ": regionInventories[1]: a second inventory of account 1 region r (first: regionInventories[0])");
    }

    @Test
    void aSchemaVersionOfTheWrongTypeIsNamedAsSuchNotAsMissing() throws Exception {
        Path file = Files.writeString(dir.resolve("sv.json"), "{\"schemaVersion\":\"1\",\"regionInventories\":[]}");
        assertThatThrownBy(() -> SnapshotIO.read(file)).message().startsWith(file + ":1:")
                .contains("schemaVersion").doesNotContain("missing");
    }

    @Test
    void aValueAwsNeverSendsIsNamedInsteadOfChangingTheFindings() throws Exception {
        Path state = Files.writeString(dir.resolve("state.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\","
                + "\"region\":\"r\",\"instances\":[{\"instanceId\":\"i-1\",\"state\":\"runnin\"}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(state)).hasMessage(state + ": regionInventories[0].instances[0].state: "
                + "unknown value 'runnin' (expected one of: pending, running, shutting-down, stopped, stopping, terminated)");
        Path tokens = Files.writeString(dir.resolve("tokens.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\","
                + "\"region\":\"r\",\"instances\":[{\"instanceId\":\"i-1\",\"metadataOptions\":{\"httpTokens\":\"maybe\"}}]}]}");
        assertThatThrownBy(() -> SnapshotIO.read(tokens)).hasMessage(tokens + ": regionInventories[0].instances[0].metadataOptions."
                + "httpTokens: unknown value 'maybe' (expected one of: optional, required)");
    }

    @Test
    void legitimateAddressesAreKept() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.json"), "{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\","
                + "\"vpcs\":[{\"vpcId\":\"vpc-1\",\"cidrBlocks\":[\"10.0.0.0/16\"],\"ipv6CidrBlocks\":[\"2600:1f18:abcd:1200::/56\"]}],"
                + "\"routeTables\":[{\"routeTableId\":\"rtb-1\",\"routes\":[{\"destinationPrefixListId\":\"pl-63a5400a\",\"target\":\"vpce-1\"},"
                + "{\"destinationIpv6Cidr\":\"::/0\",\"target\":\"igw-1\"},{\"destinationCidr\":\"0.0.0.0/0\",\"target\":\"igw-1\"}]}],"
                + "\"securityGroups\":[{\"groupId\":\"sg-1\",\"ingress\":[{\"protocol\":\"tcp\",\"ipv4Cidrs\":[\"203.0.113.7/32\"],"
                + "\"ipv6Cidrs\":[\"::/0\"],\"prefixListIds\":[\"pl-1\"]}]}],"
                + "\"prefixLists\":[{\"prefixListId\":\"pl-1\",\"cidrs\":[\"198.51.100.0/24\",\"2001:db8::/32\"]}]}]}");
        RegionInventory region = SnapshotIO.read(file).regionInventories().get(0);
        assertThat(region.securityGroups().get(0).ingress().get(0).ipv6Cidrs()).containsExactly("::/0");
        assertThat(region.prefixLists().get(0).cidrs()).hasSize(2);
        assertThat(region.routeTables().get(0).routes()).hasSize(3);
    }
}
