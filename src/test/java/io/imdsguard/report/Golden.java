package io.imdsguard.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares output against a golden file under src/test/resources. Run with
 * {@code -Dimdsguard.updateGolden=true} to rewrite the golden files after an intended change.
 */
public final class Golden {
    private Golden() {
    }

    public static void assertMatches(String actual, String resource) throws IOException {
        Path file = Path.of(System.getProperty("imdsguard.projectDir", "."), "src/test/resources", resource);
        if (Boolean.getBoolean("imdsguard.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file %s (regenerate with -Dimdsguard.updateGolden=true)", resource).exists();
        assertThat(actual.replace("\r\n", "\n")).isEqualTo(Files.readString(file).replace("\r\n", "\n"));
    }
}
