package io.imdsguard.inventory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes snapshot JSON, refusing files of another schema version with a clear message. */
public final class SnapshotIO {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Tags are held in unordered maps; sorted keys make two collections of one fleet diff cleanly.
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
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

    public static void write(Snapshot snapshot, Writer out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, snapshot);
    }

    public static void write(Snapshot snapshot, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(snapshot, out);
        }
    }

    /**
     * Reads a snapshot straight into records (a 100k-instance snapshot is ~100 MB, so no intermediate
     * tree); only when that fails is the input read again to explain why.
     */
    public static Snapshot read(Path file) throws SnapshotFormatException {
        if (!Files.exists(file)) {
            throw new SnapshotFormatException("snapshot " + file + ": no such file", null);
        }
        return read(() -> Files.newInputStream(file), file.toString());
    }

    /** Reads a snapshot held in memory (e.g. inline in a rule test case); {@code source} names it in errors. */
    public static Snapshot read(InputStream in, String source) throws SnapshotFormatException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new SnapshotFormatException(source + ": " + e.getMessage(), e);
        }
        return read(() -> new ByteArrayInputStream(bytes), source);
    }

    /** Opens the snapshot's bytes, possibly twice: once to read, once more to explain a failure. */
    @FunctionalInterface
    private interface Source {
        InputStream open() throws IOException;
    }

    private static Snapshot read(Source source, String name) throws SnapshotFormatException {
        Snapshot snapshot;
        try (InputStream in = source.open()) {
            snapshot = MAPPER.readValue(in, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw explain(source, name, e);
        } catch (IOException e) {
            throw new SnapshotFormatException("snapshot " + name + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new SnapshotFormatException(name + ": " + e.getMessage(), e);
        }
        return checkVersion(snapshot == null ? 0 : snapshot.schemaVersion(), name, snapshot);
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

    private static SnapshotFormatException explain(Source source, String name, JsonProcessingException e) {
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) {
            return new SnapshotFormatException(name + ":" + location(syntax) + ": not valid JSON: "
                    + firstLine(syntax.getOriginalMessage()), e);
        }
        // A document of another schema version fails to map; say that rather than which field broke.
        try (InputStream in = source.open()) {
            JsonNode version = MAPPER.readTree(in).get("schemaVersion");
            checkVersion(version == null || !version.canConvertToInt() ? 0 : version.asInt(), name, null);
        } catch (SnapshotFormatException versionProblem) {
            return versionProblem;
        } catch (IOException | RuntimeException ignored) {
            // fall through to the mapping error itself
        }
        return new SnapshotFormatException(name + ": " + describe(e), e);
    }

    /** Databinding wraps a syntax error (e.g. a truncated file) in a mapping exception; find it. */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p) {
                return p;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int cut = message.indexOf('\n');
        String line = cut < 0 ? message : message.substring(0, cut);
        int source = line.indexOf(" at [Source");
        return (source < 0 ? line : line.substring(0, source)).replaceAll("\\s*\\(start marker.*$", "").strip();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    }

    private static String describe(JsonProcessingException e) {
        String path = e instanceof com.fasterxml.jackson.databind.JsonMappingException m
                ? m.getPathReference().replace("io.imdsguard.inventory.", "") : "";
        String message = e.getOriginalMessage();
        int cut = message.indexOf(" at [Source");
        return "at " + path + ": " + firstLine(cut > 0 ? message.substring(0, cut) : message);
    }
}
