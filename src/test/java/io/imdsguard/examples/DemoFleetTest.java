package io.imdsguard.examples;

import io.imdsguard.inventory.Snapshot;
import io.imdsguard.inventory.SnapshotIO;
import io.imdsguard.report.Golden;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps examples/demo-fleet.json equal to {@link DemoFleet} (regenerate with -Dimdsguard.updateGolden=true). */
class DemoFleetTest {
    static final Path FILE = Path.of(System.getProperty("imdsguard.projectDir", "."), "examples/demo-fleet.json");

    @Test
    void committedExampleMatchesTheSource() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotIO.write(DemoFleet.snapshot(), out);
        String json = out.toString(StandardCharsets.UTF_8) + System.lineSeparator();
        Golden.assertMatchesFile(json, FILE);
        Snapshot read = SnapshotIO.read(FILE);
        assertThat(read).isEqualTo(DemoFleet.snapshot());
    }
}
