package dev.cidrstudio.console.kubectl;

import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code text/tabwriter} (left-aligned, space padding): cells are tab-terminated, the text after the last tab
 * of a line is not part of a column, and a column's width is set per block of consecutive lines that have a cell
 * in it. kubectl's tables use (minwidth 6, padding 3); {@code describe} uses (minwidth 0, padding 2).
 */
public final class TabWriter {

    public static final TabWriter KUBECTL_TABLE = new TabWriter(6, 3);
    public static final TabWriter KUBECTL_DESCRIBE = new TabWriter(0, 2);

    private final int minWidth;
    private final int padding;

    public TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** Formats text whose lines hold tab-separated cells. A trailing newline is kept. */
    public String format(String text) {
        List<String[]> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (String line : raw) {
            lines.add(line.split("\t", -1));
        }
        StringBuilder out = new StringBuilder();
        List<Integer> widths = new ArrayList<>();
        format(out, lines, widths, 0, lines.size());
        // split() gave one extra empty "line" after a trailing newline; drop its newline.
        if (text.endsWith("\n") && out.length() > 0) {
            out.setLength(out.length() - 1);
        } else if (!text.endsWith("\n") && out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private void format(StringBuilder out, List<String[]> lines, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        int start = line0;
        for (int t = line0; t < line1; t++) {
            if (column >= lines.get(t).length - 1) {
                continue;
            }
            writeLines(out, lines, widths, start, t);
            start = t;
            int width = minWidth;
            int end = t;
            for (; end < line1; end++) {
                String[] line = lines.get(end);
                if (column >= line.length - 1) {
                    break;
                }
                int w = line[column].codePointCount(0, line[column].length()) + padding;
                if (w > width) {
                    width = w;
                }
            }
            widths.add(width);
            format(out, lines, widths, start, end);
            widths.remove(widths.size() - 1);
            start = end;
            t = end - 1;
        }
        writeLines(out, lines, widths, start, line1);
    }

    private static void writeLines(StringBuilder out, List<String[]> lines, List<Integer> widths, int from, int to) {
        for (int i = from; i < to; i++) {
            String[] cells = lines.get(i);
            for (int j = 0; j < cells.length; j++) {
                String c = cells[j];
                out.append(c);
                if (j < widths.size() && j < cells.length - 1) {
                    int pad = widths.get(j) - c.codePointCount(0, c.length());
                    out.append(" ".repeat(Math.max(0, pad)));
                }
            }
            out.append('\n');
        }
    }
}
