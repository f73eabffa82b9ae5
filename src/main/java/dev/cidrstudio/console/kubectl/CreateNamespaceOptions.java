package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.cluster.ApiException;
import java.util.List;

/** {@code kubectl create namespace NAME}. */
final class CreateNamespaceOptions implements Command {

    private final Factory f;
    private final DryRun dryRun;
    private final Output format;
    private String name;

    CreateNamespaceOptions(Factory f, DryRun dryRun, Output format) {
        this.f = f;
        this.dryRun = dryRun;
        this.format = format;
    }

    @Override
    public void complete(List<String> args) throws UsageException {
        if (args.size() != 1) {
            throw new UsageException("error: exactly one NAME is required, got " + args.size() + "\n"
                    + String.format(CreateOptions.HELP_HINT, "create namespace"));
        }
        name = args.get(0);
    }

    @Override
    public Result run() {
        try {
            KubeObject created = dryRun.create(f.api(), new Namespace(ObjectMeta.named(name), null));
            return Result.ok(format.isDefault() ? "namespace/" + created.name() + " created" + dryRun.suffix()
                    + "\n" : format.renderTyped(created, true, f.api().settings().kubernetesVersion()));
        } catch (ApiException e) {
            return Result.error(KubectlErrors.forStatus(e.status(), "creating", null), 1);
        }
    }
}
