package io.imdsguard.enforce.journal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends lines to a journal file, each on disk before {@link #write} returns: the BEFORE line of a
 * change must survive a crash in the call that follows it, or the change could not be undone. Safe to
 * use from several threads. A file that a crash left ending mid-line gets a newline first, so the cut
 * line stays alone on its line and the reader can set it aside.
 *
 * <p>The writer holds an exclusive lock on the file from its first line (or {@link #claim}) until it is
 * closed: another run's change in progress looks exactly like one cut short, and closing or undoing it
 * would put a second AFTER line in the journal, which then no longer reads.
 */
public final class JournalWriter implements AutoCloseable {
    private static final ObjectMapper MAPPER = SnapshotIO.mapper();

    private final Path file;
    private FileChannel channel;
    private int lines;

    private JournalWriter(Path file) {
        this.file = file;
    }

    /**
     * A writer appending to {@code file}. The file is created (or opened) by the first line written,
     * so a run that changes nothing leaves no journal behind.
     */
    public static JournalWriter open(Path file) {
        return new JournalWriter(file);
    }

    public Path file() {
        return file;
    }

    /** How many lines this writer has written: none means the run changed nothing. */
    public synchronized int linesWritten() {
        return lines;
    }

    /**
     * Takes the journal for this run now, when the file exists (a new one is taken by its first line): a run
     * must hold it before it reads which changes are open. Fails when another run holds it.
     */
    public synchronized JournalWriter claim() throws IOException {
        if (channel == null && Files.exists(file)) {
            channel = openForAppend(file);
        }
        return this;
    }

    /** Writes one line and forces it to disk. */
    public synchronized void write(JournalLine line) throws IOException {
        if (channel == null) {
            channel = openForAppend(file);
        }
        append(channel, MAPPER.writeValueAsString(line) + "\n");
        lines++;
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            if (!locked(channel)) {
                throw new IOException(file + " is in use by another imdsguard run; let it finish, or name another "
                        + "--journal");
            }
            if (endsMidLine(file, channel)) {
                append(channel, "\n");
            }
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Released with the channel. A lock this JVM already holds (a test's, another writer's) counts as taken. */
    private static boolean locked(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException e) {
            return false;
        }
    }

    private static void append(FileChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
    }

    private static boolean endsMidLine(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return false;
        }
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** Whether {@code file} can be appended to: for checking an option before any AWS call. */
    public static String problemWith(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory; name a file";
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return "directory " + dir + " does not exist";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return "is not writable";
        }
        if (!Files.exists(file) && !Files.isWritable(dir)) {
            return "directory " + dir + " is not writable";
        }
        return null;
    }
}
