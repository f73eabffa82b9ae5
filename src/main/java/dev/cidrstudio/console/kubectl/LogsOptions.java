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
                .add("tail", null, Type.INT, "-1").add("limit-bytes", null, Type.INT, "0").parse(args);
    }

    @Override
    public Result run() {
        Result r = f.pods().logs(flags, flags.namespace());
        String out = r.stdout();
        int tail = Integer.parseInt(flags.string("tail", "-1"));
        if (tail >= 0) {
            List<String> lines = out.lines().toList();
            out = lines.subList(Math.max(0, lines.size() - tail), lines.size()).stream()
                    .map(l -> l + "\n").reduce("", String::concat);
        }
        int limit = Integer.parseInt(flags.string("limit-bytes", "0"));
        if (limit > 0 && out.length() > limit) {
            out = out.substring(0, limit);
        }
        return new Result(out, r.stderr(), r.exitCode());
    }
}
