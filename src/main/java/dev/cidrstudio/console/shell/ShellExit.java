package dev.cidrstudio.console.shell;

/** {@code exit N}, or a failed {@code verify}: the script ends here with that status. */
public final class ShellExit extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ShellExit(int status) {
        super("exit " + status, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
