package io.imdsguard.trace.ssm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes run files. Reading is strict (the snapshot's reader: no coercion), and a file that
 * is not a run file of this schema version is named as such. Writing replaces the file atomically, so
 * an interrupted {@code start} leaves the run as it was after the last command it recorded.
 */
public final class RunFiles {
    private static final ObjectMapper MAPPER = SnapshotIO.mapper();

    private RunFiles() {
    }

    public static RunFile read(Path file) throws RunFileException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new RunFileException(file + ": is a directory, expected a run file", null);
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new RunFileException(InputErrors.describe(file, e) + " (the run file trace start wrote)", e);
        }
        if (text.isBlank()) {
            throw new RunFileException(file + ": empty file, expected a run file", null);
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            JsonNode version = root == null ? null : root.get("schemaVersion");
            if (root == null || !root.isObject() || version == null || !root.has("runId")) {
                throw new RunFileException(file + ": " + notARunFile(root), null);
            }
            if (version.isIntegralNumber() && version.asInt() != RunFile.SCHEMA_VERSION) {
                throw new RunFileException(file + ": schemaVersion " + version.asText()
                        + " is not supported (this build reads " + RunFile.SCHEMA_VERSION + ")", null);
            }
            return MAPPER.readValue(text, RunFile.class);
        } catch (JsonProcessingException e) {
            throw new RunFileException(InputErrors.describe(file.toString(), MAPPER.getFactory(), text, e), e);
        }
    }

    /** Users mix up the JSON files imdsguard writes: name the one they gave. */
    private static String notARunFile(JsonNode root) {
        if (root != null && root.isObject() && root.has("findings") && root.has("scan")) {
            return "is a scan report, not a trace run file";
        }
        if (root != null && root.isObject() && root.has("instanceId")) {
            return "is an evidence file, not a trace run file";
        }
        return "not a trace run file (no " + (root != null && root.has("schemaVersion") ? "runId" : "schemaVersion") + ")";
    }

    public static void write(RunFile run, Path file) throws RunFileException {
        Path target = file.toAbsolutePath();
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), run);
                try {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new RunFileException("cannot write the run file " + InputErrors.describe(file, e), e);
        }
    }
}
