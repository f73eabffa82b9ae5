package dev.cidrstudio.console.shell;

/**
 * A command the console stops instead of running on: a loop past its bound, output past what the console keeps.
 * The rest of that top-level command is skipped; the script goes on with the next.
 */
public final class ShellError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public ShellError(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
