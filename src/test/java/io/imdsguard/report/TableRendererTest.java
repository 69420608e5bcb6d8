package io.imdsguard.report;

import io.imdsguard.findings.Severity;
import io.imdsguard.inventory.CollectionGap;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class TableRendererTest {
    private static final String LONG_TITLE = "Internet-reachable instance answers IMDSv1 and its role can read S3";
    private static final String ESC = "\u001b";

    private static String table(boolean wide, boolean color, OptionalInt columns) throws Exception {
        StringWriter out = new StringWriter();
        new TableRenderer().render(SampleResults.sample(), new RenderOptions(Optional.of(Severity.HIGH), wide, color, columns), out);
        return out.toString();
    }

    @Test
    void withoutATerminalWidthNothingIsCut() throws Exception {
        assertThat(table(false, false, OptionalInt.empty())).contains(LONG_TITLE).doesNotContain("…");
    }

    @Test
    void aNarrowTerminalCutsTheTitleToFitTheLine() throws Exception {
        String out = table(false, false, OptionalInt.of(100));
        assertThat(out).doesNotContain(LONG_TITLE).contains("…");
        out.lines().filter(l -> l.contains("IMDS-")).forEach(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void aWideEnoughTerminalCutsNothing() throws Exception {
        assertThat(table(false, false, OptionalInt.of(200))).contains(LONG_TITLE).doesNotContain("…");
    }

    @Test
    void wideAddsTheRemediationUnderEachFindingAndNeverCuts() throws Exception {
        String out = table(true, false, OptionalInt.of(60));
        assertThat(out).contains(LONG_TITLE).doesNotContain("…")
                .contains("    why: reachable from 3.7 billion")
                .contains("    fix: Require IMDSv2: aws ec2 modify-instance-metadata-options --region us-east-1 --instance-id i-0abc")
                .contains("    fix: Set HttpPutResponseHopLimit to 1");
        assertThat(table(false, false, OptionalInt.empty())).doesNotContain("fix:");
    }

    @Test
    void colourMarksSeveritiesAndKeepsTheColumnsAligned() throws Exception {
        String coloured = table(false, true, OptionalInt.empty());
        assertThat(coloured).contains(ESC + "[1;31mCRITICAL" + ESC + "[0m").contains(ESC + "[33mMEDIUM" + ESC + "[0m")
                .contains(ESC + "[36mLOW" + ESC + "[0m (suppressed)");
        assertThat(coloured.replaceAll(ESC + "\\[[0-9;]*m", "")).isEqualTo(table(false, false, OptionalInt.empty()));
    }

    @Test
    void noColourMeansNoEscapes() throws Exception {
        assertThat(table(true, false, OptionalInt.of(80))).doesNotContain(ESC);
    }

    @Test
    void theSameGapInManyRegionsIsOneLineAndAnUnreadAccountComesFirst() {
        List<CollectionGap> gaps = new ArrayList<>();
        for (String region : List.of("eu-west-1", "eu-west-2", "us-east-1", "us-east-2", "us-west-1", "us-west-2")) {
            gaps.add(new CollectionGap("111111111111", region, "ec2", "GetInstanceMetadataDefaults", "HTTP 500"));
        }
        gaps.add(new CollectionGap("222222222222", "global", "sts", "AssumeRole", "AccessDenied: not authorized"));
        gaps.add(new CollectionGap("111111111111", "us-east-1", "elbv2", "DescribeLoadBalancers", "Throttling"));

        assertThat(TableRenderer.gapLines(gaps)).containsExactly(
                "222222222222 global sts:AssumeRole - AccessDenied: not authorized",
                "ec2:GetInstanceMetadataDefaults - HTTP 500 (in 6 places: 111111111111 eu-west-1,"
                        + " 111111111111 eu-west-2, 111111111111 us-east-1, 111111111111 us-east-2 and 2 more)",
                "111111111111 us-east-1 elbv2:DescribeLoadBalancers - Throttling");
    }
}
