package dev.cidrstudio.console.shell;

import dev.cidrstudio.console.shell.Ast.Part;
import dev.cidrstudio.console.shell.Ast.Word;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * Walks an {@link Ast} as the shell runs it: expands words, wires pipes and redirections as texts, runs built-ins
 * and the host's commands, and keeps the variables and the last exit status. Every loop, nesting and output is
 * bounded, so no script can hang the console or fill its memory.
 */
public final class ShellInterpreter {

    /** The name the shell's own messages start with. */
    public static final String NAME = "console";
    /** The status of a command that failed inside the console, as a program's unhandled failure. */
    public static final int FAILED = 70;
    private static final System.Logger LOG = System.getLogger(ShellInterpreter.class.getName());
    /** The most iterations one loop runs. */
    public static final int MAX_LOOP_ITERATIONS = 10_000;
    /** The most commands one top-level command runs, loops within loops included. */
    public static final int MAX_COMMANDS = 50_000;
    /** The most characters one top-level command prints, pipes and captures included. */
    public static final long MAX_OUTPUT = 16L << 20;
    /** The longest value a variable or a command substitution holds. */
    public static final int MAX_VALUE = 1 << 20;
    /** How deep {@code eval}, {@code $(...)} and captures may call one another while running. */
    public static final int MAX_CALL_DEPTH = 32;

    private final CommandHost host;
    private final Builtins builtins;
    private final Redirections redirections;
    private final Map<String, String> variables = new HashMap<>();
    private int status;
    private int lastSubstitution = -1;
    private int commands;
    private long written;
    private int callDepth;
    private int loopDepth;
    private int line;
    private boolean running;

    public ShellInterpreter(CommandHost host) {
        this.host = host;
        this.builtins = new Builtins(this, host);
        this.redirections = new Redirections(this, host);
    }

    /** {@code break} and {@code continue}, unwinding to the loop they leave. */
    static final class LoopControl extends RuntimeException {
        private static final long serialVersionUID = 1L;
        int levels;
        final boolean breaks;

        LoopControl(int levels, boolean breaks) {
            super(null, null, false, false);
            this.levels = levels;
            this.breaks = breaks;
        }
    }

    /** Runs one top-level command; returns its exit status. Its bounds start afresh. */
    public int execute(Ast node, Io io) throws ShellExit, ShellError {
        commands = 0;
        written = 0;
        running = true;
        try {
            return run(node, new Io(io.in(), counted(io.out()), counted(io.err())));
        } catch (LoopControl c) {
            return status;
        } finally {
            running = false;
        }
    }

    /** Runs shell text with its output and errors in one text, as {@code $(TEXT 2>&1)} takes them. */
    public String capture(String text) {
        boolean outer = !running;
        if (outer) {
            commands = 0;
            written = 0;
            running = true;
        }
        StringBuilder sb = new StringBuilder();
        int savedLoops = loopDepth;
        loopDepth = 0;
        try {
            enter();
            Io.Sink both = counted(sb::append);
            run(ShellParser.parse(text), new Io(Io.Input.empty(), both, both));
        } catch (ShellSyntaxException e) {
            sb.append(NAME).append(": ").append(e.getMessage()).append('\n');
        } catch (ShellError e) {
            sb.append(NAME).append(": line ").append(e.line()).append(": ").append(e.getMessage()).append('\n');
        } catch (ShellExit | LoopControl e) {
            // Like a subshell: exit and break end only the captured command.
        } finally {
            callDepth--;
            loopDepth = savedLoops;
            if (outer) {
                running = false;
            }
        }
        return sb.toString();
    }

    public int status() {
        return status;
    }

    /** The shell's variables, for tests and the host. */
    public Map<String, String> variables() {
        return variables;
    }

    int loopDepth() {
        return loopDepth;
    }

    int line() {
        return line;
    }

    private void enter() throws ShellError {
        if (++callDepth > MAX_CALL_DEPTH) {
            throw new ShellError("commands calling commands more than " + MAX_CALL_DEPTH
                    + " deep are not run in the practice console", line);
        }
    }

    Io.Sink counted(Io.Sink sink) {
        return text -> {
            written += text.length();
            if (written > MAX_OUTPUT) {
                throw new ShellError("the command printed more than " + (MAX_OUTPUT >> 20)
                        + " MiB; the practice console stopped it", line);
            }
            sink.write(text);
        };
    }

    void setVariable(String name, String value) throws ShellError {
        if (value.length() > MAX_VALUE) {
            throw new ShellError(name + ": a value longer than " + MAX_VALUE
                    + " characters is more than the practice console keeps", line);
        }
        variables.put(name, value);
    }

    // ---- nodes

    int run(Ast node, Io io) throws ShellExit, ShellError {
        status = runNode(node, io);
        return status;
    }

    private int runNode(Ast node, Io io) throws ShellExit, ShellError {
        if (node instanceof Ast.SimpleCommand c) {
            return simpleCommand(c, io);
        } else if (node instanceof Ast.Pipeline p) {
            return pipeline(p, io);
        } else if (node instanceof Ast.AndOr a) {
            int left = run(a.left(), io);
            return (left == 0) == a.and() ? run(a.right(), io) : left;
        } else if (node instanceof Ast.Sequence s) {
            int last = 0;
            for (Ast item : s.items()) {
                last = run(item, io);
            }
            return last;
        } else if (node instanceof Ast.ForLoop f) {
            return forLoop(f, io);
        } else if (node instanceof Ast.WhileLoop w) {
            return whileLoop(w, io);
        } else if (node instanceof Ast.IfClause i) {
            for (Ast.Branch b : i.branches()) {
                if (run(b.condition(), io) == 0) {
                    return run(b.body(), io);
                }
            }
            return i.orElse() == null ? 0 : run(i.orElse(), io);
        } else if (node instanceof Ast.Group g) {
            return g.subshell() ? subshell(g.body(), io) : run(g.body(), io);
        } else if (node instanceof Ast.Redirected r) {
            line = r.line();
            return redirections.redirected(r.redirects(), io, inner -> run(r.body(), inner));
        } else if (node instanceof Ast.FunctionDefinition f) {
            if (host.isBuiltInFunction(f.name())) {
                return 0;
            }
            io.err().write(NAME + ": line " + f.line() + ": " + host.functionsNotAvailable() + "\n");
            return 2;
        }
        throw new IllegalStateException("unknown node " + node);
    }

    private int subshell(Ast body, Io io) throws ShellError {
        Map<String, String> saved = new HashMap<>(variables);
        try {
            return run(body, io);
        } catch (ShellExit e) {
            return e.status();
        } finally {
            variables.clear();
            variables.putAll(saved);
        }
    }

    private int simpleCommand(Ast.SimpleCommand c, Io io) throws ShellExit, ShellError {
        line = c.line();
        if (host.cancelled()) {
            throw new CancellationException("script cancelled");
        }
        if (++commands > MAX_COMMANDS) {
            throw new ShellError("stopped after " + MAX_COMMANDS + " commands: the practice console runs no more "
                    + "in one go", line);
        }
        lastSubstitution = -1;
        List<String> argv = expandFields(c.words(), io);
        if (argv.isEmpty()) {
            for (Ast.Assignment a : c.assignments()) {
                setVariable(a.name(), expandText(withTilde(a.value()), io));
            }
            int result = lastSubstitution >= 0 ? lastSubstitution : 0;
            return c.redirects().isEmpty() ? result : redirections.redirected(c.redirects(), io, inner -> result);
        }
        Map<String, String> saved = new HashMap<>();
        for (Ast.Assignment a : c.assignments()) {
            saved.putIfAbsent(a.name(), variables.get(a.name()));
            setVariable(a.name(), expandText(withTilde(a.value()), io));
        }
        try {
            int at = line;
            return redirections.redirected(c.redirects(), io, inner -> invoke(argv, inner, at));
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) {
                    variables.remove(k);
                } else {
                    variables.put(k, v);
                }
            });
        }
    }

    /** Runs one command by its words: a built-in, else the host's, else one line saying it is not there. */
    int invoke(List<String> argv, Io io, int at) throws ShellExit, ShellError {
        String name = argv.get(0);
        List<String> args = List.copyOf(argv.subList(1, argv.size()));
        Builtins.Command b = builtins.find(name);
        try {
            if (b != null) {
                return b.run(args, io);
            }
            if (host.runs(name)) {
                return host.run(name, args, io, this);
            }
        } catch (LoopControl | CancellationException e) {
            throw e;
        } catch (RuntimeException e) {
            // A fault of the console's own, not of the script: that command fails, as a crashed program would,
            // and the script goes on.
            LOG.log(System.Logger.Level.DEBUG, () -> "line " + at + ": " + name + " failed", e);
            io.err().write(NAME + ": line " + at + ": " + failed(name, e) + "\n");
            return FAILED;
        }
        io.err().write(NAME + ": line " + at + ": " + host.notAvailable(name) + "\n");
        return 127;
    }

    /** The one line a command that failed inside the console prints. */
    public static String failed(String name, RuntimeException e) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return name + ": the practice console could not run this command (" + why + ")";
    }

    /** A command {@code xargs} or {@code eval} starts: counted and cancellable like one the script names. */
    int invokeNested(List<String> argv, Io io) throws ShellExit, ShellError {
        if (host.cancelled()) {
            throw new CancellationException("script cancelled");
        }
        if (++commands > MAX_COMMANDS) {
            throw new ShellError("stopped after " + MAX_COMMANDS + " commands: the practice console runs no more "
                    + "in one go", line);
        }
        return invoke(argv, io, line);
    }

    /** {@code eval TEXT}: parses and runs it here. */
    int evaluate(String text, Io io) throws ShellExit, ShellError {
        Ast node;
        try {
            node = ShellParser.parse(text, line, callDepth);
        } catch (ShellSyntaxException e) {
            io.err().write(NAME + ": line " + e.line() + ": " + e.getMessage() + "\n");
            return 2;
        }
        enter();
        try {
            return run(node, io);
        } finally {
            callDepth--;
        }
    }

    private int pipeline(Ast.Pipeline p, Io io) throws ShellExit, ShellError {
        Io.Input in = io.in();
        int last = 0;
        for (int i = 0; i < p.stages().size(); i++) {
            boolean lastStage = i == p.stages().size() - 1;
            StringBuilder piped = new StringBuilder();
            Io stageIo = new Io(in, lastStage ? io.out() : counted(piped::append), io.err());
            try {
                last = run(p.stages().get(i), stageIo);
            } catch (ShellExit e) {
                // Each stage of a real pipeline is a subshell: exit ends only that stage.
                if (p.stages().size() == 1) {
                    throw e;
                }
                last = e.status();
            }
            in = new Io.Input(piped.toString());
        }
        return p.negated() ? (last == 0 ? 1 : 0) : last;
    }

    private int forLoop(Ast.ForLoop f, Io io) throws ShellExit, ShellError {
        line = f.line();
        List<String> items = expandFields(f.items(), io);
        if (items.size() > MAX_LOOP_ITERATIONS) {
            throw new ShellError("loop of " + items.size() + " iterations is longer than the console runs ("
                    + MAX_LOOP_ITERATIONS + ")", f.line());
        }
        int last = 0;
        loopDepth++;
        try {
            for (String item : items) {
                setVariable(f.variable(), item);
                Integer status = pass(f.body(), io);
                if (status == null) {
                    break;
                }
                last = status;
            }
        } finally {
            loopDepth--;
        }
        return last;
    }

    private int whileLoop(Ast.WhileLoop w, Io io) throws ShellExit, ShellError {
        int last = 0;
        int iterations = 0;
        loopDepth++;
        try {
            while ((run(w.condition(), io) == 0) != w.until()) {
                if (++iterations > MAX_LOOP_ITERATIONS) {
                    throw new ShellError((w.until() ? "until" : "while") + " loop stopped after "
                            + MAX_LOOP_ITERATIONS + " iterations: the practice console runs no longer loops", w.line());
                }
                Integer status = pass(w.body(), io);
                if (status == null) {
                    break;
                }
                last = status;
            }
        } finally {
            loopDepth--;
        }
        return last;
    }

    /**
     * One pass of a loop's body: its exit status, or null when a {@code break} ends this loop; a {@code continue}
     * ends the pass, and either of them for an outer loop goes on up.
     */
    private Integer pass(Ast body, Io io) throws ShellExit, ShellError {
        try {
            return run(body, io);
        } catch (LoopControl c) {
            if (--c.levels > 0) {
                throw c;
            }
            return c.breaks ? null : 0;
        }
    }

    // ---- redirections

    /** {@code ~} or {@code ~/...} at the start of a word: {@code $HOME}, when it is set. */
    Word withTilde(Word w) {
        if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Ast.Literal l) || l.quoted()
                || !(l.text().equals("~") || l.text().startsWith("~/")) || !variables.containsKey("HOME")) {
            return w;
        }
        if (l.text().equals("~") && w.parts().size() > 1
                && !(w.parts().get(1) instanceof Ast.Literal next && next.text().startsWith("/"))) {
            return w;
        }
        List<Part> parts = new ArrayList<>(w.parts());
        parts.set(0, new Ast.Literal(variables.get("HOME") + l.text().substring(1), true));
        return new Word(parts);
    }

    // ---- word expansion

    /** Expands words into fields: unquoted expansions split at blanks, empty unquoted ones vanish. */
    List<String> expandFields(List<Word> words, Io io) throws ShellExit, ShellError {
        List<String> fields = new ArrayList<>();
        for (Word word : words) {
            Word w = withTilde(word);
            StringBuilder current = new StringBuilder();
            boolean started = false;
            for (Part p : w.parts()) {
                String v = value(p, io);
                if (p.quoted() || p instanceof Ast.Literal) {
                    current.append(v);
                    started |= p.quoted() || !v.isEmpty();
                    continue;
                }
                if (v.isEmpty()) {
                    continue;
                }
                boolean leadingBlank = Character.isWhitespace(v.charAt(0));
                boolean trailingBlank = Character.isWhitespace(v.charAt(v.length() - 1));
                if (leadingBlank && started) {
                    fields.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
                String[] pieces = v.strip().split("\\s+");
                for (int k = 0; k < pieces.length; k++) {
                    if (pieces[k].isEmpty()) {
                        continue;
                    }
                    if (k > 0) {
                        fields.add(current.toString());
                        current.setLength(0);
                    }
                    current.append(pieces[k]);
                    started = true;
                }
                if (trailingBlank && started) {
                    fields.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            }
            if (started) {
                fields.add(current.toString());
            }
        }
        return fields;
    }

    /** Expands a word into one text, without splitting: assignments, redirection targets, here-documents. */
    String expandText(Word w, Io io) throws ShellExit, ShellError {
        StringBuilder sb = new StringBuilder();
        for (Part p : w.parts()) {
            sb.append(value(p, io));
        }
        return sb.toString();
    }

    private String value(Part p, Io io) throws ShellExit, ShellError {
        if (p instanceof Ast.Literal l) {
            return l.text();
        } else if (p instanceof Ast.Parameter param) {
            return parameter(param, io);
        } else if (p instanceof Ast.CommandSubstitution sub) {
            return substitute(sub.body(), io);
        } else if (p instanceof Ast.Arithmetic a) {
            String expression = expandText(a.expression(), io);
            try {
                return String.valueOf(Arithmetic.evaluate(expression, variables));
            } catch (ArithmeticException e) {
                throw new ShellError(e.getMessage(), line);
            }
        }
        throw new IllegalStateException("unknown part " + p);
    }

    private String parameter(Ast.Parameter p, Io io) throws ShellExit, ShellError {
        String name = p.name();
        String v = switch (name) {
            case "?" -> String.valueOf(status);
            case "#" -> "0";
            case "$" -> "1";
            case "0" -> NAME;
            case "!", "@", "*", "-" -> "";
            default -> Character.isDigit(name.charAt(0)) ? null : variables.get(name);
        };
        boolean empty = v == null || v.isEmpty();
        switch (p.operator()) {
            case "#" -> {
                return String.valueOf(v == null ? 0 : v.length());
            }
            case ":-" -> {
                return empty ? expandText(p.operand(), io) : v;
            }
            case "-" -> {
                return v == null ? expandText(p.operand(), io) : v;
            }
            case ":=", "=" -> {
                if (p.operator().equals(":=") ? empty : v == null) {
                    v = expandText(p.operand(), io);
                    setVariable(name, v);
                }
                return v;
            }
            case ":+" -> {
                return empty ? "" : expandText(p.operand(), io);
            }
            case "+" -> {
                return v == null ? "" : expandText(p.operand(), io);
            }
            default -> {
                return v == null ? "" : v;
            }
        }
    }

    private String substitute(Ast body, Io io) throws ShellError {
        StringBuilder sb = new StringBuilder();
        int savedLoops = loopDepth;
        int savedLine = line;
        loopDepth = 0;
        enter();
        try {
            lastSubstitution = run(body, new Io(Io.Input.empty(), counted(sb::append), io.err()));
        } catch (ShellExit e) {
            lastSubstitution = e.status();
        } catch (LoopControl e) {
            lastSubstitution = 0;
        } finally {
            callDepth--;
            loopDepth = savedLoops;
            line = savedLine;
        }
        status = lastSubstitution;
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '\n') {
            end--;
        }
        if (end > MAX_VALUE) {
            throw new ShellError("a command substitution longer than " + MAX_VALUE
                    + " characters is more than the practice console keeps", line);
        }
        return sb.substring(0, end);
    }
}
