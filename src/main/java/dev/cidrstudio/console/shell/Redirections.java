package dev.cidrstudio.console.shell;

import dev.cidrstudio.console.shell.Ast.Part;
import dev.cidrstudio.console.shell.Ast.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's redirections, as the shell wires them: files opened first, in order, before the command runs (one that
 * cannot be opened is reported and the command does not run), heredocs and here-strings as its input, descriptors
 * duplicated and closed, and what was opened closed after it.
 */
final class Redirections {

    private final ShellInterpreter shell;
    private final CommandHost host;

    Redirections(ShellInterpreter shell, CommandHost host) {
        this.shell = shell;
        this.host = host;
    }

    @FunctionalInterface
    interface Body {
        int run(Io io) throws ShellExit, ShellError;
    }

    /** A file a redirection opened, by the name the script gave it. */
    private record OpenedFile(String path, CommandHost.OutputFile file) {
    }

    /**
     * Wires the redirections, then runs the body. Files are opened first, in order, as the shell opens them: one
     * that cannot be opened is reported and the body does not run (status 1); those opened are closed after it.
     */
    int redirected(List<Ast.Redirect> redirects, Io io, Body body) throws ShellExit, ShellError {
        if (redirects.isEmpty()) {
            return body.run(io);
        }
        int at = shell.line();
        Io.Input in = io.in();
        Io.Sink[] fds = {null, io.out(), io.err()};
        List<OpenedFile> files = new ArrayList<>();
        int result;
        try {
            for (Ast.Redirect r : redirects) {
                boolean input = r.op() == Ast.RedirectOp.READ || r.op() == Ast.RedirectOp.HEREDOC
                        || r.op() == Ast.RedirectOp.HERESTRING;
                int fd = r.fd() >= 0 ? r.fd() : input ? 0 : 1;
                boolean names = r.op() != Ast.RedirectOp.HEREDOC && r.op() != Ast.RedirectOp.HERESTRING;
                String target = shell.expandText(names ? shell.withTilde(r.target()) : r.target(), io);
                if (names && r.op() != Ast.RedirectOp.DUPLICATE && (target.isEmpty() || hasSplitFields(r.target(),
                        target))) {
                    String word = sourceText(r.target());
                    io.err().write(ShellInterpreter.NAME + ": line " + at + ": " + (isAmbiguous(r.target()) ? word
                            + ": ambiguous redirect" : target + ": " + "No such file or directory") + "\n");
                    closeAll(files, io, at, false);
                    return 1;
                }
                switch (r.op()) {
                    case HEREDOC -> in = fd == 0 ? new Io.Input(target) : in;
                    case HERESTRING -> in = fd == 0 ? new Io.Input(target + "\n") : in;
                    case READ -> {
                        try {
                            String text = target.equals("/dev/null") ? "" : host.readFile(target);
                            in = fd == 0 ? new Io.Input(text) : in;
                        } catch (IOException e) {
                            io.err().write(ShellInterpreter.NAME + ": line " + at + ": " + target + ": No such file or directory\n");
                            closeAll(files, io, at, false);
                            return 1;
                        }
                    }
                    case DUPLICATE -> {
                        if (target.equals("1") || target.equals("2")) {
                            if (fd == 1 || fd == 2) {
                                fds[fd] = fds[Integer.parseInt(target)];
                            }
                        } else if (target.equals("-")) {
                            if (fd == 1 || fd == 2) {
                                fds[fd] = Io.DISCARD;
                            }
                        } else if (!target.matches("[0-9]+")) {
                            Io.Sink sink = fileSink(target, false, files, io, at);
                            if (sink == null) {
                                closeAll(files, io, at, false);
                                return 1;
                            }
                            fds[1] = sink;
                            fds[2] = sink;
                        }
                    }
                    case WRITE, APPEND, WRITE_BOTH -> {
                        Io.Sink sink = fileSink(target, r.op() == Ast.RedirectOp.APPEND, files, io, at);
                        if (sink == null) {
                            closeAll(files, io, at, false);
                            return 1;
                        }
                        if (r.op() == Ast.RedirectOp.WRITE_BOTH) {
                            fds[1] = sink;
                            fds[2] = sink;
                        } else if (fd == 1 || fd == 2) {
                            fds[fd] = sink;
                        }
                    }
                    default -> throw new IllegalStateException(r.op().name());
                }
            }
            result = body.run(new Io(in, fds[1], fds[2]));
        } catch (ShellExit | ShellError | RuntimeException e) {
            closeAll(files, io, at, false);
            throw e;
        }
        return closeAll(files, io, at, true) ? result : 1;
    }

    /** Closes what the redirections opened; says so when one fails (only when {@code report}). */
    private boolean closeAll(List<OpenedFile> files, Io io, int at, boolean report) throws ShellError {
        boolean ok = true;
        for (OpenedFile f : files) {
            try {
                f.file().close();
            } catch (IOException e) {
                ok = false;
                if (report) {
                    io.err().write(ShellInterpreter.NAME + ": line " + at + ": " + f.path() + ": " + e.getMessage() + "\n");
                }
            }
        }
        files.clear();
        return ok;
    }

    /** The sink of a file a redirection names, opened now; null (after saying why) when it cannot be. */
    private Io.Sink fileSink(String path, boolean append, List<OpenedFile> files, Io io, int at) throws ShellError {
        switch (path) {
            case "/dev/null" -> {
                return Io.DISCARD;
            }
            case "/dev/stdout" -> {
                return io.out();
            }
            case "/dev/stderr" -> {
                return io.err();
            }
            default -> {
                CommandHost.OutputFile file;
                try {
                    file = host.openFile(path, append);
                } catch (IOException e) {
                    io.err().write(ShellInterpreter.NAME + ": line " + at + ": " + path + ": " + e.getMessage() + "\n");
                    return null;
                }
                files.add(new OpenedFile(path, file));
                return shell.counted(text -> {
                    try {
                        file.write(text);
                    } catch (IOException e) {
                        throw new ShellError(path + ": write error: " + e.getMessage(), shell.line());
                    }
                });
            }
        }
    }

    /** Whether a redirection's word has an expansion outside quotes, which may vanish or split. */
    private static boolean isAmbiguous(Word w) {
        return w.parts().stream().anyMatch(p -> !p.quoted() && !(p instanceof Ast.Literal));
    }

    /** Whether an unquoted expansion in the word gave blanks: more than one field, which the shell refuses. */
    private static boolean hasSplitFields(Word w, String expanded) {
        return isAmbiguous(w) && (expanded.isEmpty() || expanded.chars().anyMatch(Character::isWhitespace));
    }

    /** The word as the script wrote it, near enough for a message. */
    private static String sourceText(Word w) {
        StringBuilder sb = new StringBuilder();
        for (Part p : w.parts()) {
            if (p instanceof Ast.Literal l) {
                sb.append(l.text());
            } else if (p instanceof Ast.Parameter param) {
                sb.append(param.operator().isEmpty() ? "$" + param.name() : "${" + param.name() + param.operator()
                        + "...}");
            } else if (p instanceof Ast.CommandSubstitution) {
                sb.append("$(...)");
            } else {
                sb.append("$((...))");
            }
        }
        return sb.toString();
    }
}
