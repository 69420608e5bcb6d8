package io.imdsguard.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** File-system failures in plain words (the JDK's messages are often just the path again). */
class InputErrorsTest {
    @TempDir
    Path dir;

    @Test
    void fileSystemFailuresAreNamedWithoutRepeatingThePath() {
        Path file = dir.resolve("s.json");
        assertThat(InputErrors.describe(file, new NoSuchFileException(file.toString()))).isEqualTo(file + ": no such file");
        assertThat(InputErrors.describe(file, new AccessDeniedException(file.toString()))).isEqualTo(file + ": permission denied");
        assertThat(InputErrors.describe(dir, new IOException("Is a directory"))).isEqualTo(dir + ": is a directory");
        assertThat(InputErrors.describe(file, new IOException(file.toString()))).isEqualTo(file + ": cannot be read");
    }
}
