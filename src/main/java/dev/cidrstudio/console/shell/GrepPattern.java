package dev.cidrstudio.console.shell;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * GNU grep's basic and extended regular expressions, translated to RE2 syntax so they run in time linear in the
 * line (RE2J), whatever the pattern. RE2 has no back-references: {@code \1}..{@code \9} are refused with grep's own
 * message rather than matched by a backtracking engine that a pattern like {@code \(a*\)*\1} could hang. Errors carry
 * GNU grep's wording.
 */
final class GrepPattern {

    static final String UNMATCHED_OPEN = "Unmatched ( or \\(";
    static final String UNMATCHED_CLOSE = "Unmatched ) or \\)";
    static final String UNMATCHED_BRACKET = "Unmatched [, [^, [:, [., or [=";
    static final String UNMATCHED_BRACE = "Unmatched \\{";
    static final String INVALID_INTERVAL = "Invalid content of \\{\\}";
    static final String INVALID_BACK_REFERENCE = "Invalid back reference";
    static final String TRAILING_BACKSLASH = "Trailing backslash";
    static final String INVALID_RANGE_END = "Invalid range end";
    static final String INVALID_CLASS_NAME = "Invalid character class name";
    static final String INVALID_COLLATION = "Invalid collation character";
    static final String TOO_BIG = "Regular expression too big";
    static final String INVALID_PRECEDING = "Invalid preceding regular expression";

    /** GNU's RE_DUP_MAX; RE2 allows repeat counts only up to 1000. */
    private static final int RE2_MAX_REPEAT = 1000;

    private static final Set<String> CLASS_NAMES = Set.of("alnum", "alpha", "blank", "cntrl", "digit", "graph",
            "lower", "print", "punct", "space", "upper", "xdigit");

    /** The characters RE2 treats specially outside a bracket expression. */
    private static final String RE2_SPECIAL = "\\.+*?()|[]{}^$";

    /** A pattern grep refuses, with grep's message (without the {@code grep: } prefix). */
    static final class GrepSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        GrepSyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private GrepPattern() {
    }

    /**
     * The pattern grep would search each line for: newline-separated patterns are alternatives, as in grep;
     * {@code -F} takes them literally, {@code -w} and {@code -x} ask for whole words and whole lines.
     */
    static Pattern compile(String patterns, boolean fixed, boolean extended, boolean word, boolean whole,
            boolean ignoreCase) throws GrepSyntaxException {
        StringBuilder body = new StringBuilder();
        for (String p : patterns.split("\n", -1)) {
            if (body.length() > 0) {
                body.append('|');
            }
            body.append("(?:").append(fixed ? Pattern.quote(p) : translate(p, extended)).append(')');
        }
        String re = body.toString();
        if (whole) {
            re = "^(?:" + re + ")$";
        } else if (word) {
            // grep -w: a match with a non-word character (or the line's edge) on each side.
            re = "(?:^|[^\\pL\\pN_])(?:" + re + ")(?:[^\\pL\\pN_]|$)";
        }
        try {
            return Pattern.compile(re, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new GrepSyntaxException(grepMessage(e.getMessage()));
        }
    }

    /** RE2's complaint in grep's words, for what the translation leaves to RE2 (class ranges, sizes). */
    private static String grepMessage(String re2) {
        String m = re2 == null ? "" : re2;
        if (m.contains("invalid character class range")) {
            return INVALID_RANGE_END;
        }
        if (m.contains("invalid character class")) {
            return INVALID_CLASS_NAME;
        }
        if (m.contains("missing closing ]")) {
            return UNMATCHED_BRACKET;
        }
        if (m.contains("missing closing )")) {
            return UNMATCHED_OPEN;
        }
        if (m.contains("unexpected )")) {
            return UNMATCHED_CLOSE;
        }
        if (m.contains("repeat") || m.contains("too large") || m.contains("too deep")) {
            return TOO_BIG;
        }
        return INVALID_PRECEDING;
    }

    /** A basic ({@code extended} false) or extended regular expression in RE2 syntax. */
    static String translate(String re, boolean extended) throws GrepSyntaxException {
        return new Translation(re, extended).run();
    }

    private static final class Translation {
        private final String re;
        private final boolean ere;
        private final StringBuilder out = new StringBuilder();
        private final Deque<Integer> groups = new ArrayDeque<>();
        /** Where in {@code out} the atom a quantifier would apply to starts; -1 at the start of a branch. */
        private int atom = -1;
        private boolean quantified;
        private int i;

        Translation(String re, boolean extended) {
            this.re = re;
            this.ere = extended;
        }

        String run() throws GrepSyntaxException {
            while (i < re.length()) {
                char c = re.charAt(i++);
                if (c == '\\') {
                    escape();
                } else if (c == '[') {
                    int start = out.length();
                    bracket();
                    atomAt(start);
                } else if (c == '*') {
                    quantifier("*");
                } else if (ere && (c == '+' || c == '?')) {
                    quantifier(String.valueOf(c));
                } else if (ere && c == '{') {
                    interval();
                } else if (ere && c == '(') {
                    open();
                } else if (ere && c == ')') {
                    close();
                } else if (ere && c == '|') {
                    alternative();
                } else if (c == '^') {
                    if (ere || atom == -1 && !quantified) {
                        out.append('^');
                    } else {
                        literal(c);
                    }
                } else if (c == '$') {
                    if (ere || atEndOfBranch()) {
                        out.append('$');
                    } else {
                        literal(c);
                    }
                } else if (c == '.') {
                    atomAt(out.length());
                    out.append('.');
                } else {
                    literal(c);
                }
            }
            if (!groups.isEmpty()) {
                throw new GrepSyntaxException(UNMATCHED_OPEN);
            }
            return out.toString();
        }

        /** In a basic expression {@code $} is an anchor only last in the pattern or before {@code \)} or {@code \|}. */
        private boolean atEndOfBranch() {
            return i == re.length() || re.startsWith("\\)", i) || re.startsWith("\\|", i);
        }

        private void escape() throws GrepSyntaxException {
            if (i >= re.length()) {
                throw new GrepSyntaxException(TRAILING_BACKSLASH);
            }
            char d = re.charAt(i++);
            if (!ere) {
                switch (d) {
                    case '(' -> {
                        open();
                        return;
                    }
                    case ')' -> {
                        close();
                        return;
                    }
                    case '|' -> {
                        alternative();
                        return;
                    }
                    case '{' -> {
                        interval();
                        return;
                    }
                    case '+', '?' -> {
                        quantifier(String.valueOf(d));
                        return;
                    }
                    default -> {
                    }
                }
            }
            if (d >= '1' && d <= '9') {
                throw new GrepSyntaxException(INVALID_BACK_REFERENCE);
            }
            switch (d) {
                case 'w', 'W', 's', 'S' -> {
                    atomAt(out.length());
                    out.append('\\').append(d);
                }
                case 'b', 'B' -> out.append('\\').append(d);
                case '<', '>' -> out.append("\\b");
                case '`' -> out.append("\\A");
                case '\'' -> out.append("\\z");
                default -> literal(d);
            }
        }

        private void literal(char c) {
            atomAt(out.length());
            if (RE2_SPECIAL.indexOf(c) >= 0 || c < 0x80 && !Character.isLetterOrDigit(c) && c > ' ') {
                out.append('\\');
            }
            out.append(c);
        }

        private void atomAt(int start) {
            atom = start;
            quantified = false;
        }

        private void quantifier(String q) {
            if (atom == -1) {
                // Nothing to repeat (start of the pattern, a group or a branch): grep takes it literally.
                literal(q.charAt(0));
                return;
            }
            if (quantified) {
                // a** or a+? in grep is a repeated repetition; RE2 wants the inner one grouped.
                out.insert(atom, "(?:").append(')');
            }
            out.append(q);
            quantified = true;
        }

        /** An interval {@code {m}}, {@code {m,}}, {@code {,n}} or {@code {m,n}}; {@code i} is just past the brace. */
        private void interval() throws GrepSyntaxException {
            String close = ere ? "}" : "\\}";
            int end = re.indexOf(close, i);
            String content = end < 0 ? null : re.substring(i, end);
            boolean wellFormed = content != null && !content.isEmpty()
                    && content.matches("[0-9]{0,9}(,[0-9]{0,9})?");
            if (atom == -1 && ere) {
                literal('{');
                return;
            }
            if (!wellFormed) {
                if (ere) {
                    // grep -E takes a brace that does not start a valid interval literally.
                    literal('{');
                    return;
                }
                throw new GrepSyntaxException(end < 0 ? UNMATCHED_BRACE : INVALID_INTERVAL);
            }
            if (atom == -1) {
                throw new GrepSyntaxException(INVALID_PRECEDING);
            }
            int comma = content.indexOf(',');
            long min = comma == 0 || content.isEmpty() ? 0 : Long.parseLong(comma < 0 ? content
                    : content.substring(0, comma));
            String maxText = comma < 0 ? content : content.substring(comma + 1);
            long max = comma >= 0 && maxText.isEmpty() ? -1 : Long.parseLong(maxText);
            if (max >= 0 && max < min) {
                throw new GrepSyntaxException(INVALID_INTERVAL);
            }
            if (min > RE2_MAX_REPEAT || max > RE2_MAX_REPEAT) {
                throw new GrepSyntaxException(TOO_BIG);
            }
            i = end + close.length();
            quantifier("{" + min + (comma < 0 ? "" : "," + (max < 0 ? "" : String.valueOf(max))) + "}");
        }

        private void open() {
            groups.push(out.length());
            out.append('(');
            atom = -1;
            quantified = false;
        }

        private void close() throws GrepSyntaxException {
            if (groups.isEmpty()) {
                throw new GrepSyntaxException(UNMATCHED_CLOSE);
            }
            out.append(')');
            atomAt(groups.pop());
        }

        private void alternative() {
            out.append('|');
            atom = -1;
            quantified = false;
        }

        /** A POSIX bracket expression; {@code i} is just past its {@code [}. Backslash is an ordinary character. */
        private void bracket() throws GrepSyntaxException {
            StringBuilder cls = new StringBuilder("[");
            int first = i;
            if (i < re.length() && re.charAt(i) == '^') {
                cls.append('^');
                i++;
            }
            boolean any = false;
            while (true) {
                if (i >= re.length()) {
                    throw new GrepSyntaxException(UNMATCHED_BRACKET);
                }
                char c = re.charAt(i++);
                if (c == ']' && any) {
                    break;
                }
                any = true;
                if (c == '[' && i < re.length() && ":=.".indexOf(re.charAt(i)) >= 0) {
                    char kind = re.charAt(i);
                    int end = re.indexOf(kind + "]", i + 1);
                    if (end < 0) {
                        throw new GrepSyntaxException(UNMATCHED_BRACKET);
                    }
                    String name = re.substring(i + 1, end);
                    i = end + 2;
                    if (kind == ':') {
                        if (!CLASS_NAMES.contains(name)) {
                            throw new GrepSyntaxException(INVALID_CLASS_NAME);
                        }
                        cls.append("[:").append(name).append(":]");
                    } else if (name.codePointCount(0, name.length()) == 1) {
                        classLiteral(cls, name);
                    } else {
                        throw new GrepSyntaxException(INVALID_COLLATION);
                    }
                } else if (c == '-' && cls.length() > 1 && i < re.length() && re.charAt(i) != ']') {
                    cls.append('-');
                } else {
                    classLiteral(cls, String.valueOf(c));
                }
            }
            String inside = re.substring(first, i - 1);
            if (inside.length() >= 2 && inside.startsWith(":") && inside.endsWith(":")) {
                throw new GrepSyntaxException("character class syntax is [[:space:]], not [:space:]");
            }
            out.append(cls).append(']');
        }

        private static void classLiteral(StringBuilder cls, String s) {
            for (char c : s.toCharArray()) {
                if ("\\[]^-".indexOf(c) >= 0) {
                    cls.append('\\');
                }
                cls.append(c);
            }
        }
    }
}
