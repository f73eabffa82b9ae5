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
        flags = KubectlFlags.common().add("stdin", "i", Type.BOOL, "false").add("tty", "t", Type.BOOL, "false")
                .add("container", "c", Type.STRING, null)
                .parse(args);
    }

    @Override
    public Result run() {
        return f.pods().exec(flags, flags.namespace());
    }
}
