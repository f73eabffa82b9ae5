package dev.cidrstudio.console.kubectl;

/**
 * What a kubectl command wrote to standard output and standard error, and its exit code. The console turns it into
 * its {@code CommandResult}; the commands keep their own type so that they need nothing from the console above.
 */
public record Result(String stdout, String stderr, int exitCode) {

    static Result ok(String stdout) {
        return new Result(stdout, "", 0);
    }

    /** An error line as kubectl ends it: with a newline. */
    static Result error(String stderr, int exitCode) {
        return new Result("", stderr.endsWith("\n") ? stderr : stderr + "\n", exitCode);
    }
}
