package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import java.util.List;

/** {@code kubectl version}: the client's versions and, unless {@code --client}, the API server's. */
public final class VersionOptions implements Command {

    static final String CLIENT_VERSION = "v1.34.2";
    static final String KUSTOMIZE_VERSION = "v5.7.1";

    private final Factory f;
    private boolean clientOnly;

    public VersionOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException {
        clientOnly = new KubectlFlags().add("client", null, Type.BOOL, "false").add("output", "o", Type.STRING, null)
                .parse(args).bool("client", false);
    }

    @Override
    public Result run() {
        StringBuilder sb = new StringBuilder("Client Version: ").append(CLIENT_VERSION).append('\n')
                .append("Kustomize Version: ").append(KUSTOMIZE_VERSION).append('\n');
        if (!clientOnly) {
            sb.append("Server Version: ").append(f.serverVersion()).append('\n');
        }
        return Result.ok(sb.toString());
    }
}
