package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import java.util.List;

/** {@code kubectl exec POD -- COMMAND}: runs a command in a Pod's container, as far as the simulation knows it. */
public final class ExecOptions implements Command {

    private final Factory f;
    private Parsed flags;

    public ExecOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        flags = new KubectlFlags("exec").add("namespace", "n", Type.STRING, null).add("stdin", "i", Type.BOOL, "false").add("tty", "t", Type.BOOL, "false")
                .add("container", "c", Type.STRING, null)
                .parse(args);
    }

    /** kubectl's {@code Complete} and {@code Validate}: the command comes after "--", and only there. */
    @Override
    public void validate() throws UsageException {
        int dash = flags.argsLenAtDash();
        if (dash < 0 && flags.args().size() > 1) {
            throw new UsageException("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- "
                    + "[COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
        }
        if (flags.args().isEmpty() || dash == 0) {
            throw new UsageException("error: pod, type/name or --filename must be specified");
        }
        if (flags.args().size() < 2) {
            throw new UsageException("error: you must specify at least one command for the container");
        }
    }

    @Override
    public Result run() {
        return f.pods().exec(flags, flags.namespace());
    }
}
