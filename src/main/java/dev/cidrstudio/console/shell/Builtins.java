package dev.cidrstudio.console.shell;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands the shell has itself: those that change the shell ({@code read}, {@code export}, {@code exit},
 * {@code break}, {@code eval}) and the small tools the Kubernetes docs pipe kubectl's output through.
 */
final class Builtins {

    /** A built-in command. */
    @FunctionalInterface
    interface Command {
        int run(List<String> args, Io io) throws ShellExit, ShellError;
    }

    /** The longest {@code sleep}: a century of simulated time, far inside what the clock can hold. */
    static final Duration MAX_SLEEP = Duration.ofDays(36_500);

    private final ShellInterpreter shell;
    private final CommandHost host;
    private final Map<String, Command> commands = new HashMap<>();

    Builtins(ShellInterpreter shell, CommandHost host) {
        this.shell = shell;
        this.host = host;
        commands.put(":", (args, io) -> 0);
        commands.put("true", (args, io) -> 0);
        commands.put("false", (args, io) -> 1);
        commands.put("echo", (args, io) -> io.emit(ExecResult.ok(echo(args))));
        commands.put("printf", (args, io) -> io.emit(Printf.run(args)));
        commands.put("test", (args, io) -> io.emit(TestCommand.run(args, false, this::exists)));
        commands.put("[", (args, io) -> io.emit(TestCommand.run(args, true, this::exists)));
        commands.put("seq", (args, io) -> io.emit(seq(args)));
        commands.put("sleep", this::sleep);
        commands.put("cat", this::cat);
        commands.put("grep", (args, io) -> io.emit(Grep.run(args, io.in().readAll())));
        commands.put("head", (args, io) -> io.emit(TextFilters.head(args, io.in().readAll())));
        commands.put("tail", (args, io) -> io.emit(TextFilters.tail(args, io.in().readAll())));
        commands.put("wc", (args, io) -> io.emit(TextFilters.wc(args, io.in().readAll())));
        commands.put("sort", (args, io) -> io.emit(TextFilters.sort(args, io.in().readAll())));
        commands.put("uniq", (args, io) -> io.emit(TextFilters.uniq(args, io.in().readAll())));
        commands.put("read", this::read);
        commands.put("export", this::export);
        commands.put("unset", (args, io) -> {
            args.forEach(shell.variables()::remove);
            return 0;
        });
        // A runbook's "set -euo pipefail": the console already stops at a failed verify.
        commands.put("set", (args, io) -> 0);
        commands.put("exit", this::exit);
        commands.put("break", (args, io) -> loopControl("break", args, io, true));
        commands.put("continue", (args, io) -> loopControl("continue", args, io, false));
        commands.put("eval", (args, io) -> shell.evaluate(String.join(" ", args), io));
        commands.put("xargs", this::xargs);
    }

    Command find(String name) {
        return commands.get(name);
    }

    private boolean exists(String path) {
        try {
            host.readFile(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String echo(List<String> args) {
        boolean newline = true;
        boolean escapes = false;
        int i = 0;
        while (i < args.size() && args.get(i).matches("-[neE]+")) {
            newline &= !args.get(i).contains("n");
            escapes = args.get(i).contains("e") || escapes && !args.get(i).contains("E");
            i++;
        }
        String text = String.join(" ", args.subList(i, args.size()));
        if (escapes) {
            text = text.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
        }
        return newline ? text + "\n" : text;
    }

    /** seq counts exactly with at most this many digits each side of the point; GNU's long double has fewer. */
    private static final int SEQ_DIGITS = 40;

    /**
     * {@code seq [FIRST [INCREMENT]] LAST}, counted in decimal so that no value near the ends of a long (or written
     * {@code 1e18}) wraps around; printed with as many decimals as the most precise argument, as GNU seq does.
     */
    static ExecResult seq(List<String> args) {
        if (args.isEmpty() || args.size() > 3) {
            return ExecResult.error("seq: missing operand\nTry 'seq --help' for more information.", 1);
        }
        java.math.BigDecimal[] n = new java.math.BigDecimal[args.size()];
        int scale = 0;
        for (int i = 0; i < n.length; i++) {
            try {
                n[i] = new java.math.BigDecimal(args.get(i).strip());
            } catch (NumberFormatException e) {
                return ExecResult.error("seq: invalid floating point argument: '" + args.get(i) + "'", 1);
            }
            if (n[i].scale() > SEQ_DIGITS || n[i].precision() - n[i].scale() > SEQ_DIGITS) {
                return ExecResult.error("seq: '" + args.get(i) + "': more digits than the practice console "
                        + "counts with (" + SEQ_DIGITS + ")", 1);
            }
            scale = Math.max(scale, n[i].scale());
        }
        java.math.BigDecimal from = n.length == 1 ? java.math.BigDecimal.ONE : n[0];
        java.math.BigDecimal step = n.length == 3 ? n[1] : java.math.BigDecimal.ONE;
        java.math.BigDecimal to = n[n.length - 1];
        if (step.signum() == 0) {
            return ExecResult.error("seq: invalid Zero increment value: '" + args.get(1) + "'", 1);
        }
        BigInteger count = to.subtract(from).divide(step, 0, java.math.RoundingMode.FLOOR)
                .toBigInteger().add(BigInteger.ONE);
        if (count.compareTo(BigInteger.valueOf(ShellInterpreter.MAX_LOOP_ITERATIONS)) > 0) {
            return ExecResult.error("seq: range too long for the practice console (more than "
                    + ShellInterpreter.MAX_LOOP_ITERATIONS + " numbers)", 1);
        }
        if (count.signum() <= 0) {
            return ExecResult.ok("");
        }
        StringBuilder sb = new StringBuilder();
        java.math.BigDecimal v = from;
        for (int i = 0; i < count.intValue(); i++, v = v.add(step)) {
            sb.append(v.setScale(Math.max(0, scale), java.math.RoundingMode.HALF_EVEN).toPlainString()).append('\n');
        }
        return ExecResult.ok(sb.toString());
    }

    private int sleep(List<String> args, Io io) throws ShellError {
        if (args.size() != 1 || !args.get(0).matches("[0-9]+(\\.[0-9]+)?[smhd]?")) {
            return io.emit(ExecResult.error(args.isEmpty() ? "sleep: missing operand"
                    : "sleep: invalid time interval '" + String.join(" ", args) + "'", 1));
        }
        String a = args.get(0);
        char unit = Character.isLetter(a.charAt(a.length() - 1)) ? a.charAt(a.length() - 1) : 's';
        double v = Double.parseDouble(Character.isLetter(a.charAt(a.length() - 1)) ? a.substring(0, a.length() - 1)
                : a);
        long factor = switch (unit) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default -> 1;
        };
        double seconds = Math.ceil(v * factor);
        if (seconds > MAX_SLEEP.getSeconds()) {
            return io.emit(ExecResult.error("sleep: an interval longer than " + MAX_SLEEP.toDays()
                    + " days is more than the practice console's clock simulates", 1));
        }
        host.sleep(Duration.ofSeconds((long) seconds));
        return 0;
    }

    private int cat(List<String> args, Io io) throws ShellError {
        if (args.isEmpty() || args.equals(List.of("-"))) {
            return io.emit(ExecResult.ok(io.in().readAll()));
        }
        StringBuilder sb = new StringBuilder();
        for (String f : args) {
            try {
                sb.append(f.equals("-") ? io.in().readAll() : host.readFile(f));
            } catch (IOException e) {
                io.emit(ExecResult.ok(sb.toString()));
                return io.emit(ExecResult.error("cat: " + f + ": No such file or directory", 1));
            }
        }
        return io.emit(ExecResult.ok(sb.toString()));
    }

    /** {@code read [-r] [-p PROMPT] NAME...}: one line of input into variables, split at {@code $IFS}. */
    private int read(List<String> args, Io io) throws ShellError {
        boolean raw = false;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (names.isEmpty() && a.startsWith("-") && a.length() > 1) {
                raw |= a.contains("r");
                if (a.endsWith("p") || a.endsWith("t") || a.endsWith("d") || a.endsWith("n")) {
                    i++;
                }
            } else {
                names.add(a);
            }
        }
        if (names.isEmpty()) {
            names.add("REPLY");
        }
        String line = io.in().readLine();
        if (line == null) {
            for (String n : names) {
                shell.setVariable(n, "");
            }
            return 1;
        }
        boolean partial = io.in().endedWithoutNewline();
        if (!raw) {
            line = line.replaceAll("\\\\(.)", "$1");
        }
        String ifs = shell.variables().getOrDefault("IFS", " \t\n");
        List<String> fields = splitFields(line, ifs, names.size());
        for (int i = 0; i < names.size(); i++) {
            shell.setVariable(names.get(i), i < fields.size() ? fields.get(i) : "");
        }
        return partial ? 1 : 0;
    }

    /** Splits a line into at most {@code count} fields at {@code ifs} characters; the last takes the rest. */
    static List<String> splitFields(String line, String ifs, int count) {
        List<String> fields = new ArrayList<>();
        if (ifs.isEmpty()) {
            fields.add(line);
            return fields;
        }
        int i = 0;
        int n = line.length();
        while (i < n && isIfsBlank(line.charAt(i), ifs)) {
            i++;
        }
        while (i < n && fields.size() < count - 1) {
            int start = i;
            while (i < n && ifs.indexOf(line.charAt(i)) < 0) {
                i++;
            }
            fields.add(line.substring(start, i));
            while (i < n && isIfsBlank(line.charAt(i), ifs)) {
                i++;
            }
            if (i < n && ifs.indexOf(line.charAt(i)) >= 0) {
                i++;
                while (i < n && isIfsBlank(line.charAt(i), ifs)) {
                    i++;
                }
            }
        }
        if (i < n) {
            int end = n;
            while (end > i && isIfsBlank(line.charAt(end - 1), ifs)) {
                end--;
            }
            fields.add(line.substring(i, end));
        }
        return fields;
    }

    private static boolean isIfsBlank(char c, String ifs) {
        return Character.isWhitespace(c) && ifs.indexOf(c) >= 0;
    }

    private int export(List<String> args, Io io) throws ShellError {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                shell.setVariable(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return 0;
    }

    private int exit(List<String> args, Io io) throws ShellExit, ShellError {
        if (args.isEmpty()) {
            throw new ShellExit(shell.status());
        }
        try {
            throw new ShellExit(Integer.parseInt(args.get(0)) & 0xff);
        } catch (NumberFormatException e) {
            io.err().write(ShellInterpreter.NAME + ": exit: " + args.get(0) + ": numeric argument required\n");
            throw new ShellExit(2);
        }
    }

    private int loopControl(String name, List<String> args, Io io, boolean breaks) throws ShellError {
        int levels = 1;
        if (!args.isEmpty()) {
            try {
                levels = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                levels = 0;
            }
            if (levels < 1) {
                io.err().write(ShellInterpreter.NAME + ": " + name + ": " + args.get(0)
                        + ": loop count out of range\n");
                return 1;
            }
        }
        if (shell.loopDepth() == 0) {
            io.err().write(ShellInterpreter.NAME + ": line " + shell.line() + ": " + name
                    + ": only meaningful in a `for', `while', or `until' loop\n");
            return 0;
        }
        throw new ShellInterpreter.LoopControl(Math.min(levels, shell.loopDepth()), breaks);
    }

    /** {@code xargs [-n N] [-I STR] [-r] COMMAND ARGS...}: runs COMMAND with the words of its input. */
    private int xargs(List<String> args, Io io) throws ShellExit, ShellError {
        int perCommand = Integer.MAX_VALUE;
        String replace = null;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i++);
            if (a.equals("-n") && i < args.size()) {
                perCommand = Math.max(1, parseOr(args.get(i++), 1));
            } else if (a.startsWith("-n")) {
                perCommand = Math.max(1, parseOr(a.substring(2), 1));
            } else if (a.equals("-I") && i < args.size()) {
                replace = args.get(i++);
            } else if (a.equals("-r") || a.equals("--no-run-if-empty")) {
                continue;
            } else {
                return io.emit(ExecResult.error("xargs: invalid option -- '" + a + "'", 1));
            }
        }
        List<String> command = args.subList(i, args.size()).isEmpty() ? List.of("echo")
                : List.copyOf(args.subList(i, args.size()));
        String input = io.in().readAll();
        List<List<String>> runs = new ArrayList<>();
        if (replace != null) {
            for (String line : input.split("\n")) {
                if (!line.isBlank()) {
                    String r = replace;
                    String l = line.strip();
                    runs.add(command.stream().map(w -> w.replace(r, l)).toList());
                }
            }
        } else {
            List<String> words = input.isBlank() ? List.of() : List.of(input.strip().split("\\s+"));
            for (int k = 0; k < words.size(); k += perCommand) {
                List<String> argv = new ArrayList<>(command);
                argv.addAll(words.subList(k, Math.min(words.size(), k + perCommand)));
                runs.add(argv);
            }
        }
        if (runs.size() > ShellInterpreter.MAX_LOOP_ITERATIONS) {
            return io.emit(ExecResult.error("xargs: more than " + ShellInterpreter.MAX_LOOP_ITERATIONS
                    + " commands is more than the practice console runs", 1));
        }
        int status = 0;
        for (List<String> argv : runs) {
            int s = shell.invokeNested(argv, new Io(Io.Input.empty(), io.out(), io.err()));
            status = s != 0 ? 123 : status;
        }
        return status;
    }

    private static int parseOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
