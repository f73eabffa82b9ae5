package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ResourceArgs.Target;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.Status;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]}: the API server applies the patch to the
 * stored object and validates the result as an update.
 */
public final class PatchOptions implements Command {

    /** kubectl's {@code patchTypes}, as its error lists them (sorted). */
    static final List<String> PATCH_TYPES = List.of("json", "merge", "strategic");

    private final Factory f;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;
    private String patchType;

    public PatchOptions(Factory f, String stdin) {
        this.f = f;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(new KubectlFlags("patch").add("namespace", "n", Type.STRING, null))
                .add("patch", "p", Type.STRING, "").add("patch-file", null, Type.STRING, "")
                .add("type", null, Type.STRING, "strategic").add("local", null, Type.BOOL, "false")
                .add("filename", "f", Type.STRINGS, null).add("recursive", "R", Type.BOOL, "false")
                .add("kustomize", "k", Type.STRING, null).add("subresource", null, Type.STRING, "")
                .add("output", "o", Type.STRING, "").add("template", null, Type.STRING, null)
                .add("allow-missing-template-keys", null, Type.BOOL, "true")
                .add("show-managed-fields", null, Type.BOOL, "false")
                .add("field-manager", null, Type.STRING, "kubectl-patch").parse(args);
        dryRun = DryRun.of(flags, f);
        format = Output.parseForWrite(flags.string("output", ""), flags.string("template", null),
                f.api().settings().kubernetesVersion());
        patchType = flags.string("type", "strategic");
    }

    @Override
    public void validate() throws UsageException {
        String patch = flags.string("patch", "");
        String file = flags.string("patch-file", "");
        if (!patch.isEmpty() && !file.isEmpty()) {
            throw new UsageException("error: cannot specify --patch and --patch-file together");
        }
        if (patch.isEmpty() && file.isEmpty()) {
            throw new UsageException("error: must specify --patch or --patch-file containing the contents of the patch");
        }
        boolean local = flags.bool("local", false);
        if (local && !flags.args().isEmpty()) {
            throw new UsageException("error: cannot specify --local and server resources");
        }
        if (local && dryRun == DryRun.SERVER) {
            throw new UsageException("error: cannot specify --local and --dry-run=server - did you mean "
                    + "--dry-run=client?");
        }
        if (!patchType.isEmpty() && !PATCH_TYPES.contains(patchType.toLowerCase(Locale.ROOT))) {
            throw new UsageException("error: --type must be one of [" + String.join(" ", PATCH_TYPES) + "], not "
                    + dev.cidrstudio.model.field.GoValue.quote(patchType));
        }
    }

    @Override
    public Result run() throws UsageException {
        if (flags.bool("local", false) || !flags.raw("filename").isEmpty()) {
            return Result.error("error: the practice console patches objects of the plan only, named as TYPE NAME "
                    + "or TYPE/NAME", 1);
        }
        if (flags.args().isEmpty()) {
            throw new UsageException("error: You must provide one or more resources by argument or filename.\n"
                    + "Example resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"
                    + "   '<resource> <name>'\n   '<resource>'");
        }
        Object patch = readPatch();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (Target t : ResourceArgs.targets(flags.args())) {
            String ns = t.kind().namespaced() ? flags.namespace() : null;
            for (String name : t.names()) {
                KubeObject current = f.api().<KubeObject>find(t.kind(), ns, name).orElse(null);
                if (current == null) {
                    err.append(KubectlErrors.forStatus(Status.notFound(t.kind(), name), "getting", null));
                    continue;
                }
                patchOne(current, patch, out, err);
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    private Object readPatch() throws UsageException {
        String text = flags.string("patch", "");
        if (text.isEmpty()) {
            try {
                text = f.read(flags.string("patch-file", ""));
            } catch (IOException e) {
                throw new UsageException("error: unable to read patch file: open " + flags.string("patch-file", "")
                        + ": no such file or directory");
            }
        }
        try {
            List<YamlReader.Document> docs = new YamlReader().read("patch", text);
            if (docs.isEmpty()) {
                throw new UsageException("error: unable to parse \"" + text + "\": empty patch");
            }
            return Plain.toPlain(docs.get(0).root());
        } catch (YamlFormatException e) {
            throw new UsageException("error: unable to parse \"" + text + "\": " + e.getMessage());
        }
    }

    private void patchOne(KubeObject current, Object patch, StringBuilder out, StringBuilder err) {
        Map<String, Object> before = Printers.encode(current);
        Map<String, Object> after;
        try {
            after = switch (patchType.toLowerCase(Locale.ROOT)) {
                case "json" -> JsonPatch.apply(before, patch);
                case "merge" -> JsonPatch.mergePatch(before, patch);
                default -> JsonPatch.strategicMergePatch(before, patch);
            };
        } catch (JsonPatch.PatchException e) {
            err.append("error: ").append(e.getMessage()).append('\n');
            return;
        }
        KubeObject patched;
        try {
            List<Decoded> docs = ManifestDecoder.decodeAll("patch", GoJson.compact(after));
            if (!(docs.get(0) instanceof Decoded.Object o)) {
                err.append("error: the patched object is not a ").append(current.kind().kindName()).append('\n');
                return;
            }
            patched = o.object();
        } catch (ManifestException e) {
            err.append("Error from server (BadRequest): ").append(e.problems().get(0).message()).append('\n');
            return;
        }
        boolean changed = !before.equals(after);
        KubeObject result = patched;
        try {
            if (dryRun == DryRun.SERVER) {
                result = DryRun.onServer(f.api(), () -> f.api().update(patched));
            } else if (dryRun == DryRun.NONE && changed) {
                result = f.api().update(patched);
            } else if (!changed) {
                result = current;
            }
        } catch (ApiException e) {
            err.append(f.warnings()).append(KubectlErrors.forStatus(e.status(), "patching", null));
            return;
        }
        out.append(format.isDefault() ? ResourceTypes.prefix(result.kind()) + "/" + result.name() + " patched"
                + (changed ? "" : " (no change)") + dryRun.suffix() + "\n" : format.renderObject(result));
    }
}
