package dev.cidrstudio.ui.console;

/**
 * Tabs as a terminal shows them: a tab moves to the next multiple of eight columns. A JavaFX label draws a tab with
 * no width at all, so kubectl's tab-separated output ({@code 10.1.2.3\tfoo.remote} in a hosts file) would run
 * together.
 */
final class TabStops {

    static final int WIDTH = 8;

    private TabStops() {
    }

    static String expand(String text) {
        if (text.indexOf('\t') < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + WIDTH);
        int column = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t') {
                int spaces = WIDTH - column % WIDTH;
                b.append(" ".repeat(spaces));
                column += spaces;
            } else {
                b.append(c);
                column = c == '\n' ? 0 : column + 1;
            }
        }
        return b.toString();
    }
}
