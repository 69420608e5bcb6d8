package io.imdsguard.inventory;

import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One copy of each repeated string per read, by both readers, without changing what is read or refused. */
class CanonicalStringsTest {
    @TempDir
    Path dir;

    @Test
    void repeatedValuesAreOneObjectAndOthersKeepTheirValue() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), """
                {"schemaVersion":1,"regionInventories":[{"account":"111122223333","region":"us-east-1","instances":[
                 {"instanceId":"i-1","state":"running","subnetId":"subnet-1","tags":{"Team":"payments"}},
                 {"instanceId":"i-2","state":"running","subnetId":"subnet-1","tags":{"Team":"payments"}}]}]}""");
        List<Instance> instances = SnapshotIO.read(file).regionInventories().get(0).instances();
        Instance first = instances.get(0);
        Instance second = instances.get(1);
        assertThat(second.state()).isSameAs(first.state()).isEqualTo("running");
        assertThat(second.subnetId()).isSameAs(first.subnetId()).isEqualTo("subnet-1");
        assertThat(second.tags().get("Team")).isSameAs(first.tags().get("Team")).isEqualTo("payments");
        assertThat(List.of(first.instanceId(), second.instanceId())).containsExactly("i-1", "i-2");
    }

    @Test
    void longValuesAreLeftOutOfTheTable() throws Exception {
        String longTag = "x".repeat(CanonicalStrings.MAX_LENGTH + 1);
        String longest = "y".repeat(CanonicalStrings.MAX_LENGTH);
        Path file = Files.writeString(dir.resolve("s.json"), """
                {"schemaVersion":1,"regionInventories":[{"account":"1","region":"r","instances":[
                 {"instanceId":"i-1","tags":{"Long":"%1$s","Kept":"%2$s"}},
                 {"instanceId":"i-2","tags":{"Long":"%1$s","Kept":"%2$s"}}]}]}""".formatted(longTag, longest));
        List<Instance> instances = SnapshotIO.read(file).regionInventories().get(0).instances();
        assertThat(instances.get(1).tags().get("Long")).isEqualTo(longTag).isNotSameAs(instances.get(0).tags().get("Long"));
        assertThat(instances.get(1).tags().get("Kept")).isSameAs(instances.get(0).tags().get("Kept"));
    }

    @Test
    void theSplitReaderSharesWithinEachBatch() throws Exception {
        Path file = dir.resolve("fleet.json");
        SnapshotIO.write(SyntheticFleet.generate(new FleetShape(3000, 1, 1, 7)), file);
        Snapshot snapshot = SnapshotIO.readSplit(file, 1 << 20, 4 << 20);
        List<Instance> instances = snapshot.regionInventories().get(0).instances();
        assertThat(instances).hasSizeGreaterThan(100);
        assertThat(instances.get(1).account()).isSameAs(instances.get(0).account());
        assertThat(instances.get(1).metadataOptions().httpEndpoint())
                .isSameAs(instances.get(0).metadataOptions().httpEndpoint());
    }

    @Test
    void theTableTellsEqualHashesApartAndKeepsEveryValueAsItGrows() {
        CanonicalStrings.Table table = new CanonicalStrings.Table();
        // "Aa" and "BB" have the same hash; the others make the table grow several times.
        String aa = table.intern("xAay".toCharArray(), 1, 2);
        String bb = table.intern("BB".toCharArray(), 0, 2);
        assertThat(aa).isEqualTo("Aa");
        assertThat(bb).isEqualTo("BB");
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            first.add(table.intern(("v-" + i + "-é").toCharArray(), 0, ("v-" + i + "-é").length()));
        }
        for (int i = 0; i < 5000; i++) {
            char[] chars = (">v-" + i + "-é<").toCharArray();
            assertThat(table.intern(chars, 1, chars.length - 2)).isSameAs(first.get(i)).isEqualTo("v-" + i + "-é");
        }
        assertThat(table.intern("Aa".toCharArray(), 0, 2)).isSameAs(aa);
        assertThat(table.intern("BB".toCharArray(), 0, 2)).isSameAs(bb);
        assertThat(table.intern(new char[0], 0, 0)).isEmpty();
    }

    @Test
    void aWrongTypeIsStillRefusedInJacksonsWords() throws Exception {
        Path file = Files.writeString(dir.resolve("s.json"), """
                {"schemaVersion":1,"regionInventories":[{"account":1,"region":"us-east-1"}]}""");
        assertThatThrownBy(() -> SnapshotIO.read(file)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining("regionInventories[0].account");
    }

    @Test
    void aFullTableStartsOverInsteadOfGrowing() throws Exception {
        StringBuilder json = new StringBuilder("{\"schemaVersion\":1,\"regionInventories\":[{\"account\":\"1\",\"region\":\"r\",\"instances\":[");
        int count = CanonicalStrings.MAX_ENTRIES + 10;
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("{\"instanceId\":\"i-").append(i).append("\",\"state\":\"running\"}");
        }
        Path file = Files.writeString(dir.resolve("many.json"), json.append("]}]}"));
        List<Instance> instances = SnapshotIO.read(file).regionInventories().get(0).instances();
        assertThat(instances).hasSize(count);
        assertThat(instances.get(count - 1).instanceId()).isEqualTo("i-" + (count - 1));
        // Every id was new, so the table filled and started over: "running" from before and after is two
        // objects, and repeats are shared again from there on.
        assertThat(instances.get(count - 1).state()).isNotSameAs(instances.get(0).state())
                .isSameAs(instances.get(count - 2).state());
    }
}
