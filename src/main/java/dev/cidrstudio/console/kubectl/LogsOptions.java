package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import java.util.List;

/** {@code kubectl logs POD}: what a Pod's container wrote. */
public final class LogsOptions implements Command {

    private final Factory f;
    private Parsed flags;

    public LogsOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        flags = KubectlFlags.common().add("container", "c", Type.STRING, null).add("follow", "f", Type.BOOL, "false")
                .parse(args);
    }

    @Override
    public Result run() {
        return f.pods().logs(flags, flags.namespace());
    }
}
