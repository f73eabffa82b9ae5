package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.List;
import java.util.Map;

/** {@code kubectl create namespace NAME}. */
final class CreateNamespaceOptions implements Command {

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;
    private String name;

    CreateNamespaceOptions(Factory f) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = CreateOptions.writeFlags("create namespace").parse(args);
        if (flags.args().size() != 1) {
            throw new UsageException("error: exactly one NAME is required, got " + flags.args().size() + "\n"
                    + String.format(CreateOptions.HELP_HINT, "create namespace"));
        }
        name = flags.args().get(0);
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
        CreateOptions.validationDirective(flags);
    }

    @Override
    public Result run() {
        KubeVersion client = f.api().settings().kubernetesVersion();
        Namespace ns = new Namespace(ObjectMeta.named(name), null);
        if (flags.bool("save-config", false)) {
            // CreateOrUpdateAnnotation: the object as the client encodes it, before anything is sent.
            Map<String, String> annotations = LastApplied.ofTyped(Output.typedDoc(ns, true, client));
            ns = (Namespace) ns.withMeta(ns.meta().withAnnotations(annotations));
        }
        try {
            KubeObject created = dryRun.create(f.api(), ns);
            return Result.ok(format.isDefault() ? "namespace/" + created.name() + " created" + dryRun.suffix()
                    + "\n" : format.renderTyped(created, true, client));
        } catch (ApiException e) {
            return Result.error(KubectlErrors.forStatus(e.status(), "creating", null), 1);
        }
    }
}
