package io.imdsguard.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * An output file. A regular file (or a new path) is written all at once: into a temporary file beside
 * it, then moved into place, so a failure never leaves half a file. A symlink is followed and its target
 * written the same way; a device or FIFO is written straight through, because replacing it (say
 * {@code /dev/null} in a CI job running as root) would break the system. {@link #checkWritable()} lets a
 * command fail before doing expensive work.
 */
final class OutputFile {
    /** Symlink hops before giving up, as Linux's own limit. */
    private static final int MAX_LINKS = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String shown;
    private final Path target;

    /** {@code shown} is the path as the user typed it, for messages. */
    OutputFile(String shown, Path target) {
        this.shown = shown;
        this.target = target.toAbsolutePath().normalize();
    }

    /** Fails with a one-line usage error when the file cannot be created, replaced or written through. */
    void checkWritable() {
        Path real = resolved();
        if (Files.isDirectory(real)) {
            throw new UsageException("cannot write " + shown + ": is a directory");
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            if (!Files.isWritable(real)) {
                throw new UsageException("cannot write " + shown + ": not writable");
            }
            return;
        }
        Path dir = directory(real);
        if (!Files.isDirectory(dir)) {
            throw new UsageException("cannot write " + shown + ": directory " + dir + " does not exist");
        }
        // Probing with a real file is the only check that sees read-only mounts, ACLs and root squash.
        try {
            Files.delete(Files.createTempFile(dir, ".imdsguard-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw new UsageException("cannot write " + shown + ": directory " + dir + " is not writable");
        }
        if (Files.exists(real) && !Files.isWritable(real)) {
            throw new UsageException("cannot write " + shown + ": file is not writable");
        }
    }

    /** Writes the content as UTF-8; a failed write is a one-line usage error naming the file. */
    void write(Output.Content content) {
        Path real = resolved();
        try {
            if (Files.exists(real) && !Files.isRegularFile(real)) {
                try (OutputStream out = buffered(Files.newOutputStream(real, StandardOpenOption.WRITE))) {
                    content.writeTo(out);
                }
            } else {
                replace(real, content);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write " + shown + ": " + reason(e), e);
        }
    }

    private static void replace(Path real, Output.Content content) throws IOException {
        Path temp = tempBeside(real);
        try {
            try (OutputStream out = buffered(Files.newOutputStream(temp))) {
                content.writeTo(out);
            }
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A temporary file with the mode the result should have: the replaced file's, else what the umask
     * gives a new file. (createTempFile would make every report owner-only.)
     */
    private static Path tempBeside(Path real) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = directory(real).resolve("." + real.getFileName() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 10) {
                    continue;
                }
                throw e;
            }
            if (Files.isRegularFile(real)) {
                try {
                    Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(real));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: nothing to keep.
                }
            }
            return temp;
        }
    }

    private static OutputStream buffered(OutputStream out) {
        return new BufferedOutputStream(out, 1 << 16);
    }

    /**
     * The path to write: as given when it leads (through any links) to a device or FIFO, since the kernel
     * follows links such as {@code /dev/stdout -> /proc/self/fd/1 -> pipe:[N]} that cannot be followed by
     * hand; otherwise with every symlink followed, even a dangling one (its target is then created), so
     * that the file behind it is what gets replaced.
     */
    private Path resolved() {
        if (Files.exists(target) && !Files.isRegularFile(target) && !Files.isDirectory(target)) {
            return target;
        }
        Path p = target;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == MAX_LINKS) {
                throw new UsageException("cannot write " + shown + ": too many levels of symbolic links");
            }
            try {
                p = p.resolveSibling(Files.readSymbolicLink(p)).toAbsolutePath().normalize();
            } catch (IOException e) {
                throw new UsageException("cannot write " + shown + ": " + reason(e), e);
            }
        }
        return p;
    }

    private static Path directory(Path file) {
        Path parent = file.getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** The cause of a file error in plain words (the exception's message often repeats the path). */
    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "write failed" : m;
    }
}
