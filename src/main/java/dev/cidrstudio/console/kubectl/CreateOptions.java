package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ManifestFiles.Loaded;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code kubectl create -f FILE}, and the parent of {@code create namespace}, {@code create service TYPE} and
 * {@code create deployment}: the first word that is not a flag picks the subcommand, which has flags of its own.
 */
public final class CreateOptions implements Command {

    /** kubectl's hint after a usage error of a command. */
    static final String HELP_HINT = "See 'kubectl %s -h' for help and examples";

    private final Factory f;
    private final String stdin;
    private Command subcommand;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;

    public CreateOptions(Factory f, String stdin) {
        this.f = f;
        this.stdin = stdin;
    }

    /**
     * The flags every create command shares: kubectl's PrintFlags, {@code --dry-run}, {@code --save-config},
     * {@code --validate} and {@code --field-manager}, with {@code -n} from the global flags.
     */
    static KubectlFlags writeFlags(String command) {
        return DryRun.addFlag(new KubectlFlags(command).add("namespace", "n", Type.STRING, null)
                .add("output", "o", Type.STRING, "").add("template", null, Type.STRING, null)
                .add("allow-missing-template-keys", null, Type.BOOL, "true")
                .add("show-managed-fields", null, Type.BOOL, "false")
                .add("save-config", null, Type.BOOL, "false").add("validate", null, Type.STRING, "strict", "strict")
                .add("field-manager", null, Type.STRING, "kubectl-create"));
    }

    /** kubectl's {@code GetValidationDirective}: refuses a {@code --validate} it does not know. */
    static void validationDirective(Parsed p) throws UsageException {
        String v = p.string("validate", "strict");
        if (!List.of("strict", "true", "warn", "ignore", "false").contains(v.toLowerCase(java.util.Locale.ROOT))) {
            throw new UsageException("error: invalid - validate option \"" + v + "\"; must be one of: strict (or true), "
                    + "warn, ignore (or false)");
        }
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        KubectlFlags own = writeFlags("create").add("filename", "f", Type.STRINGS, null)
                .add("kustomize", "k", Type.STRING, null).add("recursive", "R", Type.BOOL, "false")
                .add("selector", "l", Type.STRING, null).add("edit", null, Type.BOOL, "false")
                .add("windows-line-endings", null, Type.BOOL, "false").add("raw", null, Type.STRING, null);
        List<String> words = own.positionals(args);
        if (!words.isEmpty()) {
            subcommand = switch (words.get(0)) {
                case "service", "svc" -> new CreateServiceOptions(f);
                case "namespace", "ns" -> new CreateNamespaceOptions(f);
                case "deployment", "deploy" -> new CreateDeploymentOptions(f);
                default -> null;
            };
            if (subcommand != null) {
                List<String> rest = new ArrayList<>(args);
                rest.remove(words.get(0));
                subcommand.complete(rest);
                return;
            }
        }
        flags = own.parse(args);
        if (!flags.args().isEmpty()) {
            throw new UsageException("error: Unexpected args: " + goList(flags.args()) + "\n"
                    + String.format(HELP_HINT, "create"));
        }
        dryRun = DryRun.of(flags, f);
        validationDirective(flags);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
    }

    /** Go's {@code %v} of a string slice. */
    static String goList(List<String> words) {
        return "[" + String.join(" ", words) + "]";
    }

    @Override
    public void validate() throws UsageException {
        if (subcommand != null) {
            subcommand.validate();
            return;
        }
        if (flags.raw("filename").isEmpty() && !flags.has("kustomize")) {
            throw new UsageException("error: must specify one of -f and -k");
        }
    }

    @Override
    public Result run() throws FlagException, UsageException {
        if (subcommand != null) {
            return subcommand.run();
        }
        return createFromFiles();
    }

    private Result createFromFiles() throws UsageException {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        // Warnings go to standard error too, but only a refusal fails the command.
        boolean failed = false;
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
                    failed = true;
                }
            }
            for (Map<String, Object> kept : l.kept()) {
                Result r = f.pods().create(kept, ManifestFiles.keptNamespace(kept, flags.namespace()), false,
                        l.source());
                out.append(r.stdout());
                err.append(r.stderr());
                failed |= r.exitCode() != 0;
            }
        }
        return new Result(out.toString(), err.toString(), failed ? 1 : 0);
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
