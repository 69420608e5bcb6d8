package io.imdsguard.inventory;

import io.imdsguard.bench.FleetShape;
import io.imdsguard.bench.SyntheticFleet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A large snapshot is read on every core: the snapshot must be the one the sequential reader gives, and
 * whatever the split reader does not expect must make it give up, so that the sequential reader words
 * the error exactly as before.
 */
class SplitSnapshotReaderTest {
    @TempDir
    static Path dir;
    private static Path fleetFile;
    private static String fleetJson;
    private static Snapshot fleet;

    @BeforeAll
    static void writeFleet() throws Exception {
        Snapshot generated = SyntheticFleet.generate(new FleetShape(3000, 3, 2, 7));
        List<CollectionGap> gaps = List.of(new CollectionGap("210000000000", "us-east-1", "wafv2", "ListWebACLs",
                "AccessDenied: no"));
        Snapshot withGap = new Snapshot(generated.schemaVersion(), generated.collectedAt(), generated.accounts(),
                generated.regions(), generated.accountInventories(), generated.regionInventories(), gaps);
        fleetFile = dir.resolve("fleet.json");
        SnapshotIO.write(withGap, fleetFile);
        fleetJson = Files.readString(fleetFile);
        fleet = sequential(fleetJson);
    }

    @ParameterizedTest(name = "batches of {0} bytes, inventories cut from {1} bytes")
    @CsvSource({
        "1048576, 4194304", // as in a scan: every inventory of this fleet fits in a batch
        "4096, 65536",      // accounts batched, regions cut into fields and lists into batches
        "1, 1"              // every element its own batch, every inventory cut up
    })
    void givesTheSnapshotTheSequentialReaderGives(int batchBytes, int splitBytes) {
        Optional<Snapshot> split = new SplitSnapshotReader(SnapshotIO.mapper(), fleetFile, batchBytes, splitBytes).read();
        assertThat(split).isPresent();
        assertThat(split.get().regionInventories()).hasSize(6);
        assertThat(split.get().instanceCount()).isEqualTo(3000);
        assertThat(split.get()).isEqualTo(fleet);
    }

    /** The path a scan takes: a file above the size gate, the reader's own piece sizes, two big regions. */
    @Test
    void aLargeFileIsReadSplitBySnapshotIoAndGivesTheSameSnapshot() throws Exception {
        Snapshot large = SyntheticFleet.generate(new FleetShape(20_000, 1, 2, 11));
        Path file = dir.resolve("large.json");
        SnapshotIO.write(large, file);
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(SplitSnapshotReader.MIN_FILE_BYTES);
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file).read()).contains(large);
        assertThat(SnapshotIO.read(file)).isEqualTo(large);
    }

    @Test
    void emptyNullMissingAndUnknownMembersBindAsJacksonBindsThem() throws Exception {
        String json = """
                {"schemaVersion":1, "note":{"a":[1,{"b":"]}"}]}, "accounts":["1"],
                 "accountInventories":[{"account":"1","roles":null,"extra":[{"x":1}]}],
                 "regionInventories":[{"account":"1","region":"us-east-1","instances":[],"vpcs":null,
                   "subnets":[{"subnetId":"subnet-1","vpcId":"vpc-1","cidrBlock":"10.0.0.0/24","tags":{"Name":"a \\" } b"}}],
                   "unknown":{"deep":[[[]]]}},
                  {"region":"eu-west-1","account":"1"}]}
                """;
        Path file = Files.writeString(dir.resolve("shapes.json"), json);
        Snapshot expected = sequentialUnchecked(json);
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 1, 1).read()).contains(expected);
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 1 << 20, 1 << 22).read()).contains(expected);
    }

    /** Each a change to the fleet's text that the split reader must not read past: what, text, replacement. */
    static Stream<Arguments> changes() {
        return Stream.of(
                Arguments.of("a wrong type inside a region", "\"instanceId\" : \"", "\"instanceId\" : 5, \"was\" : \""),
                Arguments.of("a syntax error inside a region", "\"vpcs\" : [", "\"vpcs\" : [ ,"),
                Arguments.of("a missing comma between regions", "}, {\n    \"account\" : \"210000000000\",\n    \"region\" : \"eu-west-1\"",
                        "} {\n    \"account\" : \"210000000000\",\n    \"region\" : \"eu-west-1\""),
                Arguments.of("a null region", "\"regionInventories\" : [", "\"regionInventories\" : [ null,"),
                // Skipped by Jackson (unknown members) but still refused by it when they are not JSON.
                Arguments.of("a bad literal in an unknown member", "\"schemaVersion\" : 1,", "\"schemaVersion\" : 1, \"x\" : tru,"),
                Arguments.of("mismatched brackets in an unknown member", "\"schemaVersion\" : 1,",
                        "\"schemaVersion\" : 1, \"x\" : [1, 2},"),
                Arguments.of("a bad escape in an unknown member of a cut region", "\"vpcs\" : [",
                        "\"u\" : \"\\q\", \"vpcs\" : ["),
                // Read alone, a scalar's range would be read more leniently than in the document.
                Arguments.of("text after a number", "\"schemaVersion\" : 1,", "\"schemaVersion\" : 1\"zz\","),
                Arguments.of("a byte-order mark before a number", "\"schemaVersion\" : 1,", "\"schemaVersion\" : \uFEFF1,"),
                // Ranges are bound below their depth in the file; Jackson refuses more than 1,000 levels.
                Arguments.of("nesting deeper than Jackson allows", "\"vpcs\" : [",
                        "\"u\" : " + "[".repeat(998) + "]".repeat(998) + ", \"vpcs\" : ["),
                // Valid JSON that Jackson reads, but not the way this reader walks: it hands over, and the result is Jackson's.
                Arguments.of("a name with an escape", "\"regionInventories\"", "\"regionInvent\\u006fries\""),
                Arguments.of("a second regionInventories", "\"gaps\" :", "\"regionInventories\" : [ ], \"gaps\" :"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void givesUpOnWhatItDoesNotExpectAndTheSequentialReaderDecides(String what, String from, String to) throws Exception {
        String changed = replaceFirst(fleetJson, from, to);
        Path file = Files.writeString(dir.resolve("changed.json"), changed);
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 4096, 65536).read()).as(what).isEmpty();
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 1, 1).read()).as(what).isEmpty();
        // The file is far below SplitSnapshotReader.MIN_FILE_BYTES, so SnapshotIO.read takes the sequential path.
        assertThat(Files.size(file)).isLessThan(SplitSnapshotReader.MIN_FILE_BYTES);
        assertThat(outcome(() -> SnapshotIO.readSplit(file, 4096, 65536))).isEqualTo(outcome(() -> SnapshotIO.read(file)));
    }

    @Test
    void aTruncatedFileGivesUp() throws Exception {
        Path file = Files.writeString(dir.resolve("truncated.json"), fleetJson.substring(0, fleetJson.length() / 2));
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 4096, 65536).read()).isEmpty();
        assertThatThrownBy(() -> SnapshotIO.readSplit(file, 4096, 65536)).isInstanceOf(SnapshotFormatException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aSnapshotThatFailsItsChecksFailsThemWhenReadSplit() throws Exception {
        Path file = Files.writeString(dir.resolve("v2.json"), fleetJson.replaceFirst("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"));
        assertThat(new SplitSnapshotReader(SnapshotIO.mapper(), file, 4096, 65536).read()).isPresent();
        assertThatThrownBy(() -> SnapshotIO.readSplit(file, 4096, 65536))
                .hasMessage(file + ": schemaVersion 2 is not supported (this build reads 1)");
    }

    private static String replaceFirst(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("the fleet's text holds %s", from).isNotNegative();
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static Snapshot sequential(String json) throws SnapshotFormatException {
        return SnapshotIO.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "<memory>");
    }

    /** Bound as Jackson binds it, without the field checks (the shapes test has no instances worth checking). */
    private static Snapshot sequentialUnchecked(String json) throws IOException {
        return SnapshotIO.mapper().readValue(json, Snapshot.class);
    }

    private interface Reading {
        Snapshot read() throws SnapshotFormatException;
    }

    /** The snapshot read, or the message of the error reading it. */
    private static Object outcome(Reading reading) {
        try {
            return reading.read();
        } catch (SnapshotFormatException e) {
            return e.getMessage();
        }
    }
}
