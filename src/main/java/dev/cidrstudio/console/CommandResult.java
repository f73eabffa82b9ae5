package dev.cidrstudio.console;

/** What one command printed and how it exited, as a terminal would show it. */
public record CommandResult(String stdout, String stderr, int exitCode) {

    public static CommandResult ok(String stdout) {
        return new CommandResult(stdout, "", 0);
    }

    public static CommandResult error(String stderr, int exitCode) {
        return new CommandResult("", stderr.endsWith("\n") ? stderr : stderr + "\n", exitCode);
    }
}
