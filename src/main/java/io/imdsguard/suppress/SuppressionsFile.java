package io.imdsguard.suppress;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.AccountIds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A suppressions file ({@code scan --suppressions FILE}, docs/suppressions.md), read strictly: an unknown
 * key, a missing reason, a date that is not {@code YYYY-MM-DD}, a tag that is not {@code Key=Value}, an
 * account that is not twelve digits or
 * an entry that would match every finding is an error naming {@code FILE:LINE:COL} and the key, since a
 * suppression that silently means something else hides findings.
 * <pre>
 * suppressions:
 *   - ruleId: IMDS-001
 *     resourceId: i-0abc...
 *     reason: "accepted until the Q3 migration"
 *     expires: 2027-03-31
 * </pre>
 * The file is walked token by token rather than mapped onto records, so that each entry and each key
 * keeps its line for the messages.
 *
 * @param source  the file as the user named it; entries are called {@code source#N}
 */
public record SuppressionsFile(String source, List<SuppressionEntry> entries) {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String LIST = "suppressions";
    private static final Set<String> KEYS = new TreeSet<>(
            Set.of("ruleId", "resourceId", "account", "region", "tag", "reason", "expires"));

    public SuppressionsFile {
        entries = List.copyOf(entries);
    }

    /** Reads and checks {@code file}. */
    public static SuppressionsFile load(Path file) throws SuppressionsException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new SuppressionsException(file + ": is a directory", null);
            }
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SuppressionsException(InputErrors.describe(file, e), e);
        }
        return parse(text, file.toString());
    }

    /** Parses suppressions YAML; {@code source} names it in errors and in each entry's name. */
    public static SuppressionsFile parse(String text, String source) throws SuppressionsException {
        if (text.isBlank()) {
            throw new SuppressionsException(source + ": empty file (expected 'suppressions:' and a list of entries)",
                    null);
        }
        try (JsonParser p = YAML.createParser(text)) {
            return new Reader(p, source).document();
        } catch (JsonProcessingException e) {
            throw new SuppressionsException(InputErrors.describe(source, e), e);
        } catch (IOException e) {
            throw new SuppressionsException(source + ": " + e.getMessage(), e);
        }
    }

    /** One pass over the tokens of one file. */
    private record Reader(JsonParser p, String source) {
        SuppressionsFile document() throws IOException, SuppressionsException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(p.currentTokenLocation(), "expected a mapping with a 'suppressions:' list");
            }
            List<SuppressionEntry> entries = new ArrayList<>();
            boolean seen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                if (!LIST.equals(key)) {
                    throw error(at, "unknown key '" + key + "' (expected suppressions)");
                }
                if (seen) {
                    throw error(at, "'suppressions' appears twice");
                }
                seen = true;
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw error(p.currentTokenLocation(), "suppressions: expected a list of entries (- reason: ...)");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    entries.add(entry(entries.size()));
                }
            }
            if (!seen) {
                throw error(p.currentTokenLocation(), "missing 'suppressions:' (the list of entries)");
            }
            return new SuppressionsFile(source, entries);
        }

        private SuppressionEntry entry(int index) throws IOException, SuppressionsException {
            String path = LIST + "[" + index + "]";
            JsonLocation start = p.currentTokenLocation();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(start, path + ": expected a mapping (ruleId:, resourceId:, ..., reason:)");
            }
            Map<String, String> values = new HashMap<>();
            Map<String, JsonLocation> lines = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                if (!KEYS.contains(key)) {
                    throw error(at, path + ": unknown key '" + key + "' (expected one of "
                            + String.join(", ", KEYS) + ")");
                }
                if (values.containsKey(key)) {
                    throw error(at, path + "." + key + ": given twice");
                }
                values.put(key, scalar(path + "." + key, at));
                lines.put(key, at);
            }
            return build(index, path, start, values, lines);
        }

        /** A key's value as text: YAML reads 111122223333 as a number and 2027-03-31 as a string; both are text. */
        private String scalar(String path, JsonLocation at) throws IOException, SuppressionsException {
            JsonToken token = p.nextToken();
            if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
                throw error(at, path + ": expected one value, got a " + (token == JsonToken.START_ARRAY ? "list"
                        : "mapping") + " (write one entry per value)");
            }
            String text = token == JsonToken.VALUE_NULL ? null : p.getText();
            if (text == null || text.isBlank()) {
                throw error(at, path + ": no value");
            }
            return text.strip();
        }

        private SuppressionEntry build(int index, String path, JsonLocation start, Map<String, String> values,
                                       Map<String, JsonLocation> lines) throws SuppressionsException {
            if (!values.containsKey("reason")) {
                throw error(start, path + ": missing 'reason' (say why the finding is accepted; it is shown"
                        + " wherever the finding is)");
            }
            LocalDate expires = null;
            if (values.containsKey("expires")) {
                try {
                    expires = LocalDate.parse(values.get("expires"));
                } catch (DateTimeParseException e) {
                    throw error(lines.get("expires"), path + ".expires: expected a date YYYY-MM-DD (the last day the"
                            + " entry applies), got '" + values.get("expires") + "'");
                }
            }
            TagMatch tag = null;
            if (values.containsKey("tag")) {
                try {
                    tag = TagMatch.parse(values.get("tag"));
                } catch (IllegalArgumentException e) {
                    throw error(lines.get("tag"), path + ".tag: " + e.getMessage());
                }
            }
            if (values.containsKey("account") && !AccountIds.valid(values.get("account"))) {
                // An 11-digit typo would otherwise only warn "matches nothing" and leave the finding failing.
                throw error(lines.get("account"), path + ".account: not an AWS account id (12 digits): '"
                        + values.get("account") + "'");
            }
            if (values.keySet().stream().allMatch(k -> k.equals("reason") || k.equals("expires"))) {
                throw error(start, path + ": no ruleId, resourceId, account, region or tag: the entry would suppress"
                        + " every finding (name at least one; to stop failing on everything use --fail-on none)");
            }
            String where = source + ":" + start.getLineNr();
            return new SuppressionEntry(source + "#" + (index + 1), where, values.get("ruleId"),
                    values.get("resourceId"), values.get("account"), values.get("region"), tag, values.get("reason"),
                    expires);
        }

        private SuppressionsException error(JsonLocation at, String message) {
            return new SuppressionsException(source + InputErrors.position(at) + ": " + message, null);
        }
    }
}
