package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import java.util.List;

/**
 * One kubectl command, shaped as kubectl shapes each of its own: an options object that {@link #complete}s itself
 * from the command line, {@link #validate}s what it can before talking to the API server, and then {@link #run}s.
 */
public interface Command {

    /** Fills the options from the flags and arguments that follow the command's name. */
    void complete(List<String> args) throws FlagException, UsageException;

    /** Refuses what kubectl refuses before it sends anything. */
    default void validate() throws UsageException {
    }

    /** Does the work, against the API server. */
    Result run() throws FlagException, UsageException;

    /** Complete, Validate, Run: what each of kubectl's cobra commands does. */
    static Result execute(Command command, List<String> args) throws FlagException, UsageException {
        command.complete(args);
        command.validate();
        return command.run();
    }
}
