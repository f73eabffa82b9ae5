package dev.cidrstudio.console.shell;

/** Text the parser cannot read as the console's shell, with the line to name in the one-line error. */
public final class ShellSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public ShellSyntaxException(String message, int line) {
        super(message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
