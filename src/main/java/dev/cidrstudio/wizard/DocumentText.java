package dev.cidrstudio.wizard;

/**
 * User text (a plan's file name, object names, what a rehearsal printed) made safe for the runbook's formats: a
 * shell comment stays one comment line, a shell word stays one word, Markdown text stays text.
 */
final class DocumentText {

    private DocumentText() {
    }

    /** Text for a {@code #} comment: one line, every control character written as an escape. */
    static String shellComment(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }

    /** One shell word whatever it holds: single quotes, each {@code '} written {@code '\''}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static final String MARKDOWN_SPECIALS = "\\`*_[]<>|~&";

    /** Text inside a Markdown paragraph, heading or table cell: specials escaped, on one line. */
    static String markdown(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        shellComment(s).chars().forEach(c -> {
            if (MARKDOWN_SPECIALS.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append((char) c);
        });
        return sb.toString();
    }

    /** An inline code span holding {@code s} verbatim on one line, its fence longer than any backquotes inside. */
    static String markdownCode(String s) {
        String one = shellComment(s);
        String fence = "`".repeat(longestRun(one, '`') + 1);
        boolean pad = one.startsWith("`") || one.endsWith("`") || one.isEmpty();
        return fence + (pad ? " " : "") + one + (pad ? " " : "") + fence;
    }

    /** The fence of a code block holding {@code s}: at least three backquotes, more than any run inside. */
    static String markdownFence(String s) {
        return "`".repeat(Math.max(3, longestRun(s, '`') + 1));
    }

    private static int longestRun(String s, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            run = s.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }
}
