package io.imdsguard.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of an {@link AttackPath} as SVG geometry: a column per kind of node, boxes stacked in each
 * column and centred vertically, curves from the right edge of one box to the left edge of the next. The
 * template writes the markup, so every text from AWS is escaped by the template engine like the rest of
 * the page; this class only measures and cuts labels to fit their boxes (the full text is the tooltip).
 *
 * @param width  the picture's width in CSS pixels
 * @param height the picture's height in CSS pixels
 */
record AttackPathSvg(int width, int height, List<Box> nodes, List<Curve> edges) {
    static final int BOX_WIDTH = 186;
    static final int BOX_HEIGHT = 54;
    static final int COLUMN_GAP = 24;
    static final int ROW_GAP = 14;
    static final int MARGIN = 8;
    /** Characters that fit a box in the page's 12px sans-serif (measured loosely: labels are ids and names). */
    private static final int LABEL_CHARS = 21;
    private static final int DETAIL_CHARS = 26;

    /** One box: where it is, its CSS class (the node's kind), and its three lines of text. */
    record Box(int x, int y, String css, String kind, String label, String detail, String title) {
        public int w() {
            return BOX_WIDTH;
        }

        public int h() {
            return BOX_HEIGHT;
        }

        public int textX() {
            return x + 10;
        }

        public int kindY() {
            return y + 15;
        }

        public int labelY() {
            return y + 32;
        }

        public int detailY() {
            return y + 47;
        }
    }

    /** One edge as an SVG path ({@code d} attribute). */
    record Curve(String d) {
    }

    static AttackPathSvg of(AttackPath graph) {
        Map<AttackPath.Kind, List<AttackPath.Node>> columns = graph.columns();
        int rows = columns.values().stream().mapToInt(List::size).max().orElse(1);
        int height = 2 * MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
        int width = 2 * MARGIN + columns.size() * BOX_WIDTH + (columns.size() - 1) * COLUMN_GAP;
        List<Box> boxes = new ArrayList<>();
        Map<String, Box> byId = new HashMap<>();
        int column = 0;
        for (List<AttackPath.Node> nodes : columns.values()) {
            int x = MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
            int stack = nodes.size() * BOX_HEIGHT + (nodes.size() - 1) * ROW_GAP;
            int top = (height - stack) / 2;
            for (int row = 0; row < nodes.size(); row++) {
                AttackPath.Node n = nodes.get(row);
                Box box = new Box(x, top + row * (BOX_HEIGHT + ROW_GAP),
                        n.kind().name().toLowerCase(java.util.Locale.ROOT), n.caption(),
                        fit(Printable.of(n.label()), LABEL_CHARS), fit(Printable.of(n.detail()), DETAIL_CHARS),
                        Printable.of(n.full()));
                boxes.add(box);
                byId.put(AttackPath.id(n), box);
            }
            column++;
        }
        List<Curve> curves = new ArrayList<>();
        for (AttackPath.Edge e : graph.edges()) {
            Box from = byId.get(e.from());
            Box to = byId.get(e.to());
            int x1 = from.x() + BOX_WIDTH;
            int y1 = from.y() + BOX_HEIGHT / 2;
            int x2 = to.x() - 4;
            int y2 = to.y() + BOX_HEIGHT / 2;
            int mid = (x1 + x2) / 2;
            curves.add(new Curve("M" + x1 + " " + y1 + " C" + mid + " " + y1 + " " + mid + " " + y2 + " "
                    + x2 + " " + y2));
        }
        return new AttackPathSvg(width, height, boxes, curves);
    }

    private static String fit(String text, int chars) {
        if (text == null || text.length() <= chars) {
            return text;
        }
        return text.substring(0, chars - 1) + "…";
    }
}
