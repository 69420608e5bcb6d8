package io.imdsguard.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes snapshot JSON, refusing files of another schema version with a clear message. */
public final class SnapshotIO {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SnapshotIO() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static void write(Snapshot snapshot, OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, snapshot);
    }

    public static void write(Snapshot snapshot, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(snapshot, out);
        }
    }

    public static Snapshot read(Path file) throws SnapshotFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException("snapshot " + file + ": no such file", e);
        } catch (IOException e) {
            throw new SnapshotFormatException("snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    public static Snapshot read(InputStream in, String source) throws SnapshotFormatException {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException(source + ":" + location(e) + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new SnapshotFormatException(source + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new SnapshotFormatException(source + ": a snapshot is a JSON object", null);
        }
        JsonNode version = tree.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new SnapshotFormatException(source + ": missing schemaVersion (is this an imdsguard snapshot?)", null);
        }
        if (version.asInt() != Snapshot.SCHEMA_VERSION) {
            throw new SnapshotFormatException(source + ": schemaVersion " + version.asInt()
                    + " is not supported (this build reads " + Snapshot.SCHEMA_VERSION + ")", null);
        }
        try {
            return MAPPER.treeToValue(tree, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new SnapshotFormatException(source + ": " + describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(source + ": " + e.getMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                ? m.getPathReference().replace("io.imdsguard.inventory.", "") : "";
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        return "at " + path + ": " + (cut > 0 ? message.substring(0, cut) : message);
    }
}
