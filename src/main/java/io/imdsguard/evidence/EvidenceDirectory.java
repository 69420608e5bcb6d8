package io.imdsguard.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The evidence directory: one {@code <instance-id>.json} per instance ({@link HostEvidence}), filled
 * by {@code trace collect}, {@code trace parse} and {@code usage}, read by {@code scan} and
 * {@code enforce}. Files are replaced atomically, so a reader never sees half a file and a crash
 * leaves the previous evidence.
 */
public final class EvidenceDirectory {
    private static final Pattern FILE_NAME = Pattern.compile("i-[0-9a-f]{8,17}\\.json");
    /** The snapshot's strict reader: a count written as "14" is an error, not 14. */
    private static final ObjectMapper MAPPER = SnapshotIO.mapper();

    private final Path dir;

    public EvidenceDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** The file that holds {@code instanceId}'s evidence. */
    public Path fileOf(String instanceId) {
        return dir.resolve(instanceId + ".json");
    }

    /**
     * Every instance's evidence, by instance id. Files not named {@code i-….json} are not evidence and
     * are left alone; a malformed one is an error naming it, as is a directory that does not exist.
     */
    public Map<String, HostEvidence> readAll() throws EvidenceFormatException {
        if (!Files.isDirectory(dir)) {
            throw new EvidenceFormatException(dir + ": " + (Files.exists(dir) ? "is not a directory" : "no such directory"), null);
        }
        Map<String, HostEvidence> byInstance = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (FILE_NAME.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
                    HostEvidence evidence = read(file);
                    byInstance.put(evidence.instanceId(), evidence);
                }
            }
        } catch (IOException e) {
            throw new EvidenceFormatException(InputErrors.describe(dir, e), e);
        }
        return byInstance;
    }

    /** One instance's evidence file, checked: schema version 1 and the instance id its name says. */
    public static HostEvidence read(Path file) throws EvidenceFormatException {
        HostEvidence evidence;
        try {
            evidence = MAPPER.readValue(file.toFile(), HostEvidence.class);
        } catch (JsonProcessingException e) {
            throw new EvidenceFormatException(InputErrors.describe(file.toString(), e), e);
        } catch (IOException e) {
            throw new EvidenceFormatException(InputErrors.describe(file, e), e);
        }
        if (evidence == null) {
            throw new EvidenceFormatException(file + ": empty file, expected an evidence object", null);
        }
        if (evidence.schemaVersion() != HostEvidence.SCHEMA_VERSION) {
            throw new EvidenceFormatException(file + ": schemaVersion " + evidence.schemaVersion()
                    + " is not supported (this imdsguard reads " + HostEvidence.SCHEMA_VERSION + ")", null);
        }
        String expected = file.getFileName().toString().replaceFirst("\\.json$", "");
        if (!expected.equals(evidence.instanceId())) {
            throw new EvidenceFormatException(file + ": instanceId is " + evidence.instanceId()
                    + " but the file is named for " + expected, null);
        }
        return evidence;
    }

    /**
     * Writes {@code update} into its instance's file, keeping the part of the existing evidence that
     * {@code update} does not carry (a trace keeps the CloudWatch counts, and the other way round).
     * Creates the directory when needed. Returns the file written.
     */
    public Path merge(HostEvidence update) throws EvidenceFormatException {
        Path file = fileOf(update.instanceId());
        try {
            Files.createDirectories(dir);
            HostEvidence merged = Files.exists(file) ? read(file).mergedWith(update) : update;
            Path temp = Files.createTempFile(dir, "." + update.instanceId(), ".tmp");
            try {
                Files.writeString(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(merged) + "\n");
                move(temp, file);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new EvidenceFormatException(InputErrors.describe(file, e), e);
        }
        return file;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
