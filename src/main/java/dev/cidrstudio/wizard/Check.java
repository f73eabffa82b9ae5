package dev.cidrstudio.wizard;

import dev.cidrstudio.model.cluster.ApiServer;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a step's outcome must look like. A command check runs a command and compares what it prints, so the runbook
 * script can run the very same check against a real cluster; a state check looks at the simulated cluster where no
 * single command's output is the same on every cluster (addresses the allocator picks at random), and names the
 * command a person would read instead.
 */
public sealed interface Check permits Check.CommandCheck, Check.StateCheck, Check.OutputCheck, Check.TypedCheck {

    String description();

    /** The command a person runs to see it for themselves. */
    String command();

    /** {@code verify DESCRIPTION COMMAND EXPECTED} in the console and in the runbook's script. */
    record CommandCheck(String description, String command, String expected) implements Check {
    }

    /**
     * A command whose output contains {@code pattern} (or, with {@code regex}, where the regular expression finds a
     * match): for a trainer's scenario, where the exact output varies (ages, random addresses).
     */
    record OutputCheck(String description, String command, boolean regex, String pattern) implements Check {
    }

    /**
     * The learner ran a command matching the regular expression {@code pattern} during the step (a step that only
     * looks at something). {@code command} is an example of such a command.
     */
    record TypedCheck(String description, String command, String pattern) implements Check {
    }

    /** A check on the simulated cluster: empty when it holds, else what is missing. */
    record StateCheck(String description, String command, Function<ApiServer, Optional<String>> failure)
            implements Check {
    }
}
