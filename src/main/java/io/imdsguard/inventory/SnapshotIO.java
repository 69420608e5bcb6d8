package io.imdsguard.inventory;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.imdsguard.input.InputErrors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes snapshot JSON, refusing files of another schema version with a clear message.
 * Reading is strict: a value of the wrong type (a number where a string belongs) and a CIDR that is
 * not one are errors naming the field, never coerced or dropped.
 */
public final class SnapshotIO {
    private static final ObjectMapper MAPPER = configure(JsonMapper.builder());
    /** For snapshots inline in YAML rule test cases: the same strictness, and positions in the YAML file. */
    private static final ObjectMapper YAML = configure(YAMLMapper.builder());

    private SnapshotIO() {
    }

    private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> M configure(B builder) {
        return builder.addModule(new JavaTimeModule())
                .addModule(new SimpleModule("canonical-strings").addDeserializer(String.class, new CanonicalStrings()))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Tags are held in unordered maps; sorted keys make two collections of one fleet diff cleanly.
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Jackson would turn 5 into "5", "true" into true and 1.5 into 1: a hand-edited snapshot
                // with a wrong type would then be scanned as something it does not say.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Enum, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build();
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
     * tree); only when that fails is the input read again to explain why. A large file is read on every
     * core ({@link SplitSnapshotReader}), which gives the same snapshot.
     */
    public static Snapshot read(Path file) throws SnapshotFormatException {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new SnapshotFormatException(file + ": is a directory", null);
            }
            size = Files.size(file); // a missing file fails here, before any parsing
        } catch (IOException e) {
            throw new SnapshotFormatException(InputErrors.describe(file, e), e);
        }
        Input input = fileInput(file);
        if (size >= SplitSnapshotReader.MIN_FILE_BYTES && Runtime.getRuntime().availableProcessors() > 1) {
            Optional<Snapshot> split = new SplitSnapshotReader(MAPPER, file).read();
            if (split.isPresent()) {
                return checked(split.get(), input);
            }
        }
        return read(input);
    }

    /** {@link #read(Path)} on every core, its pieces as small as the test asks; the sequential reader when that gives up. */
    static Snapshot readSplit(Path file, int batchBytes, int splitBytes) throws SnapshotFormatException {
        Input input = fileInput(file);
        Optional<Snapshot> split = new SplitSnapshotReader(MAPPER, file, batchBytes, splitBytes).read();
        return split.isPresent() ? checked(split.get(), input) : read(input);
    }

    private static Input fileInput(Path file) {
        return new Input(MAPPER, JsonPointer.empty(), () -> Files.newInputStream(file), file, file.toString(), "");
    }

    /** Reads a snapshot held in memory; {@code source} names it in errors. */
    public static Snapshot read(InputStream in, String source) throws SnapshotFormatException {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new SnapshotFormatException(source + ": " + InputErrors.reason(null, e), e);
        }
        return read(new Input(MAPPER, JsonPointer.empty(), () -> new ByteArrayInputStream(bytes), null, source, ""));
    }

    /**
     * Reads the snapshot held in the top-level {@code field} of a YAML file (a rule test case). Errors
     * give the position in that file and the path from {@code field}, e.g.
     * {@code case.yaml:12:22: snapshot.regionInventories[0].account: expected a string, got a number}.
     */
    public static Snapshot readYamlField(Path file, String field) throws SnapshotFormatException {
        return read(new Input(YAML, JsonPointer.compile("/" + field), () -> Files.newInputStream(file), file,
                file.toString(), field + "."));
    }

    /** Where a snapshot comes from, possibly opened twice: once to read, once more to explain a failure. */
    private record Input(ObjectMapper mapper, JsonPointer at, Opener opener, Path file, String name, String prefix) {
        InputStream open() throws IOException {
            return opener.open();
        }

        String problem(String problem) {
            return name + ": " + prefix + problem;
        }

        /** The file, and the field within it when the snapshot is one: {@code case.yaml: snapshot}. */
        String where() {
            return prefix.isEmpty() ? name : name + ": " + prefix.substring(0, prefix.length() - 1);
        }
    }

    @FunctionalInterface
    private interface Opener {
        InputStream open() throws IOException;
    }

    private static Snapshot read(Input input) throws SnapshotFormatException {
        Snapshot snapshot;
        try (InputStream in = input.open()) {
            ObjectReader reader = input.mapper().readerFor(Snapshot.class);
            snapshot = (input.at().matches() ? reader : reader.at(input.at())).readValue(in);
        } catch (JsonProcessingException e) {
            throw explain(input, e);
        } catch (IOException e) {
            throw new SnapshotFormatException(input.name() + ": " + InputErrors.reason(input.file(), e), e);
        }
        return checked(snapshot, input);
    }

    /** The checks a bound snapshot must pass besides its shape: schema version, fields, CIDRs, not a report. */
    private static Snapshot checked(Snapshot snapshot, Input input) throws SnapshotFormatException {
        checkVersion(snapshot == null ? 0 : snapshot.schemaVersion(), input);
        Optional<String> problem = FieldChecks.firstProblem(snapshot).or(() -> CidrCheck.firstProblem(snapshot));
        if (problem.isPresent()) {
            throw new SnapshotFormatException(input.problem(problem.get()), null);
        }
        if (snapshot.accounts().isEmpty() && snapshot.regionInventories().isEmpty()
                && snapshot.accountInventories().isEmpty()) {
            checkIsSnapshot(input);
        }
        return snapshot;
    }

    /**
     * An empty snapshot is rare; a JSON report (which has a schemaVersion too) or a bare {@code {"schemaVersion": 1}}
     * given by mistake would otherwise scan nothing and pass the gate. Only an empty result pays for this second read.
     */
    private static void checkIsSnapshot(Input input) throws SnapshotFormatException {
        JsonNode document;
        try (InputStream in = input.open()) {
            document = input.mapper().readTree(in).at(input.at());
        } catch (IOException e) {
            return;
        }
        if (document.has("findings") && document.has("summary")) {
            throw new SnapshotFormatException(input.where() + ": this is an imdsguard report (scan --format json), not a"
                    + " snapshot: give the file that 'collect' or 'scan --save-snapshot' wrote", null);
        }
        if (!document.has("accounts") && !document.has("regionInventories") && !document.has("accountInventories")) {
            throw new SnapshotFormatException(input.where() + ": no accounts, accountInventories or regionInventories:"
                    + " not a snapshot that 'collect' wrote", null);
        }
    }

    private static void checkVersion(int version, Input input) throws SnapshotFormatException {
        if (version == 0) {
            throw new SnapshotFormatException(input.where() + ": missing schemaVersion (is this an imdsguard snapshot?)", null);
        }
        if (version != Snapshot.SCHEMA_VERSION) {
            throw new SnapshotFormatException(input.where() + ": schemaVersion " + version
                    + " is not supported (this build reads " + Snapshot.SCHEMA_VERSION + ")", null);
        }
    }

    private static SnapshotFormatException explain(Input input, JsonProcessingException e) {
        if (InputErrors.isEmptyInput(e)) {
            return new SnapshotFormatException(input.name() + ": empty file (expected a snapshot JSON object)", e);
        }
        if (!hasSyntaxError(e)) {
            // A document of another schema version fails to map; say that rather than which field broke.
            try (InputStream in = input.open()) {
                JsonNode document = input.mapper().readTree(in).at(input.at());
                if (document.isObject()) {
                    JsonNode version = document.get("schemaVersion");
                    // A version of the wrong type ("1") is left to the mapping error, which names it.
                    if (version == null || version.isIntegralNumber()) {
                        checkVersion(version == null ? 0 : version.asInt(), input);
                    }
                }
            } catch (SnapshotFormatException versionProblem) {
                return versionProblem;
            } catch (IOException | RuntimeException ignored) {
                // fall through to the mapping error itself
            }
        }
        return new SnapshotFormatException(InputErrors.describe(input.name(), input.prefix(), e), e);
    }

    private static boolean hasSyntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                return true;
            }
        }
        return false;
    }
}
