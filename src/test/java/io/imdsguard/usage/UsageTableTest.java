package io.imdsguard.usage;

import io.imdsguard.evidence.MetadataNoTokenCounts;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The usage table's order, cutting and colour, and the window's period, without AWS. */
class UsageTableTest {
    static final UsageWindow WINDOW = UsageWindow.lastDays(1,
            Clock.fixed(Instant.parse("2026-12-01T21:09:42.123Z"), ZoneOffset.UTC));

    static InstanceUsage usage(String id, String name, Long calls, Long rejected) {
        return new InstanceUsage("123456789012", "us-east-1", id, name, "running",
                new MetadataNoTokenCounts(1, WINDOW.from(), WINDOW.to(), calls, rejected));
    }

    static UsageResult result(InstanceUsage... instances) {
        return new UsageResult(List.of("123456789012"), List.of("us-east-1"), WINDOW, List.of(instances), List.of(), List.of());
    }

    static String render(UsageResult r, boolean colour, OptionalInt columns) throws Exception {
        StringWriter out = new StringWriter();
        UsageTable.write(r, colour, columns, out);
        return out.toString();
    }

    @Test
    void theWindowEndsAtAWholeMinuteAndIsOnePeriod() {
        assertThat(WINDOW.to()).isEqualTo(Instant.parse("2026-12-01T21:09:00Z"));
        assertThat(WINDOW.from()).isEqualTo(WINDOW.to().minus(Duration.ofDays(1)));
        assertThat(WINDOW.periodSeconds()).isEqualTo(86400).matches(p -> p % 3600 == 0);
        assertThat(UsageWindow.lastDays(455, Clock.systemUTC()).periodSeconds()).isEqualTo(455 * 86400);
        assertThatThrownBy(() -> UsageWindow.lastDays(456, Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void heaviestFirstThenZeroThenNoDataThenUnread() throws Exception {
        InstanceUsage unread = new InstanceUsage("123456789012", "us-east-1", "i-00000000000000005", null, "stopped", null);
        String table = render(result(usage("i-00000000000000001", "zero", 0L, null), unread,
                usage("i-00000000000000002", "none", null, null), usage("i-00000000000000003", "few", 3L, null),
                usage("i-00000000000000004", "many", 300L, 2L)), false, OptionalInt.empty());
        List<String> ids = table.lines().skip(1).filter(l -> l.startsWith("i-")).map(l -> l.substring(0, 19)).toList();
        assertThat(ids).containsExactly("i-00000000000000004", "i-00000000000000003", "i-00000000000000001",
                "i-00000000000000002", "i-00000000000000005");
        assertThat(table).endsWith("2 of 5 instances called IMDSv1 in the last day; 1 had calls rejected;"
                + " 1 had no CloudWatch data; 1 could not be read (gaps)" + System.lineSeparator());
    }

    @Test
    void onATerminalNamesAreCutToTheWidthAndCallersAreRed() throws Exception {
        UsageResult r = result(usage("i-00000000000000001", "a-very-long-name-for-a-legacy-batch-host", 5L, null),
                usage("i-00000000000000002", "quiet", 0L, null));
        String wide = render(r, false, OptionalInt.empty());
        assertThat(wide).contains("a-very-long-name-for-a-legacy-batch-host");
        String cut = render(r, true, OptionalInt.of(80));
        assertThat(cut.lines().filter(l -> l.contains("i-00000000000000001")).findFirst().orElseThrow())
                .startsWith("\u001b[31m").endsWith("\u001b[0m").contains("…").doesNotContain("batch-host");
        assertThat(cut.lines().filter(l -> l.contains("i-00000000000000002")).findFirst().orElseThrow())
                .doesNotContain("\u001b[");
        assertThat(cut.lines().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "")).filter(l -> l.startsWith("i-")))
                .allMatch(l -> l.length() <= 80);
    }

    @Test
    void aNameTagCannotDriveTheTerminal() throws Exception {
        String table = render(result(usage("i-00000000000000001", "web\u001b]0;owned\u0007-1\u001b[2J", 5L, null)),
                false, OptionalInt.empty());

        assertThat(table).doesNotContain("\u001b").doesNotContain("\u0007").contains("web?]0;owned?-1?[2J");
    }
}
