package dev.cidrstudio.console;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cidrstudio.console.shell.Ast;
import dev.cidrstudio.console.shell.CommandHost;
import dev.cidrstudio.console.shell.ExecResult;
import dev.cidrstudio.console.shell.Grep;
import dev.cidrstudio.console.shell.Io;
import dev.cidrstudio.console.shell.ShellError;
import dev.cidrstudio.console.shell.ShellExit;
import dev.cidrstudio.console.shell.ShellInterpreter;
import dev.cidrstudio.console.shell.ShellParser;
import dev.cidrstudio.model.cluster.ApiServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Runs a shell script of the kind the Kubernetes docs print against the practice console. The script is parsed
 * into a syntax tree ({@link ShellParser}) and each top-level command run by the console's shell
 * ({@link ShellInterpreter}); this class gives that shell kubectl, jq, the runbook's {@code control-plane} and
 * {@code verify}, files and the simulated clock. Before each top-level command the clock moves on as when a person
 * types. A command outside the subset prints a one-line error and the script goes on; the cluster state is never
 * lost.
 */
public final class ScriptRunner {

    public static final Duration TYPING_PAUSE = Duration.ofSeconds(4);
    public static final Duration COMMAND_TIME = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(ScriptRunner.class.getName());
    static final int MAX_LOOP_ITERATIONS = ShellInterpreter.MAX_LOOP_ITERATIONS;
    /** Commands a runbook script defines as shell functions for a real shell and the console knows itself. */
    static final List<String> BUILT_IN_FUNCTIONS = List.of(ControlPlaneCommand.NAME, "verify");
    /** The commands the "not available" message names: the ones the docs pages use. */
    private static final String COMMANDS_NAMED = "kubectl, jq, cat, echo, sleep, seq, grep, head, verify and "
            + "control-plane";

    private final Kubectl kubectl;
    private final ApiServer api;
    private final Kubectl.FileSource files;
    private final ShellInterpreter shell;
    private final List<ConsoleOutput> output = new ArrayList<>();
    private BooleanSupplier cancelled = () -> false;
    private int exitCode;
    private boolean stopped;
    /** The pause before each line: a person typing, or none for lines a script runs back to back. */
    private Duration typingPause = TYPING_PAUSE;

    public ScriptRunner(Kubectl kubectl, Kubectl.FileSource files) {
        this.kubectl = kubectl;
        this.api = kubectl.api();
        this.files = files;
        this.shell = new ShellInterpreter(new ConsoleHost());
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
        /** A file's whole new content, once the command writing it has ended. */
        void write(String path, String content) throws IOException;

        /**
         * Opens a file for a redirection. Kept in memory by default: the text is gathered and written when the
         * command ends, after what {@code current} holds there for {@code >>}. A sink of real files opens the file
         * itself, as the shell does.
         */
        default CommandHost.OutputFile open(String path, boolean append, Kubectl.FileSource current)
                throws IOException {
            StringBuilder text = new StringBuilder();
            return new CommandHost.OutputFile() {
                @Override
                public void write(String more) {
                    text.append(more);
                }

                @Override
                public void close() throws IOException {
                    String before = "";
                    if (append) {
                        try {
                            before = current.read(path);
                        } catch (IOException e) {
                            before = "";
                        }
                    }
                    FileSink.this.write(path, before + text);
                }
            };
        }
    }

    private FileSink sink = (path, content) -> {
        throw new IOException("writing files is not available here");
    };

    /** Lets {@code > FILE} write files. */
    public ScriptRunner withFileSink(FileSink fileSink) {
        this.sink = fileSink;
        return this;
    }

    /** Sets a shell variable before the script runs, as the environment does ({@code HOME} for {@code ~}). */
    public ScriptRunner withVariable(String name, String value) {
        shell.variables().put(name, value);
        return this;
    }

    /** Stops the script (with a CancellationException) before its next command once {@code c} says so. */
    public ScriptRunner cancelWhen(BooleanSupplier c) {
        this.cancelled = c;
        return this;
    }

    /**
     * Runs the whole script; returns what it printed, in order. A failed {@code verify} (or {@code exit}) stops the
     * script, as the runbook's shell function does; the runner can go on with another script afterwards, with the
     * variables the first one set.
     */
    public List<ConsoleOutput> run(String script) {
        int from = output.size();
        stopped = false;
        Io io = new Io(Io.Input.empty(), text -> out(text), text -> error(text));
        for (ShellParser.Unit unit : ShellParser.parseScript(script)) {
            if (stopped) {
                break;
            }
            if (!(unit.node() instanceof Ast.FunctionDefinition)) {
                api.advanceClock(typingPause);
            }
            unit.warnings().forEach(this::error);
            if (unit.error() != null) {
                error(ShellInterpreter.NAME + ": line " + unit.line() + ": " + unit.error());
                exitCode = 2;
                continue;
            }
            try {
                exitCode = shell.execute(unit.node(), io);
            } catch (ShellExit e) {
                exitCode = e.status();
                stopped = true;
            } catch (ShellError e) {
                error(ShellInterpreter.NAME + ": line " + e.line() + ": " + e.getMessage());
                exitCode = 2;
            } catch (CancellationException e) {
                throw e;
            } catch (RuntimeException e) {
                // The shell itself failed on this command: that one fails, what the earlier ones did stays.
                LOG.log(System.Logger.Level.DEBUG, () -> "line " + unit.line() + " failed", e);
                error(ShellInterpreter.NAME + ": line " + unit.line() + ": "
                        + ShellInterpreter.failed(firstWord(unit.text()), e));
                exitCode = ShellInterpreter.FAILED;
            }
        }
        return List.copyOf(output.subList(from, output.size()));
    }

    private static String firstWord(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end)) && "|;&<>()".indexOf(t.charAt(end)) < 0) {
            end++;
        }
        return end == 0 ? "command" : t.substring(0, end);
    }

    /**
     * The script cut into the commands a shell would run one after another: each top-level command of its syntax
     * tree, with the loop body and here-documents it spans; blank lines and comments dropped. Running them in
     * order with one runner does what running the script does, so a console can show each command followed by its
     * own output.
     */
    public static List<String> commands(String script) {
        return ShellParser.parseScript(script).stream().map(ShellParser.Unit::text).toList();
    }

    /** Whether the last script stopped at a failed {@code verify} or an {@code exit}. */
    public boolean stopped() {
        return stopped;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What one command line prints, standard error included, as {@code $(COMMAND 2>&1)} takes it. */
    public String capture(String commandLine) {
        return shell.capture(commandLine);
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

    /** The console's side of the shell: kubectl and the other commands that reach the cluster, files, the clock. */
    private final class ConsoleHost implements CommandHost {

        @Override
        public boolean runs(String name) {
            return name.equals("kubectl") || name.equals("jq") || name.equals(ControlPlaneCommand.NAME)
                    || name.equals("verify");
        }

        @Override
        public int run(String name, List<String> args, Io io, ShellInterpreter sh) throws ShellExit, ShellError {
            switch (name) {
                case "kubectl" -> {
                    String stdin = readsStdin(args) ? io.in().readAll() : io.in().peekAll();
                    CommandResult r = kubectl.run(args, stdin);
                    api.advanceClock(COMMAND_TIME);
                    return io.emit(result(r));
                }
                case "jq" -> {
                    return io.emit(result(jq(args, io.in().readAll())));
                }
                case ControlPlaneCommand.NAME -> {
                    CommandResult r = ControlPlaneCommand.run(api, args);
                    api.advanceClock(COMMAND_TIME);
                    return io.emit(result(r));
                }
                default -> {
                    return verify(args, io, sh);
                }
            }
        }

        @Override
        public String notAvailable(String name) {
            return name + ": not available in the practice console (it runs " + COMMANDS_NAMED + ")";
        }

        @Override
        public boolean isBuiltInFunction(String name) {
            return BUILT_IN_FUNCTIONS.contains(name);
        }

        @Override
        public String functionsNotAvailable() {
            return "shell functions are not available in the practice console (it has "
                    + String.join(" and ", BUILT_IN_FUNCTIONS) + " built in)";
        }

        @Override
        public boolean cancelled() {
            return cancelled.getAsBoolean();
        }

        @Override
        public void sleep(Duration pause) {
            api.advanceClock(pause);
        }

        @Override
        public String readFile(String path) throws IOException {
            return files.read(path);
        }

        @Override
        public OutputFile openFile(String path, boolean append) throws IOException {
            return sink.open(path, append, files);
        }
    }

    /** Whether kubectl's arguments name standard input as a file ({@code -f -}), so it takes what is piped in. */
    private static boolean readsStdin(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-f-") || a.equals("--filename=-") || a.equals("-") && i > 0
                    && (args.get(i - 1).equals("-f") || args.get(i - 1).equals("--filename"))) {
                return true;
            }
        }
        return false;
    }

    private static ExecResult result(CommandResult r) {
        return new ExecResult(r.stdout(), r.stderr(), r.exitCode());
    }

    /**
     * {@code verify DESCRIPTION COMMAND EXPECTED}: runs COMMAND, its standard error with its output as
     * {@code $(COMMAND 2>&1)} would take it, and compares the result (trailing newlines dropped) with EXPECTED.
     * A difference ends the script, as the runbook's function does with {@code exit 1}.
     */
    private int verify(List<String> args, Io io, ShellInterpreter sh) throws ShellExit, ShellError {
        if (args.size() != 3) {
            return io.emit(ExecResult.error("verify: usage: verify DESCRIPTION COMMAND EXPECTED", 2));
        }
        String got = sh.capture(args.get(1)).replaceAll("\n+$", "");
        String expected = args.get(2);
        if (got.equals(expected)) {
            return io.emit(ExecResult.ok("ok: " + args.get(0) + "\n"));
        }
        io.emit(new ExecResult("", "FAILED: " + args.get(0) + "\n  expected: " + expected.replace("\n",
                "\n            ") + "\n  got:      " + got.replace("\n", "\n            ") + "\n", 1));
        throw new ShellExit(1);
    }

    /** GNU grep over standard input (the console's shell has it built in). */
    static CommandResult grep(List<String> args, String stdin) {
        ExecResult r = Grep.run(args, stdin);
        return new CommandResult(r.stdout(), r.stderr(), r.exitCode());
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
