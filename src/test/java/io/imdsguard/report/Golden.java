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
        assertMatchesFile(actual, Path.of(System.getProperty("imdsguard.projectDir", "."), "src/test/resources", resource));
    }

    /** Same, for a golden file anywhere in the project (for example the bundled examples). */
    public static void assertMatchesFile(String actual, Path file) throws IOException {
        if (Boolean.getBoolean("imdsguard.updateGolden")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual);
        }
        assertThat(file).as("golden file %s (regenerate with -Dimdsguard.updateGolden=true)", file).exists();
        assertThat(actual.replace("\r\n", "\n")).isEqualTo(Files.readString(file).replace("\r\n", "\n"));
    }
}
