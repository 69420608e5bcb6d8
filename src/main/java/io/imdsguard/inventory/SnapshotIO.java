package io.imdsguard.inventory;

import com.fasterxml.jackson.core.JsonParseException;
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

    /**
     * Reads a snapshot straight into records (a 100k-instance snapshot is ~100 MB, so no intermediate
     * tree); only when that fails is the input looked at again to explain why.
     */
    public static Snapshot read(Path file) throws SnapshotFormatException {
        Snapshot snapshot;
        try (InputStream in = Files.newInputStream(file)) {
            snapshot = MAPPER.readValue(in, Snapshot.class);
        } catch (NoSuchFileException e) {
            throw new SnapshotFormatException("snapshot " + file + ": no such file", e);
        } catch (JsonProcessingException e) {
            throw explain(file, e);
        } catch (IOException e) {
            throw new SnapshotFormatException("snapshot " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(file + ": " + e.getMessage(), e);
        }
        return checkVersion(snapshot == null ? 0 : snapshot.schemaVersion(), file.toString(), snapshot);
    }

    private static Snapshot checkVersion(int version, String source, Snapshot snapshot) throws SnapshotFormatException {
        if (version == 0) {
            throw new SnapshotFormatException(source + ": missing schemaVersion (is this an imdsguard snapshot?)", null);
        }
        if (version != Snapshot.SCHEMA_VERSION) {
            throw new SnapshotFormatException(source + ": schemaVersion " + version
                    + " is not supported (this build reads " + Snapshot.SCHEMA_VERSION + ")", null);
        }
        return snapshot;
    }

    private static SnapshotFormatException explain(Path file, JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return new SnapshotFormatException(file + ":" + location(e) + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        // A document of another schema version fails to map; say that rather than which field broke.
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode version = MAPPER.readTree(in).get("schemaVersion");
            checkVersion(version == null || !version.canConvertToInt() ? 0 : version.asInt(), file.toString(), null);
        } catch (SnapshotFormatException versionProblem) {
            return versionProblem;
        } catch (IOException | RuntimeException ignored) {
            // fall through to the mapping error itself
        }
        return new SnapshotFormatException(file + ": " + describe(e), e);
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
