package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import java.util.List;

/** {@code kubectl run NAME --image=IMAGE}: starts a Pod, and runs its command when the simulation knows it. */
public final class RunOptions implements Command {

    private final Factory f;
    private Parsed flags;

    public RunOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        flags = KubectlFlags.common().add("image", null, Type.STRING, null).add("restart", null, Type.STRING, "Always")
                .add("command", null, Type.BOOL, "false").add("labels", "l", Type.STRING, null)
                .parse(args);
    }

    @Override
    public Result run() {
        return f.pods().run(flags, flags.namespace());
    }
}
