package io.imdsguard.inventory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.imdsguard.Parallel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Reads a large snapshot file on every core. One thread walks the bytes ({@link JsonOutline}) and finds
 * where each account's and region's inventory lies; the other threads bind those byte ranges with the
 * snapshot mapper while the walk goes on. Consecutive small inventories are bound together in batches;
 * an inventory too large for one (a region of 50,000 instances) is cut once more, into its fields and
 * its lists' elements, and built from them, so that a snapshot of two big regions is read on every core too.
 *
 * <p>The result is the record the sequential reader gives. When anything is not as expected (a syntax or
 * type error, a duplicate or escaped name, a value a record refuses) this reader gives up, and
 * {@link SnapshotIO} reads the file sequentially, which also words the error with its line and field.
 */
final class SplitSnapshotReader {
    /** Files below this size are read sequentially: the threads would cost more than they save. */
    static final long MIN_FILE_BYTES = 16L << 20;
    private static final int BATCH_BYTES = 1 << 20;
    private static final int SPLIT_BYTES = 4 << 20;
    /** The records this reader builds, their members by name (reflection is slow enough to matter per region). */
    private static final Map<Class<?>, Members> MEMBERS = Map.of(
            Snapshot.class, Members.of(Snapshot.class),
            AccountInventory.class, Members.of(AccountInventory.class),
            RegionInventory.class, Members.of(RegionInventory.class));

    private final ObjectMapper mapper;
    private final Path file;
    private final int batchBytes;
    private final int splitBytes;

    SplitSnapshotReader(ObjectMapper mapper, Path file) {
        this(mapper, file, BATCH_BYTES, SPLIT_BYTES);
    }

    /** @param batchBytes how much of a list one task binds; @param splitBytes from which size an inventory is cut up */
    SplitSnapshotReader(ObjectMapper mapper, Path file, int batchBytes, int splitBytes) {
        this.mapper = mapper;
        this.file = file;
        this.batchBytes = batchBytes;
        this.splitBytes = splitBytes;
    }

    /** The snapshot, or empty when it must be read the ordinary way (see the class comment). */
    Optional<Snapshot> read() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             InputStream in = Channels.newInputStream(FileChannel.open(file, StandardOpenOption.READ));
             Parallel.Workers workers = Parallel.workers()) {
            Walk walk = new Walk(new JsonOutline(in), new Ranges(channel), workers);
            return Optional.of(walk.snapshot());
        } catch (JsonOutline.Unexpected | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A byte range of the file. */
    private record Range(long start, long end) {
        int length() {
            return Math.toIntExact(end - start);
        }
    }

    /** Binds byte ranges of the file, on any thread: each thread reads its ranges into a buffer of its own. */
    private final class Ranges {
        private final FileChannel channel;
        private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[0]);
        private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();
        private final JavaType anyJson = mapper.constructType(JsonNode.class);

        Ranges(FileChannel channel) {
            this.channel = channel;
        }

        /** The value in {@code range}; with {@code asList}, the elements in it, bound as a JSON array of them. */
        <T> T bind(Range range, JavaType type, boolean asList) throws IOException {
            int extra = asList ? 2 : 0;
            int length = range.length() + extra;
            byte[] bytes = buffers.get();
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
                buffers.set(bytes);
            }
            ByteBuffer target = ByteBuffer.wrap(bytes, asList ? 1 : 0, range.length());
            long at = range.start();
            while (target.hasRemaining()) {
                int n = channel.read(target, at);
                if (n < 0) {
                    throw new IOException("file shrank while being read");
                }
                at += n;
            }
            if (asList) {
                bytes[0] = '[';
                bytes[length - 1] = ']';
            }
            // A range holds one value; inside the document, anything after it would be a syntax error.
            ObjectReader reader = readers.computeIfAbsent(type,
                    t -> mapper.readerFor(t).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
            return reader.readValue(bytes, 0, length);
        }

        /**
         * A member the records do not have, parsed only to be checked: Jackson ignores it too, but still
         * refuses it when it is not JSON.
         */
        Future<?> check(Range range, Parallel.Workers workers) {
            return workers.submit(() -> bind(range, anyJson, false));
        }
    }

    /** One pass over the document, handing ranges to the workers as they are found. */
    private final class Walk {
        private final JsonOutline outline;
        private final Ranges ranges;
        private final Parallel.Workers workers;

        Walk(JsonOutline outline, Ranges ranges, Parallel.Workers workers) {
            this.outline = outline;
            this.ranges = ranges;
            this.workers = workers;
        }

        Snapshot snapshot() throws IOException, JsonOutline.Unexpected {
            Map<String, Future<?>> fields = new HashMap<>();
            Map<String, List<Piece>> lists = new HashMap<>();
            List<Future<?>> checks = new ArrayList<>();
            if (!outline.open('{', '}')) {
                do {
                    String name = outline.name();
                    if (fields.containsKey(name) || lists.containsKey(name)) {
                        throw new JsonOutline.Unexpected("second '" + name + "'", outline.offset());
                    }
                    Class<?> inventory = switch (name) {
                        case "accountInventories" -> AccountInventory.class;
                        case "regionInventories" -> RegionInventory.class;
                        default -> null;
                    };
                    if (inventory != null && outline.peek() == '[') {
                        lists.put(name, inventories(inventory, component(Snapshot.class, name)));
                    } else {
                        Range range = skip();
                        RecordComponent component = component(Snapshot.class, name);
                        if (component != null) {
                            JavaType type = type(component);
                            fields.put(name, workers.submit(() -> ranges.bind(range, type, false)));
                        } else {
                            checks.add(ranges.check(range, workers));
                        }
                    }
                } while (outline.more('}'));
            }
            checks.forEach(Parallel::join);
            Map<String, Object> values = new HashMap<>();
            fields.forEach((name, value) -> values.put(name, Parallel.join(value)));
            lists.forEach((name, pieces) -> values.put(name, assemble(pieces)));
            return construct(Snapshot.class, values);
        }

        /**
         * The elements of a list of inventories as pieces to be bound: batches of whole elements, and the
         * fields of the elements too big for a batch.
         */
        private List<Piece> inventories(Class<?> type, RecordComponent list) throws IOException, JsonOutline.Unexpected {
            JavaType listType = type(list);
            List<Piece> pieces = new ArrayList<>();
            Batch batch = new Batch(listType);
            if (!outline.open('[', ']')) {
                do {
                    if (outline.peek() != '{') {
                        batch.add(skip(), pieces); // a null or a mistake: Jackson binds it or says what is wrong
                        continue;
                    }
                    long start = outline.offset();
                    Map<String, FieldOutline> fields = fields();
                    Range whole = new Range(start, outline.offset());
                    if (whole.length() < splitBytes) {
                        batch.add(whole, pieces);
                    } else {
                        batch.flush(pieces);
                        pieces.add(split(type, fields));
                    }
                } while (outline.more(']'));
            }
            batch.flush(pieces);
            return pieces;
        }

        /** The members of one inventory object, with the element ranges of its lists. */
        private Map<String, FieldOutline> fields() throws IOException, JsonOutline.Unexpected {
            Map<String, FieldOutline> fields = new HashMap<>();
            if (outline.open('{', '}')) {
                return fields;
            }
            do {
                String name = outline.name();
                long start = outline.offset();
                List<Range> elements = null;
                if (outline.peek() == '[') {
                    elements = new ArrayList<>();
                    if (!outline.open('[', ']')) {
                        do {
                            elements.add(skip());
                        } while (outline.more(']'));
                    }
                } else {
                    outline.skipValue();
                }
                if (fields.put(name, new FieldOutline(new Range(start, outline.offset()), elements)) != null) {
                    throw new JsonOutline.Unexpected("second '" + name + "'", outline.offset());
                }
            } while (outline.more('}'));
            return fields;
        }

        /** An inventory bound field by field, its lists in batches of elements; unknown members only checked. */
        private Piece split(Class<?> type, Map<String, FieldOutline> fields) {
            Map<String, List<Future<?>>> parts = new HashMap<>();
            fields.forEach((name, field) -> {
                RecordComponent component = component(type, name);
                if (component == null) {
                    parts.put(UNKNOWN_PREFIX + name, List.of(ranges.check(field.range(), workers)));
                    return;
                }
                JavaType fieldType = type(component);
                List<Future<?>> futures = new ArrayList<>();
                if (field.elements() == null || field.elements().isEmpty()) {
                    futures.add(workers.submit(() -> ranges.bind(field.range(), fieldType, false)));
                } else {
                    int from = 0;
                    List<Range> elements = field.elements();
                    for (int i = 0; i < elements.size(); i++) {
                        boolean last = i == elements.size() - 1;
                        if (last || elements.get(i + 1).end() - elements.get(from).start() > batchBytes) {
                            Range chunk = new Range(elements.get(from).start(), elements.get(i).end());
                            futures.add(workers.submit(() -> ranges.bind(chunk, fieldType, true)));
                            from = i + 1;
                        }
                    }
                }
                parts.put(name, futures);
            });
            return new Piece(null, type, parts);
        }

        private Range skip() throws IOException, JsonOutline.Unexpected {
            outline.peek();
            long start = outline.offset();
            outline.skipValue();
            return new Range(start, outline.offset());
        }

        /** Consecutive elements of a list, bound together once they reach the batch size. */
        private final class Batch {
            private final JavaType listType;
            private Range pending;

            Batch(JavaType listType) {
                this.listType = listType;
            }

            void add(Range element, List<Piece> pieces) {
                pending = pending == null ? element : new Range(pending.start(), element.end());
                if (pending.length() >= batchBytes) {
                    flush(pieces);
                }
            }

            void flush(List<Piece> pieces) {
                if (pending != null) {
                    Range range = pending;
                    pieces.add(new Piece(workers.submit(() -> ranges.bind(range, listType, true)), null, null));
                    pending = null;
                }
            }
        }
    }

    /** Where one member of an inventory lies, and, for a list, each element. */
    private record FieldOutline(Range range, List<Range> elements) {
    }

    /** Part of a list of inventories: a batch of whole ones, or one inventory bound in parts ({@code parts} by name). */
    private record Piece(Future<?> batch, Class<?> type, Map<String, List<Future<?>>> parts) {
    }

    /** Marks the checks of unknown members among a cut inventory's parts (no record component has a space). */
    private static final String UNKNOWN_PREFIX = "unknown ";

    private static List<Object> assemble(List<Piece> pieces) {
        List<Object> all = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece.batch() != null) {
                all.addAll((List<?>) Parallel.join(piece.batch()));
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            piece.parts().forEach((name, futures) -> {
                // One future holds the whole member (a list's only batch included); several, a list's batches.
                if (name.startsWith(UNKNOWN_PREFIX)) {
                    futures.forEach(Parallel::join);
                } else if (futures.size() == 1) {
                    values.put(name, Parallel.join(futures.get(0)));
                } else {
                    List<Object> elements = new ArrayList<>();
                    futures.forEach(f -> elements.addAll((List<?>) Parallel.join(f)));
                    values.put(name, elements);
                }
            });
            all.add(construct(piece.type(), values));
        }
        return all;
    }

    /** The record built by its canonical constructor, as Jackson builds it: a missing member is null, or 0. */
    private static <T> T construct(Class<T> type, Map<String, Object> values) {
        Members members = MEMBERS.get(type);
        RecordComponent[] components = members.components();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = values.get(components[i].getName());
            if (value == null && components[i].getType() == int.class) {
                value = 0;
            }
            args[i] = value;
        }
        try {
            return type.cast(members.canonical().newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " refused its members", e);
        }
    }

    private static RecordComponent component(Class<?> type, String name) {
        return MEMBERS.get(type).byName().get(name);
    }

    private JavaType type(RecordComponent component) {
        return mapper.getTypeFactory().constructType(component.getGenericType());
    }

    /** A record's components, in order and by name, and its canonical constructor. */
    private record Members(RecordComponent[] components, Map<String, RecordComponent> byName, Constructor<?> canonical) {
        static Members of(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Map<String, RecordComponent> byName = new HashMap<>();
            for (RecordComponent c : components) {
                byName.put(c.getName(), c);
            }
            try {
                Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                return new Members(components, Map.copyOf(byName), type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("a record without its canonical constructor: " + type, e);
            }
        }
    }
}
