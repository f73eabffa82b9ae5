package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ManifestFiles.Loaded;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl create -f FILE}, and the parent of {@code create namespace} and {@code create service TYPE}, which
 * share its flags.
 */
public final class CreateOptions implements Command {

    /** kubectl's hint after a usage error of a command. */
    static final String HELP_HINT = "See 'kubectl %s -h' for help and examples";

    private final Factory f;
    private final String stdin;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;

    public CreateOptions(Factory f, String stdin) {
        this.f = f;
        this.stdin = stdin;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = KubectlFlags.common().add("filename", "f", Type.STRINGS, null).add("output", "o", Type.STRING, null)
                .add("dry-run", null, Type.STRING, "none").add("tcp", null, Type.STRINGS, null)
                .add("clusterip", null, Type.STRING, null).add("node-port", null, Type.INT, "0")
                .add("external-name", null, Type.STRING, null).add("save-config", null, Type.BOOL, "false")
                .add("validate", null, Type.STRING, "strict").parse(args);
        dryRun = DryRun.of(flags);
        format = Output.parse(flags.string("output", ""));
    }

    @Override
    public void validate() throws UsageException {
        if (flags.raw("filename").isEmpty() && flags.args().isEmpty()) {
            throw new UsageException("error: must specify one of -f and -k\n\n" + String.format(HELP_HINT, "create"));
        }
    }

    @Override
    public Result run() throws FlagException, UsageException {
        if (!flags.raw("filename").isEmpty()) {
            return createFromFiles();
        }
        String sub = flags.args().get(0);
        List<String> rest = flags.args().subList(1, flags.args().size());
        return switch (sub) {
            case "service", "svc" -> Command.execute(new CreateServiceOptions(f, flags, dryRun, format), rest);
            case "namespace", "ns" -> Command.execute(new CreateNamespaceOptions(f, dryRun, format), rest);
            default -> Result.error("error: unknown command \"" + sub + "\" for \"kubectl create\"", 1);
        };
    }

    private Result createFromFiles() throws UsageException {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String file : flags.raw("filename")) {
            Loaded l = ManifestFiles.load(f, file, stdin);
            for (KubeObject o : l.objects()) {
                KubeObject obj = ManifestFiles.inNamespace(o, flags.namespace());
                try {
                    KubeObject created = admitted(f, obj, dryRun, err);
                    out.append(format.isDefault() ? ResourceTypes.prefix(created.kind()) + "/" + created.name()
                            + " created" + dryRun.suffix() + "\n" : format.renderObject(created));
                } catch (ApiException e) {
                    err.append(f.warnings());
                    err.append(KubectlErrors.forStatus(e.status(), "creating", l.source()));
                }
            }
            for (Map<String, Object> kept : l.kept()) {
                Result r = f.pods().create(kept, ManifestFiles.keptNamespace(kept, flags.namespace()), false,
                        l.source());
                out.append(r.stdout());
                err.append(r.stderr());
            }
        }
        return new Result(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    /**
     * Creates an object; the API server runs the cluster's admission policies after validation (their warnings go
     * to {@code warnings} as kubectl prints them).
     */
    static KubeObject admitted(Factory f, KubeObject obj, DryRun dry, StringBuilder warnings) throws ApiException {
        if (dry == DryRun.CLIENT) {
            return obj;
        }
        try {
            return dry.create(f.api(), obj);
        } finally {
            warnings.append(f.warnings());
        }
    }
}
