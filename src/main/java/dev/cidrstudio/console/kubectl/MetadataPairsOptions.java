package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code kubectl label} and {@code kubectl annotate} share: {@code TYPE NAME KEY=VALUE... KEY-...}, with
 * {@code --overwrite}, {@code --list}, {@code --dry-run} and {@code -o}. Each subclass says which map of the
 * object's metadata it edits and words its own errors.
 */
abstract sealed class MetadataPairsOptions implements Command permits LabelOptions, AnnotateOptions {

    protected final Factory f;
    protected Parsed flags;
    protected List<String> resources;
    protected Map<String, String> added;
    protected List<String> removed;
    protected DryRun dryRun;
    protected Output format;

    MetadataPairsOptions(Factory f) {
        this.f = f;
    }

    /** "label" or "annotate". */
    abstract String command();

    /** "label" or "annotation": the word of kubectl's {@code GetResourcesAndPairs} errors. */
    abstract String pairType();

    /** The verb the name printer uses ("labeled", "annotated"), from the maps before and after. */
    abstract String operation(Map<String, String> before, Map<String, String> after, boolean overwrite);

    abstract Map<String, String> pairs(KubeObject o);

    abstract KubeObject withPairs(KubeObject o, Map<String, String> pairs);

    /** Parses the {@code KEY=VALUE} and {@code KEY-} words into {@link #added} and {@link #removed}. */
    abstract void parsePairs(List<String> pairs) throws UsageException;

    /** The refusal when {@code --overwrite} is off and a key would change, or null. */
    abstract String overwriteError(Map<String, String> current);

    abstract String listHeader();

    /** The two file names the command's --local errors give as examples ("pod.yaml pod.json"). */
    abstract String exampleFiles();

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(new KubectlFlags(command()).add("namespace", "n", Type.STRING, null))
                .add("overwrite", null, Type.BOOL, "false").add("list", null, Type.BOOL, "false")
                .add("local", null, Type.BOOL, "false").add("all", null, Type.BOOL, "false")
                .add("all-namespaces", "A", Type.BOOL, "false").add("selector", "l", Type.STRING, null)
                .add("field-selector", null, Type.STRING, null).add("resource-version", null, Type.STRING, null)
                .add("filename", "f", Type.STRINGS, null).add("recursive", "R", Type.BOOL, "false")
                .add("kustomize", "k", Type.STRING, null).add("output", "o", Type.STRING, "")
                .add("template", null, Type.STRING, null).add("allow-missing-template-keys", null, Type.BOOL, "true")
                .add("show-managed-fields", null, Type.BOOL, "false")
                .add("field-manager", null, Type.STRING, "kubectl-" + command()).parse(args);
        dryRun = DryRun.of(flags, f);
        resources = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (String s : flags.args()) {
            boolean pair = (s.contains("=") && s.charAt(0) != '=') || (s.endsWith("-") && !s.equals("-"));
            if (pair) {
                pairs.add(s);
            } else if (!pairs.isEmpty()) {
                throw new UsageException("error: all resources must be specified before " + pairType() + " changes: "
                        + s);
            } else {
                resources.add(s);
            }
        }
        parsePairs(pairs);
        if (flags.bool("list", false) && !flags.string("output", "").isEmpty()) {
            throw new UsageException("error: --list and --output may not be specified together");
        }
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
    }

    @Override
    public void validate() throws UsageException {
        if (flags.bool("all", false) && flags.has("selector")) {
            throw new UsageException("error: cannot set --all and --selector at the same time");
        }
        if (flags.bool("local", false)) {
            if (dryRun == DryRun.SERVER) {
                throw new UsageException("error: cannot specify --local and --dry-run=server - did you mean "
                        + "--dry-run=client?");
            }
            if (!resources.isEmpty()) {
                throw new UsageException("error: can only use local files by -f " + exampleFiles()
                        .replace(" ", " or --filename=") + " when --local=true is set");
            }
            if (flags.raw("filename").isEmpty()) {
                throw new UsageException("error: one or more files must be specified as -f " + exampleFiles()
                        .replace(" ", " or --filename="));
            }
        } else if (resources.isEmpty() && flags.raw("filename").isEmpty()) {
            throw new UsageException("error: one or more resources must be specified as <resource> <name> or "
                    + "<resource>/<name>");
        }
        if (added.isEmpty() && removed.isEmpty() && !flags.bool("list", false)) {
            throw new UsageException("error: at least one " + pairType() + " update is required");
        }
    }

    @Override
    public Result run() throws UsageException {
        if (flags.bool("local", false) || !flags.raw("filename").isEmpty()) {
            return Result.error("error: the practice console " + command() + "s objects of the plan only, named as "
                    + "TYPE NAME or TYPE/NAME", 1);
        }
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        List<Target> targets = ResourceArgs.targets(resources);
        boolean one = targets.size() == 1 && targets.get(0).names().size() == 1;
        for (Target t : targets) {
            if (t.names().isEmpty()) {
                throw new UsageException("error: resource(s) were provided, but no name was specified");
            }
            String ns = t.kind().namespaced() ? flags.namespace() : null;
            for (String name : t.names()) {
                KubeObject current = f.api().<KubeObject>find(t.kind(), ns, name).orElse(null);
                if (current == null) {
                    err.append(KubectlErrors.forStatus(Status.notFound(t.kind(), name), "getting", null));
                    continue;
                }
                if (flags.bool("list", false)) {
                    if (!one) {
                        out.append(listHeader()).append(" for ").append(t.kind().kindName()).append('.')
                                .append(t.kind().group()).append('/').append(name).append(":\n");
                    }
                    pairs(current).forEach((k, v) -> out.append(one ? "" : " ").append(k).append('=').append(v)
                            .append('\n'));
                    continue;
                }
                edit(current, out, err);
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private void edit(KubeObject current, StringBuilder out, StringBuilder err) {
        Map<String, String> before = new TreeMap<>(pairs(current));
        for (String key : removed) {
            if (!before.containsKey(key) && command().equals("label")) {
                out.append("label \"").append(key).append("\" not found.\n");
            }
        }
        boolean overwrite = flags.bool("overwrite", false);
        if (!overwrite) {
            String refusal = overwriteError(before);
            if (refusal != null) {
                err.append("error: ").append(refusal).append('\n');
                return;
            }
        }
        Map<String, String> after = new TreeMap<>(before);
        after.putAll(added);
        removed.forEach(after::remove);
        String operation = operation(before, after, overwrite);
        KubeObject changed = withPairs(current, after);
        KubeObject result = changed;
        try {
            if (dryRun == DryRun.SERVER) {
                result = DryRun.onServer(f.api(), () -> f.api().update(changed));
            } else if (dryRun == DryRun.NONE && !before.equals(after)) {
                result = f.api().update(changed);
            }
        } catch (ApiException e) {
            err.append(f.warnings()).append(KubectlErrors.forStatus(e.status(), "patching", null));
            return;
        }
        out.append(format.isDefault() ? ResourceTypes.prefix(result.kind()) + "/" + result.name() + " " + operation
                + dryRun.suffix() + "\n" : format.renderObject(result));
    }
}
