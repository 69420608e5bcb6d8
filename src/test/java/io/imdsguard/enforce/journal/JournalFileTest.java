package io.imdsguard.enforce.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imdsguard.enforce.MetadataSettings;
import io.imdsguard.enforce.instances.CutShortRecovery;
import io.imdsguard.enforce.journal.JournalLine.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalFileTest {
    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final MetadataSettings OPEN = new MetadataSettings("optional", "enabled", 2, "disabled", "disabled", "applied");
    private static final MetadataSettings CLOSED = OPEN.with("required", "enabled");

    @TempDir
    Path dir;

    private static JournalLine before(String run, String target, List<String> undoes) {
        return JournalLine.before(run, JournalLine.INSTANCE, undoes, "123456789012", "us-east-1", target, null, AT, OPEN);
    }

    @Test
    void pairsLinesAndListsWhatToUndoNewestFirst() throws Exception {
        Path file = dir.resolve("j.jsonl");
        try (JournalWriter w = JournalWriter.open(file)) {
            JournalLine a = before("r1", "i-0000000000000000a", List.of());
            JournalLine b = before("r1", "i-0000000000000000b", List.of());
            JournalLine c = before("r1", "i-0000000000000000c", List.of());
            w.write(a);
            w.write(b);
            w.write(c);
            w.write(a.after(AT, CLOSED, Result.CHANGED, null));
            w.write(b.after(AT, OPEN, Result.FAILED, "UnauthorizedOperation: no"));
            w.write(c.after(AT, CLOSED, Result.PENDING_START, null));
        }
        JournalFile journal = JournalFile.read(file, false);
        assertThat(journal.changes()).hasSize(3);
        assertThat(journal.warnings()).isEmpty();
        assertThat(journal.toUndo()).extracting(JournalChange::id).containsExactly("r1/i-0000000000000000c", "r1/i-0000000000000000a");
        assertThat(journal.changes().get(0).after().state()).isEqualTo(CLOSED);
    }

    @Test
    void aChangeCutShortIsStillToUndoAndAFinishedRollbackClosesIt() throws Exception {
        Path file = dir.resolve("j.jsonl");
        JournalLine a = before("r1", "i-0000000000000000a", List.of());
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(a);
        }
        JournalFile cut = JournalFile.read(file, false);
        assertThat(cut.cutShort()).hasSize(1);
        assertThat(cut.toUndo()).extracting(JournalChange::id).containsExactly("r1/i-0000000000000000a");

        JournalLine undo = before("r2", "i-0000000000000000a", List.of(a.change()));
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(undo);
        }
        // A rollback cut short undid nothing for sure.
        assertThat(JournalFile.read(file, false).toUndo()).hasSize(1);
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(undo.after(AT, OPEN, Result.RESTORED, null));
        }
        JournalFile undone = JournalFile.read(file, false);
        assertThat(undone.toUndo()).isEmpty();
        assertThat(undone.undone()).containsExactly(a.change());
        // Still cut short, but settled by the rollback: a rerun of enforce has nothing to recover.
        assertThat(undone.cutShort()).hasSize(1);
        assertThat(CutShortRecovery.open(undone, "123456789012")).isEmpty();
        assertThat(undone.runs()).containsExactly("r1");
    }

    @Test
    void aLastLineCutMidWriteIsSetAsideAndTheNextWriteStartsAFreshLine() throws Exception {
        Path file = dir.resolve("j.jsonl");
        JournalLine a = before("r1", "i-0000000000000000a", List.of());
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(a);
        }
        Files.writeString(file, "{\"schemaVersion\":1,\"run\":\"r1\",\"chan", java.nio.file.StandardOpenOption.APPEND);
        JournalFile read = JournalFile.read(file, false);
        assertThat(read.warnings()).singleElement().asString().contains("j.jsonl:2").contains("cut short");
        assertThat(read.changes()).hasSize(1);

        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(a.after(AT, CLOSED, Result.CHANGED, null));
        }
        // The cut line now sits in the middle, and is still only set aside: the journal must stay usable.
        JournalFile again = JournalFile.read(file, false);
        assertThat(again.warnings()).singleElement().asString().contains("j.jsonl:2: line cut short");
        assertThat(again.toUndo()).extracting(JournalChange::id).containsExactly("r1/i-0000000000000000a");
    }

    @Test
    void aLineCutInsideAMultiByteCharacterIsSetAsideNotFatal() throws Exception {
        Path file = dir.resolve("j.jsonl");
        JournalLine named = JournalLine.before("r1", JournalLine.INSTANCE, List.of(), "123456789012", "us-east-1",
                "i-0000000000000000a", "caf\u00e9-\u00fcber", AT, OPEN);
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(named);
            w.write(named.after(AT, CLOSED, Result.CHANGED, null));
        }
        byte[] whole = Files.readAllBytes(file);
        byte[] secondLine = Arrays.copyOfRange(whole, new String(whole, StandardCharsets.UTF_8)
                .indexOf('\n') + 1, whole.length);
        int cut = new String(secondLine, StandardCharsets.ISO_8859_1).indexOf('\u00c3') + 1;
        Files.write(file, Arrays.copyOf(whole, whole.length - secondLine.length + cut));

        JournalFile read = JournalFile.read(file, false);
        assertThat(read.warnings()).singleElement().asString().contains("cut short");
        assertThat(read.changes()).singleElement().satisfies(c -> {
            assertThat(c.cutShort()).isTrue();
            assertThat(c.before().name()).isEqualTo("caf\u00e9-\u00fcber");
        });
    }

    @Test
    void malformedJournalsAreRefusedNamingTheLine() throws Exception {
        Path file = dir.resolve("j.jsonl");
        Files.writeString(file, "{\"schemaVersion\":1,\"run\":\"r\",\"change\":\"r/i-1\",\"phase\":\"after\",\"action\":\""
                + JournalLine.INSTANCE + "\",\"region\":\"us-east-1\",\"target\":\"i-1\",\"result\":\"changed\"}\n");
        assertThatThrownBy(() -> JournalFile.read(file, false)).hasMessageContaining("j.jsonl:1: change r/i-1 ends before it begins");

        Files.writeString(file, "{\"schemaVersion\":1,\"run\":\"r\",\"change\":\"r/i-1\",\"phase\":\"before\",\"action\":\"reboot\","
                + "\"region\":\"us-east-1\",\"target\":\"i-1\",\"state\":{}}\n");
        assertThatThrownBy(() -> JournalFile.read(file, false)).hasMessageContaining("unknown action 'reboot'");

        assertThatThrownBy(() -> JournalFile.read(dir.resolve("none.jsonl"), false)).hasMessageContaining("no such file");
        assertThat(JournalFile.read(dir.resolve("none.jsonl"), true).changes()).isEmpty();
    }

    /** The run after a crash appends below the cut line: the file must stay readable, damage must not. */
    @Test
    void aCutLineWithLinesAppendedAfterItIsSetAsideButDamageIsNot() throws Exception {
        Path file = dir.resolve("j.jsonl");
        JournalLine a = before("r1", "i-0000000000000000a", List.of());
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(a);
        }
        Files.writeString(file, Files.readString(file) + "{\"schemaVersion\":1,\"run\":\"r1\",\"cha");
        try (JournalWriter w = JournalWriter.open(file)) {
            w.write(a.after(AT, CLOSED, Result.CHANGED, null));
        }
        JournalFile read = JournalFile.read(file, false);
        assertThat(read.warnings()).singleElement().asString().contains(file + ":2: line cut short");
        assertThat(read.cutShort()).isEmpty();

        Path damaged = dir.resolve("d.jsonl");
        Files.writeString(damaged, "{\"schemaVersion\": 1, \"run\": }\n");
        Files.writeString(damaged, Files.readString(damaged) + Files.readString(file));
        assertThatThrownBy(() -> JournalFile.read(damaged, false)).isInstanceOf(JournalFormatException.class)
                .hasMessageContaining(damaged + ":1");
    }
    /** A kill can stop the writer at any byte of a line, not only between two fields. */
    @Test
    void aLineCutAtAnyPointWithALineAppendedAfterItIsSetAside() throws Exception {
        JournalLine a = before("r1", "i-0000000000000000a", List.of());
        JournalLine b = before("r1", "i-0000000000000000b", List.of());
        Path whole = dir.resolve("whole.jsonl");
        try (JournalWriter w = JournalWriter.open(whole)) {
            w.write(a);
            w.write(b);
        }
        List<String> lines = Files.readAllLines(whole);
        String cutOne = lines.get(1);
        for (int keep = 1; keep < cutOne.length(); keep++) {
            Path file = dir.resolve("cut-" + keep + ".jsonl");
            Files.writeString(file, lines.get(0) + "\n" + cutOne.substring(0, keep));
            try (JournalWriter w = JournalWriter.open(file)) {
                w.write(a.after(AT, CLOSED, Result.CHANGED, null));
            }
            JournalFile read = JournalFile.read(file, false);
            assertThat(read.warnings()).as("cut after %d characters: %s", keep, cutOne.substring(0, keep))
                    .singleElement().asString().contains(file + ":2: line cut short");
            assertThat(read.toUndo()).extracting(JournalChange::id).containsExactly("r1/i-0000000000000000a");
        }
    }
}
