package dev.cidrstudio.console.shell;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What the shell asks of the console it runs in: the commands it does not have itself (kubectl, jq, the runbook's
 * functions), files, the simulated clock, and whether the person cancelled.
 */
public interface CommandHost {

    /** Whether the host runs the command {@code name}. */
    boolean runs(String name);

    /** Runs a command {@link #runs} accepted, writing to {@code io}; returns its exit status. */
    int run(String name, List<String> args, Io io, ShellInterpreter shell) throws ShellExit, ShellError;

    /** The message for a command nobody runs, starting with its name. */
    String notAvailable(String name);

    /** Whether a script's definition of the function {@code name} stands for a command the host has built in. */
    boolean isBuiltInFunction(String name);

    /** The message for a script defining any other function. */
    String functionsNotAvailable();

    /** Checked before each command: a cancelled script stops there. */
    boolean cancelled();

    /** {@code sleep}: the simulated clock moves on. */
    void sleep(Duration pause);

    String readFile(String path) throws IOException;

    /**
     * Opens FILE for {@code > FILE} ({@code append} false) or {@code >> FILE}, before the command runs, as the shell
     * does: a file that cannot be opened is refused with the shell's reason as the exception's message, and the
     * command does not run.
     */
    OutputFile openFile(String path, boolean append) throws IOException;

    /** A file a redirection writes: the command's text as it prints it, then closed. */
    interface OutputFile {
        void write(String text) throws IOException;

        void close() throws IOException;
    }
}
