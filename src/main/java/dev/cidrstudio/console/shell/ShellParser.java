package dev.cidrstudio.console.shell;

import dev.cidrstudio.console.shell.Ast.Word;
import dev.cidrstudio.console.shell.ShellLexer.Kind;
import dev.cidrstudio.console.shell.ShellLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads shell text into an {@link Ast} by recursive descent over the POSIX shell grammar's command forms: simple
 * commands, pipelines, {@code && ||} lists, {@code ;} and newline sequences, {@code for}, {@code while},
 * {@code until}, {@code if}, {@code { }} and {@code ( )} groups, and function definitions (kept by name only).
 */
public final class ShellParser {

    /** How deep loops, groups and substitutions may nest: deeper text is refused, not run out of stack. */
    public static final int MAX_NESTING = 64;

    private static final Set<String> TERMINATORS = Set.of("do", "done", "then", "elif", "else", "fi", "}", "esac");
    private static final Set<String> UNSUPPORTED = Set.of("case", "select", "coproc", "time");
    private static final Set<String> OPENERS = Set.of("for", "while", "until", "if", "case", "select");
    private static final Set<String> CLOSERS = Set.of("done", "fi", "esac");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?s)([A-Za-z_][A-Za-z0-9_]*)=(.*)");

    private final ShellLexer lexer;
    private Token peeked;
    private int nesting;

    private ShellParser(ShellLexer lexer) {
        this.lexer = lexer;
    }

    /**
     * One top-level command of a script, as a shell reads it at its prompt: a line's list with the loop bodies and
     * here-documents it spans. {@code node} is null and {@code error} says why when the text is not in the subset.
     */
    public record Unit(String text, int line, Ast node, String error, List<String> warnings) {
    }

    /** A {@code $(...)} body and the offset just after its {@code )}. */
    record Substitution(Ast body, int end) {
    }

    /**
     * The script cut into its top-level commands; a command the parser cannot read becomes an error unit and
     * reading goes on after it (after its line, or after the loop or {@code if} it opens).
     */
    public static List<Unit> parseScript(String script) {
        String text = script.replace("\r\n", "\n");
        ShellLexer lexer = new ShellLexer(new ShellLexer.Source(text, 1), 0, 0);
        ShellParser p = new ShellParser(lexer);
        List<Unit> units = new ArrayList<>();
        while (true) {
            int start = lexer.position();
            int line = 1;
            int heredocMark = lexer.lastHeredocEnd();
            try {
                Token first = p.skipNewlines();
                if (first.kind() == Kind.END) {
                    break;
                }
                start = first.start();
                line = first.line();
                Ast node = p.list();
                Token end = p.peek();
                int textEnd;
                if (end.kind() == Kind.NEWLINE) {
                    p.consume();
                    textEnd = end.end();
                } else if (end.kind() == Kind.END) {
                    textEnd = Math.max(end.start(), lexer.lastHeredocEnd());
                } else {
                    throw unexpected(end);
                }
                units.add(new Unit(shown(text.substring(start, Math.min(textEnd, text.length()))), line, node, null,
                        lexer.takeWarnings()));
            } catch (ShellSyntaxException e) {
                int resume = recoveryPoint(text, start);
                if (lexer.lastHeredocEnd() > heredocMark) {
                    resume = Math.max(resume, lexer.lastHeredocEnd());
                }
                units.add(new Unit(shown(text.substring(start, resume)), e.line(), null, e.getMessage(),
                        lexer.takeWarnings()));
                lexer.reset(resume);
                p.peeked = null;
                p.nesting = 0;
            }
        }
        return units;
    }

    /** All of {@code text} as one list: what {@code eval}, a backquote or a {@code verify} command runs. */
    public static Ast parse(String text) throws ShellSyntaxException {
        return parse(text, 1, 0);
    }

    static Ast parse(String text, int line, int depth) throws ShellSyntaxException {
        ShellParser p = new ShellParser(new ShellLexer(new ShellLexer.Source(text, line), 0, depth));
        p.checkNesting(line);
        Ast body = p.compoundList(true);
        Token end = p.peek();
        if (end.kind() != Kind.END) {
            throw unexpected(end);
        }
        return body;
    }

    /** Parses a {@code $(...)} whose text starts at {@code start}, up to its closing parenthesis. */
    static Substitution substitution(ShellLexer.Source source, int start, int depth) throws ShellSyntaxException {
        ShellParser p = new ShellParser(new ShellLexer(source, start, depth));
        p.checkNesting(source.lineAt(start));
        Ast body = p.compoundList(true);
        Token close = p.peek();
        if (close.kind() == Kind.END) {
            throw new ShellSyntaxException("unexpected EOF while looking for matching `)'", source.lineAt(start));
        }
        if (close.kind() != Kind.RIGHT_PAREN) {
            throw unexpected(close);
        }
        p.consume();
        return new Substitution(body, p.lexer.position());
    }

    /** A unit's text as the console shows it: continued lines joined, as a person would have typed them. */
    private static String shown(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        // Not replaceAll("\n+$"): that backtracks quadratically over a long run of blank lines.
        String t = text.substring(0, end);
        StringBuilder sb = new StringBuilder();
        String[] lines = t.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            boolean continued = sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\'
                    && !(sb.length() > 1 && sb.charAt(sb.length() - 2) == '\\');
            if (continued) {
                sb.setLength(sb.length() - 1);
                sb.append(l.stripLeading().isEmpty() ? "" : " ").append(l.stripLeading());
            } else {
                sb.append(i == 0 ? "" : "\n").append(l);
            }
        }
        return sb.toString();
    }

    /**
     * Where to go on after text that did not parse: after the line it starts on, or, when that line opens a loop,
     * an {@code if} or a brace, after the line that closes it (counted roughly by keywords, as the text is broken).
     */
    static int recoveryPoint(String text, int start) {
        int depth = 0;
        int p = start;
        while (p < text.length()) {
            int nl = text.indexOf('\n', p);
            int end = nl < 0 ? text.length() : nl;
            depth += blockDepth(text.substring(p, end));
            p = nl < 0 ? text.length() : nl + 1;
            if (depth <= 0) {
                break;
            }
        }
        return p;
    }

    private static int blockDepth(String line) {
        int hash = line.indexOf(" #");
        String code = hash >= 0 ? line.substring(0, hash) : line.startsWith("#") ? "" : line;
        int depth = 0;
        for (String segment : code.split("[;|&]+")) {
            String[] words = segment.trim().split("\\s+");
            for (int k = 0; k < words.length; k++) {
                String w = words[k];
                boolean commandStart = k == 0 || Set.of("do", "then", "else").contains(words[k - 1]);
                if (commandStart && OPENERS.contains(w) || w.equals("{")) {
                    depth++;
                } else if (CLOSERS.contains(w) || w.equals("}")) {
                    depth--;
                }
            }
        }
        return depth;
    }

    // ---- the grammar

    private Token peek() throws ShellSyntaxException {
        if (peeked == null) {
            peeked = lexer.next();
        }
        return peeked;
    }

    private Token consume() throws ShellSyntaxException {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token skipNewlines() throws ShellSyntaxException {
        while (peek().kind() == Kind.NEWLINE) {
            consume();
        }
        return peek();
    }

    private void checkNesting(int line) throws ShellSyntaxException {
        if (lexer.depth() + nesting > MAX_NESTING) {
            throw new ShellSyntaxException("commands nested more than " + MAX_NESTING
                    + " deep are not supported in the practice console", line);
        }
    }

    private static ShellSyntaxException unexpected(Token t) {
        if (t.kind() == Kind.END) {
            return new ShellSyntaxException("syntax error: unexpected end of file", t.line());
        }
        return new ShellSyntaxException("syntax error near unexpected token `" + t.describe() + "'", t.line());
    }

    private static ShellSyntaxException unsupported(String what, int line) {
        return new ShellSyntaxException(what + " is not supported in the practice console", line);
    }

    /** A top-level list: and-or lists separated by {@code ;}, up to the end of the line. */
    private Ast list() throws ShellSyntaxException {
        int line = peek().line();
        List<Ast> items = new ArrayList<>();
        items.add(andOr());
        while (peek().kind() == Kind.SEMI || peek().kind() == Kind.AMPERSAND) {
            if (peek().kind() == Kind.AMPERSAND) {
                throw unsupported("running in the background ('&')", peek().line());
            }
            consume();
            if (!startsCommand(peek())) {
                break;
            }
            items.add(andOr());
        }
        return items.size() == 1 ? items.get(0) : new Ast.Sequence(List.copyOf(items), line);
    }

    private static boolean startsCommand(Token t) {
        return t.kind() == Kind.WORD && !TERMINATORS.contains(String.valueOf(t.word().plainText()))
                || t.kind() == Kind.LEFT_PAREN || t.kind() == Kind.REDIRECT;
    }

    /** A list inside a compound command: newlines separate too; it ends at a closing keyword or parenthesis. */
    private Ast compoundList(boolean mayBeEmpty) throws ShellSyntaxException {
        Token first = skipNewlines();
        List<Ast> items = new ArrayList<>();
        while (startsCommand(peek())) {
            items.add(andOr());
            Token sep = peek();
            if (sep.kind() == Kind.AMPERSAND) {
                throw unsupported("running in the background ('&')", sep.line());
            }
            if (sep.kind() != Kind.SEMI && sep.kind() != Kind.NEWLINE) {
                break;
            }
            consume();
            skipNewlines();
        }
        if (items.isEmpty()) {
            if (mayBeEmpty) {
                return new Ast.Sequence(List.of(), first.line());
            }
            throw unexpected(peek());
        }
        return items.size() == 1 ? items.get(0) : new Ast.Sequence(List.copyOf(items), first.line());
    }

    private Ast andOr() throws ShellSyntaxException {
        Ast left = pipeline();
        while (peek().kind() == Kind.AND_IF || peek().kind() == Kind.OR_IF) {
            boolean and = consume().kind() == Kind.AND_IF;
            skipNewlines();
            left = new Ast.AndOr(left, and, pipeline(), left.line());
        }
        return left;
    }

    private Ast pipeline() throws ShellSyntaxException {
        int line = peek().line();
        boolean negated = false;
        if (peek().isWord("!")) {
            consume();
            negated = true;
        }
        List<Ast> stages = new ArrayList<>();
        stages.add(command());
        while (peek().kind() == Kind.PIPE) {
            consume();
            skipNewlines();
            stages.add(command());
        }
        return stages.size() == 1 && !negated ? stages.get(0) : new Ast.Pipeline(List.copyOf(stages), negated, line);
    }

    private Ast command() throws ShellSyntaxException {
        Token t = peek();
        Ast compound;
        if (t.kind() == Kind.LEFT_PAREN) {
            consume();
            if (peek().kind() == Kind.LEFT_PAREN && peek().start() == t.end()) {
                throw unsupported("the arithmetic command ((...))", t.line());
            }
            nesting++;
            checkNesting(t.line());
            Ast body = compoundList(false);
            expect(Kind.RIGHT_PAREN, t);
            nesting--;
            compound = new Ast.Group(body, true, t.line());
        } else if (t.kind() == Kind.WORD && t.word().plainText() != null) {
            String w = t.word().plainText();
            if (UNSUPPORTED.contains(w)) {
                throw unsupported("'" + w + "'", t.line());
            }
            if (w.equals("[[")) {
                throw new ShellSyntaxException("[[ ... ]] is not supported in the practice console; use [ ... ]",
                        t.line());
            }
            if (TERMINATORS.contains(w)) {
                throw unexpected(t);
            }
            if (w.equals("function")) {
                consume();
                Token name = consume();
                if (name.kind() != Kind.WORD) {
                    throw unexpected(name);
                }
                if (peek().kind() == Kind.LEFT_PAREN) {
                    consume();
                    expect(Kind.RIGHT_PAREN, t);
                }
                return functionBody(name.text(), t.line());
            }
            compound = switch (w) {
                case "for" -> forLoop();
                case "while", "until" -> whileLoop();
                case "if" -> ifClause();
                case "{" -> braceGroup();
                default -> null;
            };
            if (compound == null) {
                return simpleCommand();
            }
        } else {
            return simpleCommand();
        }
        List<Ast.Redirect> redirects = new ArrayList<>();
        while (peek().kind() == Kind.REDIRECT) {
            redirects.add(redirect());
        }
        return redirects.isEmpty() ? compound : new Ast.Redirected(compound, List.copyOf(redirects), compound.line());
    }

    private void expect(Kind kind, Token opener) throws ShellSyntaxException {
        Token t = peek();
        if (t.kind() == kind) {
            consume();
            return;
        }
        if (t.kind() == Kind.END) {
            throw new ShellSyntaxException("syntax error: unexpected end of file", opener.line());
        }
        throw unexpected(t);
    }

    private void expectWord(String keyword, Token opener) throws ShellSyntaxException {
        Token t = peek();
        if (t.isWord(keyword)) {
            consume();
            return;
        }
        if (t.kind() == Kind.END) {
            throw new ShellSyntaxException("syntax error: unexpected end of file (missing `" + keyword + "')",
                    opener.line());
        }
        throw unexpected(t);
    }

    private Ast forLoop() throws ShellSyntaxException {
        Token opener = consume();
        nesting++;
        checkNesting(opener.line());
        Token name = peek();
        if (name.kind() == Kind.LEFT_PAREN) {
            throw unsupported("for ((...))", opener.line());
        }
        if (name.kind() != Kind.WORD || name.word().plainText() == null
                || !NAME.matcher(name.word().plainText()).matches()) {
            throw new ShellSyntaxException("`" + name.describe() + "': not a valid identifier", name.line());
        }
        consume();
        List<Word> items = new ArrayList<>();
        skipNewlines();
        if (peek().isWord("in")) {
            consume();
            while (peek().kind() == Kind.WORD) {
                items.add(consume().word());
            }
            if (peek().kind() != Kind.SEMI && peek().kind() != Kind.NEWLINE) {
                throw unexpected(peek());
            }
            consume();
        } else if (peek().kind() == Kind.SEMI) {
            consume();
        }
        skipNewlines();
        expectWord("do", opener);
        Ast body = compoundList(false);
        expectWord("done", opener);
        nesting--;
        return new Ast.ForLoop(name.word().plainText(), List.copyOf(items), body, opener.line());
    }

    private Ast whileLoop() throws ShellSyntaxException {
        Token opener = consume();
        nesting++;
        checkNesting(opener.line());
        Ast condition = compoundList(false);
        expectWord("do", opener);
        Ast body = compoundList(false);
        expectWord("done", opener);
        nesting--;
        return new Ast.WhileLoop(condition, body, opener.isWord("until"), opener.line());
    }

    private Ast ifClause() throws ShellSyntaxException {
        Token opener = consume();
        nesting++;
        checkNesting(opener.line());
        List<Ast.Branch> branches = new ArrayList<>();
        Ast condition = compoundList(false);
        expectWord("then", opener);
        branches.add(new Ast.Branch(condition, compoundList(false)));
        while (peek().isWord("elif")) {
            consume();
            Ast c = compoundList(false);
            expectWord("then", opener);
            branches.add(new Ast.Branch(c, compoundList(false)));
        }
        Ast orElse = null;
        if (peek().isWord("else")) {
            consume();
            orElse = compoundList(false);
        }
        expectWord("fi", opener);
        nesting--;
        return new Ast.IfClause(List.copyOf(branches), orElse, opener.line());
    }

    private Ast braceGroup() throws ShellSyntaxException {
        Token opener = consume();
        nesting++;
        checkNesting(opener.line());
        Ast body = compoundList(false);
        expectWord("}", opener);
        nesting--;
        return new Ast.Group(body, false, opener.line());
    }

    private Ast simpleCommand() throws ShellSyntaxException {
        int line = peek().line();
        List<Ast.Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Ast.Redirect> redirects = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.WORD) {
                consume();
                Ast.Assignment a = words.isEmpty() ? assignment(t.word()) : null;
                if (a != null) {
                    assignments.add(a);
                    continue;
                }
                words.add(t.word());
                if (words.size() == 1 && assignments.isEmpty() && redirects.isEmpty()
                        && peek().kind() == Kind.LEFT_PAREN) {
                    consume();
                    expect(Kind.RIGHT_PAREN, t);
                    return functionBody(t.text(), line);
                }
            } else if (t.kind() == Kind.REDIRECT) {
                redirects.add(redirect());
            } else {
                break;
            }
        }
        if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw unexpected(peek());
        }
        return new Ast.SimpleCommand(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), line);
    }

    private static Ast.Assignment assignment(Word w) {
        if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Ast.Literal l) || l.quoted()) {
            return null;
        }
        var m = ASSIGNMENT.matcher(l.text());
        if (!m.matches()) {
            return null;
        }
        List<Ast.Part> value = new ArrayList<>();
        if (!m.group(2).isEmpty()) {
            value.add(new Ast.Literal(m.group(2), false));
        }
        value.addAll(w.parts().subList(1, w.parts().size()));
        return new Ast.Assignment(m.group(1), new Word(List.copyOf(value)));
    }

    private Ast.Redirect redirect() throws ShellSyntaxException {
        Token t = consume();
        if (t.op() == Ast.RedirectOp.HEREDOC) {
            return new Ast.Redirect(t.fd(), t.op(), t.heredoc());
        }
        Token target = peek();
        if (target.kind() == Kind.END) {
            throw new ShellSyntaxException("syntax error near unexpected token `newline'", t.line());
        }
        if (target.kind() != Kind.WORD) {
            throw unexpected(target);
        }
        consume();
        return new Ast.Redirect(t.fd(), t.op(), target.word());
    }

    /**
     * {@code NAME() { ... }}: the body is read past, not kept (a runbook's functions use shell the console does
     * not run; the console has them built in). It ends at the {@code }} word that balances its {@code {}.
     */
    private Ast functionBody(String name, int line) throws ShellSyntaxException {
        Token open = skipNewlines();
        if (!open.isWord("{")) {
            throw unsupported("a function body other than { ... }", open.line());
        }
        consume();
        int depth = 1;
        while (depth > 0) {
            Token t = consume();
            if (t.kind() == Kind.END) {
                throw new ShellSyntaxException("syntax error: unexpected end of file (missing `}')", line);
            }
            if (t.isWord("{")) {
                depth++;
            } else if (t.isWord("}")) {
                depth--;
            }
        }
        return new Ast.FunctionDefinition(name, line);
    }
}
