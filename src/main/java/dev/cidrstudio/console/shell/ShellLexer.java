package dev.cidrstudio.console.shell;

import dev.cidrstudio.console.shell.Ast.Part;
import dev.cidrstudio.console.shell.Ast.RedirectOp;
import dev.cidrstudio.console.shell.Ast.Word;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts shell text into words and operators as the shell's token recogniser does: quotes, backslashes,
 * {@code $} expansions (a {@code $(...)} is parsed on the spot, as bash does), comments, and here-documents, whose
 * bodies are read from the lines after the one that names them and skipped when the lexer reaches them.
 */
final class ShellLexer {

    enum Kind { WORD, NEWLINE, SEMI, DOUBLE_SEMI, AMPERSAND, AND_IF, OR_IF, PIPE, LEFT_PAREN, RIGHT_PAREN, REDIRECT,
        END }

    /** A token; {@code word} for words, {@code fd}/{@code op}/{@code heredoc} for redirections. */
    record Token(Kind kind, int start, int end, int line, String text, Word word, int fd, RedirectOp op,
            Word heredoc) {

        /** The token as bash's "near unexpected token" names it. */
        String describe() {
            return kind == Kind.NEWLINE || kind == Kind.END ? "newline" : text;
        }

        boolean isWord(String plain) {
            return kind == Kind.WORD && plain.equals(word.plainText());
        }
    }

    /** The text being read and where its lines start, so a token can name its line. */
    static final class Source {
        final String text;
        private final int firstLine;
        private final int[] lineStarts;

        Source(String text, int firstLine) {
            this.text = text;
            this.firstLine = firstLine;
            List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    starts.add(i + 1);
                }
            }
            this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        }

        int lineAt(int offset) {
            int i = Arrays.binarySearch(lineStarts, offset);
            return firstLine + (i >= 0 ? i : -i - 2);
        }
    }

    private static final Pattern BRACED = Pattern.compile(
            "(?s)(#)?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?#$!@*-])(?:(:?[-=+])(.*))?");

    private final Source source;
    private final String s;
    private final int depth;
    private int pos;
    /** Where reading goes on after the current line, past the here-document bodies it named; -1 when none. */
    private int heredocResume = -1;
    private int lastHeredocEnd = -1;
    private final List<String> warnings = new ArrayList<>();

    ShellLexer(Source source, int start, int depth) {
        this.source = source;
        this.s = source.text;
        this.pos = start;
        this.depth = depth;
    }

    int position() {
        return pos;
    }

    int depth() {
        return depth;
    }

    Source source() {
        return source;
    }

    int lastHeredocEnd() {
        return lastHeredocEnd;
    }

    /** Starts again at {@code position}, forgetting pending here-documents (after a syntax error). */
    void reset(int position) {
        pos = position;
        heredocResume = -1;
    }

    List<String> takeWarnings() {
        List<String> w = List.copyOf(warnings);
        warnings.clear();
        return w;
    }

    Token next() throws ShellSyntaxException {
        while (true) {
            skipBlanks();
            if (pos < s.length() && s.charAt(pos) == '#') {
                while (pos < s.length() && s.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            break;
        }
        int start = pos;
        int line = source.lineAt(start);
        if (pos >= s.length()) {
            return new Token(Kind.END, start, start, line, "", null, -1, null, null);
        }
        char c = s.charAt(pos);
        if (c == '\n') {
            pos++;
            if (heredocResume >= 0) {
                pos = heredocResume;
                heredocResume = -1;
            }
            return new Token(Kind.NEWLINE, start, pos, line, "\n", null, -1, null, null);
        }
        int fd = -1;
        int digits = pos;
        while (digits < s.length() && Character.isDigit(s.charAt(digits))) {
            digits++;
        }
        if (digits > pos && digits < s.length() && digits - pos < 4 && (s.charAt(digits) == '<'
                || s.charAt(digits) == '>')) {
            fd = Integer.parseInt(s.substring(pos, digits));
            pos = digits;
            c = s.charAt(pos);
        }
        switch (c) {
            case '|' -> {
                if (at(pos + 1, '|')) {
                    return op(Kind.OR_IF, start, 2);
                }
                if (at(pos + 1, '&')) {
                    throw new ShellSyntaxException("'|&' is not supported in the practice console; use 2>&1 |", line);
                }
                return op(Kind.PIPE, start, 1);
            }
            case '&' -> {
                if (at(pos + 1, '&')) {
                    return op(Kind.AND_IF, start, 2);
                }
                if (at(pos + 1, '>')) {
                    if (at(pos + 2, '>')) {
                        throw new ShellSyntaxException("'&>>' is not supported in the practice console", line);
                    }
                    return redirect(start, -1, RedirectOp.WRITE_BOTH, 2);
                }
                return op(Kind.AMPERSAND, start, 1);
            }
            case ';' -> {
                return op(at(pos + 1, ';') ? Kind.DOUBLE_SEMI : Kind.SEMI, start, at(pos + 1, ';') ? 2 : 1);
            }
            case '(' -> {
                return op(Kind.LEFT_PAREN, start, 1);
            }
            case ')' -> {
                return op(Kind.RIGHT_PAREN, start, 1);
            }
            case '<' -> {
                if (at(pos + 1, '<') && at(pos + 2, '<')) {
                    return redirect(start, fd, RedirectOp.HERESTRING, 3);
                }
                if (at(pos + 1, '<')) {
                    return heredoc(start, fd, line);
                }
                if (at(pos + 1, '&')) {
                    return redirect(start, fd < 0 ? 0 : fd, RedirectOp.DUPLICATE, 2);
                }
                if (at(pos + 1, '>')) {
                    throw new ShellSyntaxException("'<>' is not supported in the practice console", line);
                }
                return redirect(start, fd, RedirectOp.READ, 1);
            }
            case '>' -> {
                if (at(pos + 1, '>')) {
                    return redirect(start, fd, RedirectOp.APPEND, 2);
                }
                if (at(pos + 1, '&')) {
                    return redirect(start, fd < 0 ? 1 : fd, RedirectOp.DUPLICATE, 2);
                }
                return redirect(start, fd, RedirectOp.WRITE, at(pos + 1, '|') ? 2 : 1);
            }
            default -> {
                Word w = word();
                return new Token(Kind.WORD, start, pos, line, s.substring(start, pos), w, -1, null, null);
            }
        }
    }

    private boolean at(int i, char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private Token op(Kind kind, int start, int length) {
        pos += length;
        return new Token(kind, start, pos, source.lineAt(start), s.substring(start, pos), null, -1, null, null);
    }

    private Token redirect(int start, int fd, RedirectOp op, int length) {
        pos += length;
        return new Token(Kind.REDIRECT, start, pos, source.lineAt(start), s.substring(start, pos), null, fd, op, null);
    }

    private void skipBlanks() {
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && at(pos + 1, '\n')) {
                pos += 2;
            } else {
                return;
            }
        }
    }

    private static boolean isMeta(char c) {
        return " \t\r\n|&;()<>".indexOf(c) >= 0;
    }

    /** {@code <<DELIM} or {@code <<-DELIM}: reads the body now, from the line after this one. */
    private Token heredoc(int start, int fd, int line) throws ShellSyntaxException {
        boolean stripTabs = at(pos + 2, '-');
        pos += stripTabs ? 3 : 2;
        skipBlanks();
        if (pos >= s.length() || isMeta(s.charAt(pos))) {
            throw new ShellSyntaxException("syntax error near unexpected token `newline'", line);
        }
        int wordStart = pos;
        word();
        String raw = s.substring(wordStart, pos);
        String delimiter = raw.replaceAll("['\"\\\\]", "");
        boolean quoted = !delimiter.equals(raw);
        int bodyStart = heredocResume >= 0 ? heredocResume : lineAfter(pos);
        StringBuilder body = new StringBuilder();
        int p = bodyStart;
        boolean closed = false;
        while (p < s.length()) {
            int nl = s.indexOf('\n', p);
            String l = s.substring(p, nl < 0 ? s.length() : nl);
            p = nl < 0 ? s.length() : nl + 1;
            String untabbed = l.replaceFirst("^\t+", "");
            if (l.equals(delimiter) || untabbed.equals(delimiter)) {
                closed = true;
                break;
            }
            body.append(stripTabs ? untabbed : l).append('\n');
        }
        if (!closed) {
            warnings.add("warning: here-document delimited by end-of-file (wanted `" + delimiter + "')");
        }
        heredocResume = p;
        lastHeredocEnd = p;
        Word text = quoted ? new Word(List.of(new Ast.Literal(body.toString(), true)))
                : expandable(body.toString(), source.lineAt(Math.min(bodyStart, s.length())), depth);
        return new Token(Kind.REDIRECT, start, pos, line, s.substring(start, pos), null, fd, RedirectOp.HEREDOC, text);
    }

    private int lineAfter(int from) {
        int nl = s.indexOf('\n', from);
        return nl < 0 ? s.length() : nl + 1;
    }

    /** Text whose {@code $} expansions and backslashes count but whose quotes do not: a here-document body. */
    static Word expandable(String text, int line, int depth) throws ShellSyntaxException {
        ShellLexer lexer = new ShellLexer(new Source(text, line), 0, depth);
        Parts parts = new Parts();
        while (lexer.pos < text.length()) {
            char c = text.charAt(lexer.pos);
            if (c == '\\' && lexer.pos + 1 < text.length() && "$`\\\n".indexOf(text.charAt(lexer.pos + 1)) >= 0) {
                if (text.charAt(lexer.pos + 1) != '\n') {
                    parts.literal(text.charAt(lexer.pos + 1), true);
                }
                lexer.pos += 2;
            } else if (c == '$') {
                lexer.dollar(parts, true);
            } else if (c == '`') {
                lexer.backquote(parts, true);
            } else {
                parts.literal(c, true);
                lexer.pos++;
            }
        }
        return parts.word();
    }

    /** Collects a word's parts, joining neighbouring literal characters of the same quoting. */
    private static final class Parts {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();
        private boolean literalQuoted;
        /** Quotes with nothing in them still make a word: {@code ""} is one empty argument. */
        private boolean quotesSeen;

        void literal(char c, boolean quoted) {
            if (literal.length() > 0 && literalQuoted != quoted) {
                flush();
            }
            literalQuoted = quoted;
            literal.append(c);
        }

        void part(Part p) {
            flush();
            parts.add(p);
        }

        private void flush() {
            if (literal.length() > 0) {
                parts.add(new Ast.Literal(literal.toString(), literalQuoted));
                literal.setLength(0);
            }
        }

        Word word() {
            flush();
            if (parts.isEmpty() && quotesSeen) {
                parts.add(new Ast.Literal("", true));
            }
            return new Word(List.copyOf(parts));
        }
    }

    private Word word() throws ShellSyntaxException {
        Parts parts = new Parts();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (isMeta(c)) {
                break;
            }
            switch (c) {
                case '\'' -> {
                    int end = s.indexOf('\'', pos + 1);
                    if (end < 0) {
                        throw new ShellSyntaxException("unexpected EOF while looking for matching `''",
                                source.lineAt(pos));
                    }
                    parts.quotesSeen = true;
                    for (char q : s.substring(pos + 1, end).toCharArray()) {
                        parts.literal(q, true);
                    }
                    pos = end + 1;
                }
                case '"' -> doubleQuoted(parts);
                case '\\' -> {
                    if (pos + 1 >= s.length()) {
                        parts.literal('\\', false);
                        pos++;
                    } else {
                        if (s.charAt(pos + 1) != '\n') {
                            parts.literal(s.charAt(pos + 1), true);
                        }
                        pos += 2;
                    }
                }
                case '$' -> dollar(parts, false);
                case '`' -> backquote(parts, false);
                default -> {
                    parts.literal(c, false);
                    pos++;
                }
            }
        }
        return parts.word();
    }

    private void doubleQuoted(Parts parts) throws ShellSyntaxException {
        int open = pos;
        pos++;
        parts.quotesSeen = true;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(pos + 1)) >= 0) {
                if (s.charAt(pos + 1) != '\n') {
                    parts.literal(s.charAt(pos + 1), true);
                }
                pos += 2;
            } else if (c == '$') {
                dollar(parts, true);
            } else if (c == '`') {
                backquote(parts, true);
            } else {
                parts.literal(c, true);
                pos++;
            }
        }
        throw new ShellSyntaxException("unexpected EOF while looking for matching `\"'", source.lineAt(open));
    }

    private void dollar(Parts parts, boolean quoted) throws ShellSyntaxException {
        int line = source.lineAt(pos);
        if (pos + 1 >= s.length()) {
            parts.literal('$', quoted);
            pos++;
            return;
        }
        char d = s.charAt(pos + 1);
        if (d == '(' && at(pos + 2, '(')) {
            int end = arithmeticEnd(pos + 3);
            if (end < 0) {
                throw new ShellSyntaxException("unexpected EOF while looking for matching `))'", line);
            }
            parts.part(new Ast.Arithmetic(expandable(s.substring(pos + 3, end), line, depth + 1), quoted));
            pos = end + 2;
        } else if (d == '(') {
            ShellParser.Substitution sub = ShellParser.substitution(source, pos + 2, depth + 1);
            parts.part(new Ast.CommandSubstitution(sub.body(), quoted));
            pos = sub.end();
        } else if (d == '{') {
            int end = bracedEnd(pos + 2);
            if (end < 0) {
                throw new ShellSyntaxException("unexpected EOF while looking for matching `}'", line);
            }
            parts.part(braced(s.substring(pos + 2, end), quoted, line));
            pos = end + 1;
        } else if (Character.isLetter(d) || d == '_') {
            int end = pos + 1;
            while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                end++;
            }
            parts.part(new Ast.Parameter(s.substring(pos + 1, end), "", null, quoted));
            pos = end;
        } else if ("?#$!@*-0123456789".indexOf(d) >= 0) {
            parts.part(new Ast.Parameter(String.valueOf(d), "", null, quoted));
            pos += 2;
        } else if (d == '\'' && !quoted) {
            pos += 2;
            StringBuilder text = new StringBuilder();
            while (pos < s.length() && s.charAt(pos) != '\'') {
                char c = s.charAt(pos++);
                if (c == '\\' && pos < s.length()) {
                    char e = s.charAt(pos++);
                    text.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> e;
                    });
                } else {
                    text.append(c);
                }
            }
            if (pos >= s.length()) {
                throw new ShellSyntaxException("unexpected EOF while looking for matching `''", line);
            }
            pos++;
            parts.part(new Ast.Literal(text.toString(), true));
        } else {
            parts.literal('$', quoted);
            pos++;
        }
    }

    /** The offset of the {@code ))} closing an arithmetic expansion whose text starts at {@code from}. */
    private int arithmeticEnd(int from) {
        int nesting = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                nesting++;
            } else if (c == ')') {
                if (nesting == 0) {
                    return at(i + 1, ')') ? i : -1;
                }
                nesting--;
            }
        }
        return -1;
    }

    private int bracedEnd(int from) {
        int nesting = 0;
        char quote = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{') {
                nesting++;
            } else if (c == '}') {
                if (nesting == 0) {
                    return i;
                }
                nesting--;
            }
        }
        return -1;
    }

    private Part braced(String body, boolean quoted, int line) throws ShellSyntaxException {
        Matcher m = BRACED.matcher(body);
        if (!m.matches() || (m.group(1) != null && m.group(3) != null)) {
            throw new ShellSyntaxException("${" + body + "}: bad substitution", line);
        }
        if (m.group(1) != null) {
            return new Ast.Parameter(m.group(2), "#", null, quoted);
        }
        if (m.group(3) == null) {
            return new Ast.Parameter(m.group(2), "", null, quoted);
        }
        String operand = m.group(4);
        if (operand.length() >= 2 && (operand.charAt(0) == '"' || operand.charAt(0) == '\'')
                && operand.charAt(operand.length() - 1) == operand.charAt(0)) {
            operand = operand.substring(1, operand.length() - 1);
        }
        return new Ast.Parameter(m.group(2), m.group(3), expandable(operand, line, depth + 1), quoted);
    }

    private void backquote(Parts parts, boolean quoted) throws ShellSyntaxException {
        int line = source.lineAt(pos);
        StringBuilder inner = new StringBuilder();
        int i = pos + 1;
        while (i < s.length() && s.charAt(i) != '`') {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "`$\\".indexOf(s.charAt(i + 1)) >= 0) {
                inner.append(s.charAt(i + 1));
                i += 2;
            } else {
                inner.append(c);
                i++;
            }
        }
        if (i >= s.length()) {
            throw new ShellSyntaxException("unexpected EOF while looking for matching ``'", line);
        }
        pos = i + 1;
        parts.part(new Ast.CommandSubstitution(ShellParser.parse(inner.toString(), line, depth + 1), quoted));
    }
}
