package dev.cidrstudio.console;

/** One piece of what a terminal shows, in order: standard output or standard error. */
public sealed interface ConsoleOutput permits ConsoleOutput.Stdout, ConsoleOutput.Stderr {

    String text();

    record Stdout(String text) implements ConsoleOutput {
    }

    record Stderr(String text) implements ConsoleOutput {
    }
}
