package io.imdsguard.enforce.journal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imdsguard.input.InputErrors;
import io.imdsguard.inventory.SnapshotIO;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A journal read back: its lines paired into {@link JournalChange}s, in the order they were begun.
 *
 * <p>Reading is strict, since a rollback acts on what it says: a malformed line is an error naming
 * {@code file:line}. The one exception is a last line without its newline that does not parse: the
 * writer was killed in the middle of it, and it is set aside with a warning.
 */
public record JournalFile(Path file, List<JournalChange> changes, List<String> warnings) {
    private static final ObjectMapper MAPPER = SnapshotIO.mapper();

    public JournalFile {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    /** Reads {@code file}; a file that does not exist reads as an empty journal only when {@code mayBeNew}. */
    public static JournalFile read(Path file, boolean mayBeNew) throws JournalFormatException {
        if (mayBeNew && !Files.exists(file)) {
            return new JournalFile(file, List.of(), List.of());
        }
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new JournalFormatException(file + ": is a directory", null);
            }
            // Not readString: a run killed in the middle of a non-ASCII Name tag leaves half a character,
            // which would make the whole journal unreadable; decoding replaces it, and its cut line is set aside.
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new JournalFormatException(InputErrors.describe(file, e), e);
        }
        List<String> warnings = new ArrayList<>();
        Map<String, JournalLine> befores = new LinkedHashMap<>();
        Map<String, JournalLine> afters = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        // The element after the last '\n' is "" for a whole file, the cut line otherwise.
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            boolean lastAndCut = i == lines.length - 1;
            JournalLine line;
            try {
                line = MAPPER.readValue(raw, JournalLine.class);
            } catch (JsonProcessingException e) {
                if (lastAndCut) {
                    warnings.add(where + ": last line cut short (the run was stopped while writing it); ignored");
                    continue;
                }
                // The next run's writer ends a cut line with a newline and appends after it, so a cut line can
                // sit anywhere: JSON that stops early is one; JSON that goes wrong elsewhere is damage.
                if (stopsEarly(raw)) {
                    warnings.add(where + ": line cut short (a run was stopped while writing it); ignored");
                    continue;
                }
                throw new JournalFormatException(where + ": " + InputErrors.reason(e), e);
            }
            check(where, line);
            Map<String, JournalLine> into = line.phase() == JournalLine.Phase.BEFORE ? befores : afters;
            if (into.putIfAbsent(line.change(), line) != null) {
                throw new JournalFormatException(where + ": change " + line.change() + " has a second "
                        + line.phase().name().toLowerCase(Locale.ROOT) + " line", null);
            }
            if (line.phase() == JournalLine.Phase.AFTER && !befores.containsKey(line.change())) {
                throw new JournalFormatException(where + ": change " + line.change() + " ends before it begins"
                        + " (an after line with no before line above it)", null);
            }
        }
        List<JournalChange> changes = new ArrayList<>();
        befores.forEach((id, before) -> changes.add(new JournalChange(before, afters.get(id))));
        return new JournalFile(file, changes, warnings);
    }

    /**
     * Whether {@code raw} is the start of a JSON text that the end of the line broke off: the parser
     * ran out of input (inside a string, after a comma, before a closing brace...) before any wrong
     * character. Read token by token, since a mapping error would hide where the parser stopped.
     */
    private static boolean stopsEarly(String raw) {
        try (JsonParser parser = MAPPER.createParser(raw)) {
            while (parser.nextToken() != null) {
                // Only the syntax matters here.
            }
            return false;
        } catch (JsonEOFException e) {
            return true;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return at != null && at.getCharOffset() >= raw.length();
        } catch (IOException e) {
            return false;
        }
    }

    private static void check(String where, JournalLine line) throws JournalFormatException {
        if (line.schemaVersion() != JournalLine.SCHEMA_VERSION) {
            throw new JournalFormatException(where + ": schemaVersion " + line.schemaVersion()
                    + " is not supported (this imdsguard reads " + JournalLine.SCHEMA_VERSION + ")", null);
        }
        for (String[] field : new String[][] {{"run", line.run()}, {"change", line.change()}, {"action", line.action()},
            {"region", line.region()}, {"target", line.target()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new JournalFormatException(where + ": " + field[0] + " is missing", null);
            }
        }
        if (line.phase() == null) {
            throw new JournalFormatException(where + ": phase is missing (before or after)", null);
        }
        if (!JournalLine.INSTANCE.equals(line.action()) && !JournalLine.REGION_DEFAULTS.equals(line.action())) {
            throw new JournalFormatException(where + ": unknown action '" + line.action() + "' (expected "
                    + JournalLine.INSTANCE + " or " + JournalLine.REGION_DEFAULTS + ")", null);
        }
        if (line.phase() == JournalLine.Phase.AFTER && line.result() == null) {
            throw new JournalFormatException(where + ": an after line needs a result", null);
        }
        if (line.phase() == JournalLine.Phase.BEFORE && line.state() == null) {
            throw new JournalFormatException(where + ": a before line needs the state it replaces", null);
        }
    }

    /**
     * The ids of the changes a finished rollback change names: restored, or found gone (nothing left to
     * undo). A rollback cut short undid nothing for sure, so it names none.
     */
    public Set<String> undone() {
        Set<String> undone = new HashSet<>();
        for (JournalChange c : changes) {
            if (c.isRollback() && !c.cutShort() && (c.after().result() == JournalLine.Result.RESTORED
                    || c.after().result() == JournalLine.Result.VANISHED)) {
                undone.addAll(c.before().undoes());
            }
        }
        return undone;
    }

    /** The enforcement runs the journal holds, in the order they began. */
    public List<String> runs() {
        return changes.stream().filter(c -> !c.isRollback()).map(c -> c.before().run()).distinct().toList();
    }

    /** The changes cut short: a BEFORE line and no AFTER. */
    public List<JournalChange> cutShort() {
        return changes.stream().filter(JournalChange::cutShort).toList();
    }

    /**
     * The enforcement changes a rollback still has to undo, newest first: those that may have taken
     * effect and that no finished rollback change (one with its AFTER line, restored) names in its
     * {@code undoes}. A rollback that was itself cut short undid nothing for sure, so its changes stay;
     * one that found the instance gone closes them (nothing is left to undo).
     */
    public List<JournalChange> toUndo() {
        Set<String> undone = undone();
        List<JournalChange> pending = new ArrayList<>(changes.stream()
                .filter(c -> !c.isRollback() && c.mayHaveTakenEffect() && !undone.contains(c.id())).toList());
        Collections.reverse(pending);
        return pending;
    }
}
