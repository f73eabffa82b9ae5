package dev.cidrstudio.console.shell;

/** What a command printed and its exit status, for commands that print all at once. */
public record ExecResult(String stdout, String stderr, int exitCode) {

    public static ExecResult ok(String stdout) {
        return new ExecResult(stdout, "", 0);
    }

    public static ExecResult error(String stderr, int exitCode) {
        return new ExecResult("", stderr.endsWith("\n") ? stderr : stderr + "\n", exitCode);
    }
}
