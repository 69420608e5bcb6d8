package io.imdsguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An output file written all at once: into a temporary file beside it, then moved into place, so
 * a failure never leaves half a file. {@link #checkWritable()} lets a command fail before doing
 * expensive work.
 */
final class OutputFile {
    /** Writes the content to a stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final Path target;

    OutputFile(Path target) {
        this.target = target.toAbsolutePath().normalize();
    }

    /** Fails with a one-line usage error when the file cannot be created or replaced. */
    void checkWritable() {
        if (Files.isDirectory(target)) {
            throw new UsageException("cannot write " + target + ": is a directory");
        }
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("cannot write " + target + ": directory " + dir + " does not exist");
        }
        // Probing with a real file is the only check that sees read-only mounts, ACLs and root squash.
        try {
            Files.delete(Files.createTempFile(dir, ".imdsguard-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot write " + target + ": directory " + dir + " is not writable");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new UsageException("cannot write " + target + ": file is not writable");
        }
    }

    void write(Content content) throws IOException {
        Path temp = Files.createTempFile(directory(), "." + target.getFileName() + "-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path directory() {
        Path parent = target.getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }
}
