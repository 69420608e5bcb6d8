package io.imdsguard.cli;

import io.imdsguard.trace.ssm.RunFile;
import io.imdsguard.trace.ssm.RunFileException;
import io.imdsguard.trace.ssm.RunFiles;

import java.nio.file.Path;

/** The {@code --run FILE} of the trace commands: read and written with errors as one-line usage errors. */
final class RunFileOption {
    private RunFileOption() {
    }

    static RunFile read(Path file) {
        try {
            return RunFiles.read(file);
        } catch (RunFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    static void write(RunFile run, Path file) {
        try {
            RunFiles.write(run, file);
        } catch (RunFileException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
