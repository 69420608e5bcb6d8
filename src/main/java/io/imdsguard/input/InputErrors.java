package io.imdsguard.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns Jackson's and the file system's exceptions into one plain line, {@code FILE:LINE:COL: reason},
 * for example {@code snap.json:7:24: regionInventories[0].instances[2].instanceId: expected a string,
 * got a number (5)}. Jackson's own messages name Java types and repeat the source; users need the
 * field and what belongs there.
 */
public final class InputErrors {
    private static final Pattern FROM_VALUE = Pattern.compile("from (Number|String|Boolean) value \\(((?!token )[^)]*)\\)");
    private static final Pattern GOT_SHAPE = Pattern.compile("from (Object|Array|String|Integer|Floating-point|Boolean|Null) value");
    private static final Pattern COERCE = Pattern.compile("Cannot coerce (Integer|Floating-point|String|Boolean|Null) value \\((.*?)\\) to");
    private static final Pattern CHAR_CODE = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[.*?line: (\\d+), column: \\d+\\]\\)");
    private static final Pattern STARTING_AT =
            Pattern.compile("\\s*\\(for (Array|Object) starting at \\[.*?line: (\\d+), column: \\d+\\]\\)");
    private static final Pattern JAVA_TYPE = Pattern.compile("`(?:[\\w$]+\\.)*([\\w$]+)(?:<.*?>)?`");

    private InputErrors() {
    }

    /** {@code FILE:LINE:COL: reason} (without the position when Jackson does not know it). */
    public static String describe(String file, JsonProcessingException e) {
        return describe(file, "", e);
    }

    /**
     * As {@link #describe(String, JsonProcessingException)} for a value read from within a larger document:
     * {@code pathPrefix} (such as {@code "snapshot."}) leads the field's path.
     */
    public static String describe(String file, String pathPrefix, JsonProcessingException e) {
        return file + position(e) + ": " + reason(e, pathPrefix);
    }

    /**
     * As {@link #describe(String, JsonProcessingException)} for a document whose text is at hand. Jackson
     * reports an unknown key where it stopped reading, which for records is the end of the object (in
     * YAML, often the next line); the key's own position is found by reading the text again along the
     * error's path.
     */
    public static String describe(String file, JsonFactory format, String text, JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            Optional<JsonLocation> key = keyLocation(format, text, u.getPath());
            if (key.isPresent()) {
                return file + ":" + key.get().getLineNr() + ":" + key.get().getColumnNr() + ": " + reason(e, "");
            }
        }
        return describe(file, e);
    }

    /** Where the last field of {@code path} stands in {@code text}, following object keys and list indexes. */
    private static Optional<JsonLocation> keyLocation(JsonFactory format, String text, List<JsonMappingException.Reference> path) {
        try (JsonParser p = format.createParser(text)) {
            p.nextToken();
            for (int i = 0; i < path.size(); i++) {
                JsonMappingException.Reference step = path.get(i);
                if (step.getFieldName() != null) {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        return Optional.empty();
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME && !step.getFieldName().equals(p.currentName())) {
                        p.nextToken();
                        p.skipChildren();
                    }
                    if (p.currentToken() != JsonToken.FIELD_NAME) {
                        return Optional.empty();
                    }
                    if (i == path.size() - 1) {
                        return Optional.of(p.currentTokenLocation());
                    }
                    p.nextToken();
                } else {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        return Optional.empty();
                    }
                    for (int n = 0; n <= step.getIndex(); n++) {
                        if (p.nextToken() == JsonToken.END_ARRAY) {
                            return Optional.empty();
                        }
                        if (n < step.getIndex()) {
                            p.skipChildren();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // The text did not parse the second time either: no better position than Jackson's.
        }
        return Optional.empty();
    }

    /** {@code FILE: reason} for a file that cannot be read at all. */
    public static String describe(Path file, IOException e) {
        return file + ": " + reason(file, e);
    }

    /** Why a file could not be read, without repeating its name (the JDK's messages often are just the name). */
    public static String reason(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (file != null && Files.isDirectory(file)) {
            return "is a directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        String message = e.getMessage();
        if (message == null || message.isBlank() || (file != null && message.contains(file.toString()))) {
            return "cannot be read";
        }
        return lowerFirst(message.lines().findFirst().orElse(message));
    }

    /** {@code :LINE:COL}, or nothing when the position is unknown (e.g. a value read from a tree). */
    public static String position(JsonProcessingException e) {
        MarkedYAMLException yaml = cause(e, MarkedYAMLException.class);
        if (yaml != null && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
        }
        return position(e.getLocation());
    }

    /**
     * {@code :LINE:COL} of a parser's location (for readers that walk tokens and find the mistake themselves),
     * {@code :LINE} without a column, or nothing when unknown.
     */
    public static String position(JsonLocation at) {
        if (at == null || at.getLineNr() <= 0) {
            return "";
        }
        return ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
    }

    /** The reason alone, led by the field's path when there is one: {@code a.b[2].c: expected a string, got a list}. */
    public static String reason(JsonProcessingException e) {
        return reason(e, "");
    }

    private static String reason(JsonProcessingException e, String pathPrefix) {
        MarkedYAMLException yaml = cause(e, MarkedYAMLException.class);
        if (yaml != null) {
            return "not valid YAML: " + yamlReason(yaml);
        }
        JsonParseException syntax = cause(e, JsonParseException.class);
        if (syntax != null) {
            return "not valid JSON: " + syntaxReason(syntax.getOriginalMessage());
        }
        if (e instanceof JsonMappingException m) {
            List<JsonMappingException.Reference> refs = m.getPath();
            if (m instanceof UnrecognizedPropertyException u) {
                // The path ends at the unknown field itself; name the object that does not have it.
                return withPath(pathPrefix, path(refs.subList(0, Math.max(0, refs.size() - 1))), unknownField(u));
            }
            return withPath(pathPrefix, path(refs), mappingReason(m));
        }
        return plain(e.getOriginalMessage());
    }

    /** Jackson's path as a user writes it: {@code regionInventories[0].instances[2].instanceId}. */
    public static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** True for the mapping error Jackson raises on input with no value at all (empty or blank). */
    public static boolean isEmptyInput(JsonProcessingException e) {
        return e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("No content to map due to end-of-input");
    }

    private static String withPath(String prefix, String path, String reason) {
        String full = path.isEmpty() || path.startsWith("[") ? prefix.replaceFirst("\\.$", "") + path : prefix + path;
        return full.isEmpty() ? reason : full + ": " + reason;
    }

    private static String mappingReason(JsonMappingException m) {
        if (m instanceof ValueInstantiationException) {
            Throwable root = m;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root == m ? plain(m.getOriginalMessage()) : plain(root.getMessage());
        }
        if (m instanceof InvalidFormatException f) {
            return "expected " + expected(f.getTargetType()) + ", got " + quoted(f.getValue())
                    + quoteHint(f, f.getValue() instanceof Number);
        }
        if (isEmptyInput(m)) {
            return "no content";
        }
        if (m instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            String got = got(mi.getOriginalMessage());
            return "expected " + expected(mi.getTargetType()) + (got == null ? "" : ", got " + got)
                    + quoteHint(mi, got != null && got.startsWith("a number"));
        }
        return plain(m.getOriginalMessage());
    }

    /** YAML reads 111122223333 as a number, so an account id must be written "111122223333". */
    private static String quoteHint(MismatchedInputException e, boolean gotNumber) {
        Object parser = e.getProcessor();
        while (parser instanceof JsonParserDelegate d) {
            parser = d.delegate();
        }
        boolean wantsText = e.getTargetType() != null && CharSequence.class.isAssignableFrom(e.getTargetType());
        return gotNumber && wantsText && parser instanceof YAMLParser ? "; quote it in YAML" : "";
    }

    private static String unknownField(UnrecognizedPropertyException u) {
        Collection<Object> known = u.getKnownPropertyIds();
        String expected = known == null || known.isEmpty() ? ""
                : " (expected " + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        return "unknown field '" + u.getPropertyName() + "'" + expected;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a timestamp (e.g. 2026-01-31T12:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return "an object";
    }

    private static String expected(JavaType type) {
        return expected(type == null ? null : type.getRawClass());
    }

    private static String got(String message) {
        if (message == null) {
            return null;
        }
        Matcher coerce = COERCE.matcher(message);
        if (coerce.find()) {
            return shapeAndValue(coerce.group(1), coerce.group(2));
        }
        Matcher value = FROM_VALUE.matcher(message);
        if (value.find()) {
            return shapeAndValue(value.group(1), value.group(2));
        }
        Matcher shape = GOT_SHAPE.matcher(message);
        return shape.find() ? shape(shape.group(1)) : null;
    }

    private static String shapeAndValue(String jacksonShape, String value) {
        if (jacksonShape.equals("String")) {
            // Jackson quotes the value one way or the other, depending on the message.
            return "'" + value.replaceAll("^[\"']|[\"']$", "") + "'";
        }
        return shape(jacksonShape) + " (" + value + ")";
    }

    private static String shape(String jacksonShape) {
        return switch (jacksonShape) {
            case "Object" -> "an object";
            case "Array" -> "a list";
            case "String" -> "a string";
            case "Integer", "Floating-point", "Number" -> "a number";
            case "Boolean" -> "true/false";
            default -> "null";
        };
    }

    private static String quoted(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return value instanceof Number ? "a number (" + value + ")" : String.valueOf(value);
    }

    private static String yamlReason(MarkedYAMLException y) {
        String problem = y.getProblem() == null ? "" : y.getProblem().strip();
        String context = y.getContext() == null ? "" : y.getContext().strip();
        if (!context.isEmpty() && y.getContextMark() != null) {
            context += " that starts at line " + (y.getContextMark().getLine() + 1);
        }
        if (problem.isEmpty()) {
            return context.isEmpty() ? "syntax error" : context;
        }
        return context.isEmpty() ? problem : problem + " (" + context + ")";
    }

    private static String syntaxReason(String message) {
        String text = firstLine(message);
        Matcher start = START_MARKER.matcher(text);
        String opened = start.find() ? start.group(1) : null;
        text = START_MARKER.matcher(text).replaceAll("");
        if (text.startsWith("Unexpected end-of-input")) {
            String what = text.contains("marker for Array") ? "a '[' " : text.contains("marker for Object") ? "a '{' " : null;
            return what == null ? "unexpected end of file"
                    : "unexpected end of file: " + what + (opened == null ? "" : "opened at line " + opened + " ") + "is not closed";
        }
        Matcher starting = STARTING_AT.matcher(text);
        if (starting.find()) {
            String open = starting.group(1).equals("Array") ? "'['" : "'{'";
            text = text.substring(0, starting.start()) + " (to close the " + open + " opened at line " + starting.group(2) + ")"
                    + text.substring(starting.end());
        }
        return plain(CHAR_CODE.matcher(text).replaceAll("'$1'"));
    }

    /** First line, without Jackson's source excerpt and with Java types by their simple names. */
    private static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "invalid value";
        }
        String text = firstLine(message);
        int source = text.indexOf(" at [Source");
        text = source < 0 ? text : text.substring(0, source);
        int cls = text.indexOf(" (class ");
        text = cls < 0 ? text : text.substring(0, cls);
        return lowerFirst(JAVA_TYPE.matcher(text).replaceAll("$1").strip());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))
                ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
