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
        flags = DryRun.addFlag(new KubectlFlags("run").add("namespace", "n", Type.STRING, null))
                .add("image", null, Type.STRING, null).add("restart", null, Type.STRING, "Always")
                .add("command", null, Type.BOOL, "false").add("output", "o", Type.STRING, "")
                .add("template", null, Type.STRING, null).add("port", null, Type.STRING, "")
                .add("labels", "l", Type.STRING, null).parse(args);
    }

    /** cobra refuses a missing required flag before kubectl's own checks; then run wants a NAME before a "--". */
    @Override
    public void validate() throws UsageException {
        if (!flags.has("image")) {
            throw new UsageException("error: required flag(s) \"image\" not set");
        }
        if (flags.args().isEmpty() || flags.argsLenAtDash() == 0) {
            throw new UsageException("error: NAME is required for run\nSee 'kubectl run -h' for help and examples");
        }
        if (flags.string("image", "").isEmpty()) {
            throw new UsageException("error: --image is required");
        }
    }

    @Override
    public Result run() throws UsageException {
        // The flags are known so that kubectl's argument rules come first; the Pods of the simulation are real only.
        if (DryRun.of(flags, f) != DryRun.NONE || !flags.string("output", "").isEmpty()) {
            return Result.error("error: the practice console runs Pods for real only: no --dry-run or -o for run", 1);
        }
        return f.pods().run(flags, flags.namespace());
    }
}
