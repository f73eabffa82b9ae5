package dev.cidrstudio.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cidrstudio.console.ShellWords.ShellSyntaxException;
import dev.cidrstudio.console.ShellWords.Token;
import dev.cidrstudio.console.ShellWords.TokenType;
import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a shell script of the kind the Kubernetes docs print, line by line, against the practice console: kubectl
 * lines, comments, heredocs into {@code kubectl apply -f -}, {@code for i in $(seq A B)} loops, pipes into
 * {@code jq}, and {@code sleep}. Between lines the simulated clock moves on as when a person types. A line outside
 * the subset prints a one-line error and the script goes on; the cluster state is never lost.
 */
public final class ScriptRunner {

    public static final Duration TYPING_PAUSE = Duration.ofSeconds(4);
    public static final Duration COMMAND_TIME = Duration.ofSeconds(1);
    static final int MAX_LOOP_ITERATIONS = 10_000;
    private static final Pattern FOR_LOOP = Pattern.compile(
            "(?s)\\s*for\\s+([A-Za-z_][A-Za-z0-9_]*)\\s+in\\s+(.*?)\\s*(?:;|\\n)\\s*do\\b(.*)\\bdone\\s*");

    private final Kubectl kubectl;
    private final ApiServer api;
    private final Kubectl.FileSource files;
    private final Map<String, String> vars = new HashMap<>();
    private final List<ConsoleOutput> output = new ArrayList<>();
    private java.util.function.BooleanSupplier cancelled = () -> false;
    private int exitCode;
    private int lineNumber;
    private boolean stopped;
    /** The pause before each line: a person typing, or none for lines a script runs back to back. */
    private Duration typingPause = TYPING_PAUSE;
    /** Commands a runbook script defines as shell functions for a real shell and the console knows itself. */
    static final List<String> BUILT_IN_FUNCTIONS = List.of(ControlPlaneCommand.NAME, "verify");
    private static final Pattern FUNCTION = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\s*\\(\\)\\s*\\{");

    public ScriptRunner(Kubectl kubectl, Kubectl.FileSource files) {
        this.kubectl = kubectl;
        this.api = kubectl.api();
        this.files = files;
    }

    /**
     * Sets the pause before each line: {@link #TYPING_PAUSE} as a person types (the default), or zero for a
     * script file whose lines follow each other (each command still takes {@link #COMMAND_TIME}).
     */
    public ScriptRunner withTypingPause(Duration pause) {
        this.typingPause = pause;
        return this;
    }

    /** Where {@code > FILE} writes; the CLI writes real files, the GUI and tests may keep them in memory. */
    @FunctionalInterface
    public interface FileSink {
        void write(String path, String content) throws IOException;
    }

    private FileSink sink = (path, content) -> {
        throw new IOException("writing files is not available here");
    };

    /** Lets {@code > FILE} write files. */
    public ScriptRunner withFileSink(FileSink fileSink) {
        this.sink = fileSink;
        return this;
    }

    /**
     * Runs the whole script; returns what it printed, in order. A failed {@code verify} stops the script, as the
     * runbook's shell function does; the runner can go on with another script afterwards.
     */
    public List<ConsoleOutput> run(String script) {
        int from = output.size();
        stopped = false;
        List<String> lines = joinContinuations(script.replace("\r\n", "\n").split("\n", -1));
        int i = 0;
        while (i < lines.size() && !stopped) {
            String line = lines.get(i);
            lineNumber = i + 1;
            i++;
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            Matcher fn = FUNCTION.matcher(trimmed);
            if (fn.lookingAt()) {
                // A runbook defines these for a real shell; the console has them built in.
                boolean oneLine = trimmed.endsWith("}");
                while (!oneLine && i < lines.size() && !lines.get(i).trim().equals("}")) {
                    i++;
                }
                i = oneLine ? i : i + 1;
                if (!BUILT_IN_FUNCTIONS.contains(fn.group(1))) {
                    error("console: line " + lineNumber + ": shell functions are not available in the practice "
                            + "console (it has " + String.join(" and ", BUILT_IN_FUNCTIONS) + " built in)");
                    exitCode = 2;
                }
                continue;
            }
            api.advanceClock(typingPause);
            try {
                if (firstWord(trimmed).equals("for")) {
                    StringBuilder loop = new StringBuilder(line);
                    int depth = countLoopDepth(line);
                    while (depth > 0 && i < lines.size()) {
                        loop.append('\n').append(lines.get(i));
                        depth += countLoopDepth(lines.get(i));
                        i++;
                    }
                    if (depth > 0) {
                        throw new ShellSyntaxException("syntax error: unexpected end of file (missing `done')");
                    }
                    runLoop(loop.toString());
                    continue;
                }
                List<Token> tokens = ShellWords.split(line, vars);
                String heredoc = null;
                for (Token t : tokens) {
                    if (t.type() == TokenType.HEREDOC) {
                        StringBuilder body = new StringBuilder();
                        boolean closed = false;
                        while (i < lines.size()) {
                            String l = lines.get(i++);
                            if (l.equals(t.text()) || l.replaceFirst("^\t+", "").equals(t.text())) {
                                closed = true;
                                break;
                            }
                            body.append(l).append('\n');
                        }
                        if (!closed) {
                            error("warning: here-document delimited by end-of-file (wanted `" + t.text() + "')");
                        }
                        heredoc = t.quoted() ? body.toString() : ShellWords.expandText(body.toString(), vars);
                    }
                }
                runCommandList(tokens, heredoc);
            } catch (ShellSyntaxException e) {
                error("console: line " + lineNumber + ": " + e.getMessage());
                exitCode = 2;
            }
        }
        return List.copyOf(output.subList(from, output.size()));
    }

    /**
     * The script cut into the commands a shell would run one after another: a command with its heredoc, a whole
     * {@code for} loop, a function definition; blank lines and comments dropped. Running them in order with one
     * runner does what running the script does, so a console can show each command followed by its own output.
     */
    public static List<String> commands(String script) {
        List<String> lines = joinContinuations(script.replace("\r\n", "\n").split("\n", -1));
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i++);
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            StringBuilder chunk = new StringBuilder(line);
            if (FUNCTION.matcher(trimmed).lookingAt()) {
                if (!trimmed.endsWith("}")) {
                    while (i < lines.size()) {
                        String l = lines.get(i++);
                        chunk.append('\n').append(l);
                        if (l.trim().equals("}")) {
                            break;
                        }
                    }
                }
            } else if (firstWord(trimmed).equals("for")) {
                int depth = countLoopDepth(line);
                while (depth > 0 && i < lines.size()) {
                    String l = lines.get(i++);
                    chunk.append('\n').append(l);
                    depth += countLoopDepth(l);
                }
            } else {
                List<Token> tokens;
                try {
                    tokens = ShellWords.split(line, Map.of());
                } catch (ShellSyntaxException e) {
                    tokens = List.of();
                }
                for (Token t : tokens) {
                    if (t.type() == TokenType.HEREDOC) {
                        while (i < lines.size()) {
                            String l = lines.get(i++);
                            chunk.append('\n').append(l);
                            if (l.equals(t.text()) || l.replaceFirst("^\t+", "").equals(t.text())) {
                                break;
                            }
                        }
                    }
                }
            }
            out.add(chunk.toString());
        }
        return out;
    }

    /** Whether the last script stopped at a failed {@code verify}. */
    public boolean stopped() {
        return stopped;
    }

    public int exitCode() {
        return exitCode;
    }

    private static List<String> joinContinuations(String[] raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String l : raw) {
            if (cur != null) {
                cur.append(l.stripLeading().isEmpty() ? "" : " ").append(l.stripLeading());
            } else {
                cur = new StringBuilder(l);
            }
            if (cur.toString().endsWith("\\") && !cur.toString().endsWith("\\\\")) {
                cur.setLength(cur.length() - 1);
                continue;
            }
            out.add(cur.toString());
            cur = null;
        }
        if (cur != null) {
            out.add(cur.toString());
        }
        return out;
    }

    private static String firstWord(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    private static int countLoopDepth(String line) {
        int depth = 0;
        for (String seg : line.split("[;\\n]")) {
            String[] words = seg.trim().split("\\s+");
            for (int k = 0; k < words.length; k++) {
                if (k == 0 && words[k].equals("for")) {
                    depth++;
                }
                if (words[k].equals("done")) {
                    depth--;
                }
            }
        }
        return depth;
    }

    private void out(String s) {
        if (!s.isEmpty()) {
            output.add(new ConsoleOutput.Stdout(s));
        }
    }

    private void error(String s) {
        if (!s.isEmpty()) {
            output.add(new ConsoleOutput.Stderr(s.endsWith("\n") ? s : s + "\n"));
        }
    }

    private void runLoop(String text) throws ShellSyntaxException {
        Matcher m = FOR_LOOP.matcher(text);
        if (!m.matches()) {
            throw new ShellSyntaxException("unsupported for loop (use: for i in $(seq 1 5); do ...; done)");
        }
        String var = m.group(1);
        List<String> items = new ArrayList<>();
        for (Token t : ShellWords.split(m.group(2), vars)) {
            if (t.type() == TokenType.SUBSTITUTION) {
                items.addAll(List.of(substitute(t.text()).trim().split("\\s+")));
            } else if (t.type() == TokenType.WORD) {
                items.add(t.text());
            } else {
                throw new ShellSyntaxException("unsupported loop list: " + m.group(2));
            }
        }
        items.removeIf(String::isEmpty);
        if (items.size() > MAX_LOOP_ITERATIONS) {
            throw new ShellSyntaxException("loop of " + items.size() + " iterations is longer than the console runs ("
                    + MAX_LOOP_ITERATIONS + ")");
        }
        List<String> body = splitCommands(m.group(3));
        for (String item : items) {
            vars.put(var, item);
            for (String cmd : body) {
                runCommandList(ShellWords.split(cmd, vars), null);
            }
        }
    }

    /** Splits a loop body on top-level {@code ;} and newlines, respecting quotes. */
    private static List<String> splitCommands(String body) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (char c : body.toCharArray()) {
            if (quote != 0) {
                cur.append(c);
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
            } else if (c == ';' || c == '\n') {
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().trim());
                }
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return out;
    }

    private String substitute(String command) throws ShellSyntaxException {
        List<Token> t = ShellWords.split(command, vars);
        List<String> words = new ArrayList<>();
        for (Token tok : t) {
            if (tok.type() != TokenType.WORD) {
                throw new ShellSyntaxException("unsupported command substitution $(" + command + ")");
            }
            words.add(tok.text());
        }
        if (!words.isEmpty() && words.get(0).equals("seq")) {
            return seq(words.subList(1, words.size()));
        }
        throw new ShellSyntaxException("unsupported command substitution $(" + command + ") (only seq is supported)");
    }

    private static String seq(List<String> args) throws ShellSyntaxException {
        try {
            long from = 1;
            long to;
            if (args.size() == 1) {
                to = Long.parseLong(args.get(0));
            } else if (args.size() == 2) {
                from = Long.parseLong(args.get(0));
                to = Long.parseLong(args.get(1));
            } else {
                throw new ShellSyntaxException("seq: use seq LAST or seq FIRST LAST");
            }
            if (to - from > MAX_LOOP_ITERATIONS) {
                throw new ShellSyntaxException("seq: range too long for the console");
            }
            StringBuilder sb = new StringBuilder();
            for (long v = from; v <= to; v++) {
                sb.append(v).append('\n');
            }
            return sb.toString();
        } catch (NumberFormatException e) {
            throw new ShellSyntaxException("seq: invalid number");
        }
    }

    private void runCommandList(List<Token> tokens, String heredoc) throws ShellSyntaxException {
        List<Token> pipeline = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() == TokenType.SEMI) {
                if (!pipeline.isEmpty()) {
                    runPipeline(pipeline, heredoc);
                }
                pipeline = new ArrayList<>();
            } else {
                pipeline.add(t);
            }
        }
        if (!pipeline.isEmpty()) {
            runPipeline(pipeline, heredoc);
        }
    }

    /** Stops the script (with a CancellationException) before its next command once {@code c} says so. */
    public ScriptRunner cancelWhen(java.util.function.BooleanSupplier c) {
        this.cancelled = c;
        return this;
    }

    private void runPipeline(List<Token> tokens, String heredoc) throws ShellSyntaxException {
        if (cancelled.getAsBoolean()) {
            throw new java.util.concurrent.CancellationException("script cancelled");
        }
        List<List<Token>> commands = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        for (Token t : tokens) {
            if (t.type() == TokenType.PIPE) {
                commands.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(t);
            }
        }
        commands.add(cur);
        String stdin = "";
        CommandResult last = CommandResult.ok("");
        for (int c = 0; c < commands.size(); c++) {
            List<String> words = new ArrayList<>();
            List<String> redirects = new ArrayList<>();
            String input = stdin;
            for (Token t : commands.get(c)) {
                switch (t.type()) {
                    case WORD -> words.add(t.text());
                    case HEREDOC -> input = heredoc == null ? "" : heredoc;
                    case SUBSTITUTION -> words.addAll(List.of(substitute(t.text()).trim().split("\\s+")));
                    case REDIRECT -> redirects.add(t.text());
                    default -> throw new ShellSyntaxException("unexpected " + t.text());
                }
            }
            if (words.isEmpty()) {
                throw new ShellSyntaxException("syntax error near unexpected token `|'");
            }
            last = redirect(runCommand(words, input), redirects);
            error(last.stderr());
            stdin = last.stdout();
        }
        out(last.stdout());
        exitCode = last.exitCode();
    }

    /** Applies {@code > FILE}, {@code 2> FILE}, {@code &> FILE} and {@code 2>&1}, in the order written. */
    private CommandResult redirect(CommandResult r, List<String> redirects) throws ShellSyntaxException {
        String out = r.stdout();
        String err = r.stderr();
        for (String rd : redirects) {
            if (rd.equals("2>&1")) {
                out = out + err;
                err = "";
                continue;
            }
            String stream = rd.substring(0, rd.indexOf('>'));
            String target = rd.substring(rd.indexOf('>') + 1);
            String content = switch (stream) {
                case "2" -> err;
                case "&" -> out + err;
                default -> out;
            };
            if (!target.equals("/dev/null")) {
                try {
                    sink.write(target, content);
                } catch (IOException e) {
                    throw new ShellSyntaxException(target + ": " + e.getMessage());
                }
            }
            if (!stream.equals("2")) {
                out = "";
            }
            if (!stream.equals("1")) {
                err = "";
            }
        }
        return new CommandResult(out, err, r.exitCode());
    }

    private CommandResult runCommand(List<String> words, String stdin) throws ShellSyntaxException {
        String cmd = words.get(0);
        List<String> args = words.subList(1, words.size());
        if (cmd.matches("[A-Za-z_][A-Za-z0-9_]*=.*") && words.size() == 1) {
            vars.put(cmd.substring(0, cmd.indexOf('=')), cmd.substring(cmd.indexOf('=') + 1));
            return CommandResult.ok("");
        }
        switch (cmd) {
            case "kubectl" -> {
                CommandResult r = kubectl.run(args, stdin);
                api.advanceClock(COMMAND_TIME);
                return r;
            }
            case "jq" -> {
                return jq(args, stdin);
            }
            case "cat" -> {
                if (args.isEmpty() || args.equals(List.of("-"))) {
                    return CommandResult.ok(stdin);
                }
                StringBuilder sb = new StringBuilder();
                for (String f : args) {
                    try {
                        sb.append(files.read(f));
                    } catch (IOException e) {
                        return CommandResult.error("cat: " + f + ": No such file or directory", 1);
                    }
                }
                return CommandResult.ok(sb.toString());
            }
            case "echo" -> {
                return CommandResult.ok(String.join(" ", args) + "\n");
            }
            case "sleep" -> {
                Duration d = parseSleep(args);
                api.advanceClock(d);
                return CommandResult.ok("");
            }
            case "seq" -> {
                return CommandResult.ok(seq(args));
            }
            case "grep" -> {
                return grep(args, stdin);
            }
            case "head" -> {
                int n = 10;
                if (args.size() == 2 && args.get(0).equals("-n")) {
                    n = Integer.parseInt(args.get(1));
                } else if (args.size() == 1 && args.get(0).matches("-[0-9]+")) {
                    n = Integer.parseInt(args.get(0).substring(1));
                }
                String[] lines = stdin.split("\n");
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < Math.min(n, lines.length); k++) {
                    if (!lines[k].isEmpty() || k < lines.length - 1) {
                        sb.append(lines[k]).append('\n');
                    }
                }
                return CommandResult.ok(stdin.isEmpty() ? "" : sb.toString());
            }
            case "true" -> {
                return CommandResult.ok("");
            }
            case ControlPlaneCommand.NAME -> {
                CommandResult r = ControlPlaneCommand.run(api, args);
                api.advanceClock(COMMAND_TIME);
                return r;
            }
            case "verify" -> {
                return verify(args);
            }
            case "set" -> {
                // A runbook's "set -euo pipefail": the console already stops at a failed verify.
                return CommandResult.ok("");
            }
            default -> throw new ShellSyntaxException(cmd + ": not available in the practice console (it runs "
                    + "kubectl, jq, cat, echo, sleep, seq, grep, head, verify and control-plane)");
        }
    }

    /**
     * {@code verify DESCRIPTION COMMAND EXPECTED}: runs COMMAND, its standard error with its output as
     * {@code $(COMMAND 2>&1)} would take it, and compares the result (trailing newlines dropped) with EXPECTED.
     */
    private CommandResult verify(List<String> args) throws ShellSyntaxException {
        if (args.size() != 3) {
            return CommandResult.error("verify: usage: verify DESCRIPTION COMMAND EXPECTED", 2);
        }
        String got = captured(args.get(1)).replaceAll("\n+$", "");
        String expected = args.get(2);
        if (got.equals(expected)) {
            return CommandResult.ok("ok: " + args.get(0) + "\n");
        }
        stopped = true;
        return new CommandResult("", "FAILED: " + args.get(0) + "\n  expected: " + expected.replace("\n", "\n            ")
                + "\n  got:      " + got.replace("\n", "\n            ") + "\n", 1);
    }

    /** What one command line prints, standard error included, as {@code $(COMMAND 2>&1)} takes it. */
    public String capture(String commandLine) {
        try {
            return captured(commandLine);
        } catch (ShellSyntaxException e) {
            return "console: " + e.getMessage() + "\n";
        }
    }

    private String captured(String commandLine) throws ShellSyntaxException {
        int mark = output.size();
        runCommandList(ShellWords.split(commandLine, vars), null);
        StringBuilder sb = new StringBuilder();
        for (ConsoleOutput o : output.subList(mark, output.size())) {
            sb.append(o.text());
        }
        output.subList(mark, output.size()).clear();
        return sb.toString();
    }

    private static Duration parseSleep(List<String> args) throws ShellSyntaxException {
        if (args.size() != 1 || !args.get(0).matches("[0-9]+(\\.[0-9]+)?[smh]?")) {
            throw new ShellSyntaxException("sleep: invalid time interval");
        }
        String a = args.get(0);
        char unit = Character.isLetter(a.charAt(a.length() - 1)) ? a.charAt(a.length() - 1) : 's';
        double v = Double.parseDouble(Character.isLetter(unit) && a.endsWith(String.valueOf(unit))
                && Character.isLetter(a.charAt(a.length() - 1)) ? a.substring(0, a.length() - 1) : a);
        long seconds = (long) Math.ceil(v * (unit == 'm' ? 60 : unit == 'h' ? 3600 : 1));
        return Duration.ofSeconds(seconds);
    }

    private static final String GREP_USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\n"
            + "Try 'grep --help' for more information.\n";

    /**
     * GNU grep over standard input: {@code -v -i -E -F -n -c -q -w -x}, context with {@code -A/-B/-C N}, basic
     * regular expressions by default. An option it does not know is an error, as grep's own.
     */
    static CommandResult grep(List<String> args, String stdin) {
        boolean invert = false;
        boolean ignoreCase = false;
        boolean extended = false;
        boolean fixed = false;
        boolean numbers = false;
        boolean count = false;
        boolean quiet = false;
        boolean word = false;
        boolean whole = false;
        int after = 0;
        int before = 0;
        String pattern = null;
        boolean options = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("--") && a.length() > 2) {
                switch (a) {
                    case "--invert-match" -> invert = true;
                    case "--ignore-case" -> ignoreCase = true;
                    case "--extended-regexp" -> extended = true;
                    case "--fixed-strings" -> fixed = true;
                    case "--line-number" -> numbers = true;
                    case "--count" -> count = true;
                    case "--quiet", "--silent" -> quiet = true;
                    case "--word-regexp" -> word = true;
                    case "--line-regexp" -> whole = true;
                    default -> {
                        return new CommandResult("", "grep: unrecognized option '" + a + "'\n" + GREP_USAGE, 2);
                    }
                }
            } else if (options && a.startsWith("-") && a.length() > 1) {
                for (int k = 1; k < a.length(); k++) {
                    char c = a.charAt(k);
                    switch (c) {
                        case 'v' -> invert = true;
                        case 'i' -> ignoreCase = true;
                        case 'E' -> extended = true;
                        case 'F' -> fixed = true;
                        case 'G' -> extended = false;
                        case 'n' -> numbers = true;
                        case 'c' -> count = true;
                        case 'q' -> quiet = true;
                        case 'w' -> word = true;
                        case 'x' -> whole = true;
                        case 'e' -> {
                            String e = a.substring(k + 1);
                            if (e.isEmpty()) {
                                if (i + 1 >= args.size()) {
                                    return new CommandResult("", "grep: option requires an argument -- 'e'\n"
                                            + GREP_USAGE, 2);
                                }
                                e = args.get(++i);
                            }
                            pattern = e;
                            k = a.length();
                        }
                        case 'A', 'B', 'C' -> {
                            String n = a.substring(k + 1);
                            if (n.isEmpty()) {
                                if (i + 1 >= args.size()) {
                                    return new CommandResult("", "grep: option requires an argument -- '" + c
                                            + "'\n" + GREP_USAGE, 2);
                                }
                                n = args.get(++i);
                            }
                            if (!n.matches("[0-9]+")) {
                                return new CommandResult("", "grep: " + n + ": invalid context length argument\n",
                                        2);
                            }
                            int v = Integer.parseInt(n);
                            if (c != 'B') {
                                after = v;
                            }
                            if (c != 'A') {
                                before = v;
                            }
                            k = a.length();
                        }
                        default -> {
                            return new CommandResult("", "grep: invalid option -- '" + c + "'\n" + GREP_USAGE, 2);
                        }
                    }
                }
            } else if (pattern == null) {
                pattern = a;
            } else {
                return new CommandResult("", "grep: " + a + ": No such file or directory\n", 2);
            }
        }
        if (pattern == null) {
            return new CommandResult("", GREP_USAGE, 2);
        }
        java.util.regex.Pattern re;
        try {
            String body = fixed ? java.util.regex.Pattern.quote(pattern) : extended ? pattern : basicRegex(pattern);
            if (word) {
                body = "(?<![\\w])(?:" + body + ")(?![\\w])";
            }
            if (whole) {
                body = "^(?:" + body + ")$";
            }
            re = java.util.regex.Pattern.compile(body, ignoreCase ? java.util.regex.Pattern.CASE_INSENSITIVE
                    | java.util.regex.Pattern.UNICODE_CASE : 0);
        } catch (java.util.regex.PatternSyntaxException e) {
            return new CommandResult("", "grep: Unmatched ( or \\(\n", 2);
        }
        String[] lines = stdin.isEmpty() ? new String[0] : stdin.split("\n", -1);
        int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        boolean[] hit = new boolean[n];
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hit[i] = re.matcher(lines[i]).find() != invert;
            hits += hit[i] ? 1 : 0;
        }
        int code = hits > 0 ? 0 : 1;
        if (quiet) {
            return new CommandResult("", "", code);
        }
        if (count) {
            return new CommandResult(hits + "\n", "", code);
        }
        StringBuilder sb = new StringBuilder();
        int lastPrinted = -1;
        int until = -1;
        for (int i = 0; i < n; i++) {
            boolean show = hit[i] || i <= until;
            if (!show) {
                for (int j = i + 1; j <= Math.min(n - 1, i + before); j++) {
                    if (hit[j]) {
                        show = true;
                        break;
                    }
                }
            }
            if (!show) {
                continue;
            }
            if (lastPrinted >= 0 && i > lastPrinted + 1 && (after > 0 || before > 0)) {
                sb.append("--\n");
            }
            if (numbers) {
                sb.append(i + 1).append(hit[i] ? ':' : '-');
            }
            sb.append(lines[i]).append('\n');
            lastPrinted = i;
            if (hit[i]) {
                until = i + after;
            }
        }
        return new CommandResult(sb.toString(), "", code);
    }

    /** A POSIX basic regular expression as a Java one: {@code \( \) \{ \} \| \+ \?} are the operators. */
    private static String basicRegex(String bre) {
        StringBuilder sb = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (inClass) {
                if (c == ']' && sb.charAt(sb.length() - 1) != '[') {
                    inClass = false;
                }
                sb.append(c == '\\' ? "\\\\" : String.valueOf(c));
                continue;
            }
            if (c == '\\' && i + 1 < bre.length()) {
                char d = bre.charAt(++i);
                if ("(){}|+?".indexOf(d) >= 0) {
                    sb.append(d);
                } else {
                    sb.append('\\').append(d);
                }
            } else if ("(){}|+?".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else if (c == '[') {
                inClass = true;
                sb.append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static CommandResult jq(List<String> args, String stdin) {
        boolean raw = false;
        String filter = null;
        for (String a : args) {
            if (a.equals("-r") || a.equals("--raw-output")) {
                raw = true;
            } else if (a.startsWith("-")) {
                return CommandResult.error("jq: Unknown option: " + a, 2);
            } else if (filter == null) {
                filter = a;
            }
        }
        if (filter == null) {
            filter = ".";
        }
        if (stdin.isBlank()) {
            return CommandResult.ok("");
        }
        StringBuilder out = new StringBuilder();
        try {
            ObjectMapper mapper = new ObjectMapper();
            mapper.configure(JsonParser.Feature.ALLOW_COMMENTS, false);
            MappingIterator<Object> it = mapper.readerFor(Object.class).readValues(stdin);
            while (it.hasNext()) {
                out.append(Jq.run(filter, it.next(), raw));
            }
        } catch (IOException | RuntimeException e) {
            return CommandResult.error("jq: error (at <stdin>:0): Cannot parse input as JSON", 2);
        } catch (Jq.JqException e) {
            return CommandResult.error("jq: error (at <stdin>:0): " + e.getMessage(), 5);
        }
        return CommandResult.ok(out.toString());
    }
}
