package io.imdsguard.cli;

import io.imdsguard.testing.AwsEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * What every enforce CLI test against the emulator starts from: the emulator (reset for each test
 * class), credentials and home region for the in-process CLI, a fleet seeder, and a journal in a
 * fresh directory per test.
 */
abstract class EnforceEmulatorTest {
    @RegisterExtension
    static final AwsEmulator AWS = new AwsEmulator();
    static final String EAST = "us-east-1";
    static EnforceFixture fleet;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUpFleet() {
        EnforceFixture.credentials(EAST);
        fleet = new EnforceFixture(AWS);
    }

    @AfterAll
    static void clearCredentials() {
        EnforceFixture.clearCredentials();
    }

    Path journal() {
        return dir.resolve("journal.jsonl");
    }
}
