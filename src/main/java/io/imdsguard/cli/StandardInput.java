package io.imdsguard.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code -} as a file to read: stdin, which can feed only one option per run. */
final class StandardInput {
    private StandardInput() {
    }

    static String text(String option) {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(option + " -: cannot read stdin: " + e.getMessage(), e);
        }
    }
}
