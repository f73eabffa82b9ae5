package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.console.kubectl.KubectlFlags.FlagException;
import dev.cidrstudio.console.kubectl.KubectlFlags.Parsed;
import dev.cidrstudio.console.kubectl.KubectlFlags.Type;
import dev.cidrstudio.console.kubectl.ManifestFiles.Loaded;
import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.yaml.YamlFormatException;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.Admission;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code kubectl apply -f FILE}: creates what is missing, updates what the manifest changes. */
public final class ApplyOptions implements Command {

    private final Factory f;
    private final String stdin;
    private Parsed flags;
    private DryRun dryRun;
    private Output format;

    public ApplyOptions(Factory f, String stdin) {
        this.f = f;
        this.stdin = stdin;
    }

    @Override
    public void complete(List<String> args) throws FlagException, UsageException {
        flags = DryRun.addFlag(new KubectlFlags("apply").add("namespace", "n", Type.STRING, null))
                .add("filename", "f", Type.STRINGS, null).add("output", "o", Type.STRING, null)
                .add("validate", null, Type.STRING, "strict", "strict")
                .add("server-side", null, Type.BOOL, "false").add("force-conflicts", null, Type.BOOL, "false")
                .add("force", null, Type.BOOL, "false").parse(args);
        if (!flags.args().isEmpty()) {
            throw new UsageException("error: Unexpected args: " + flags.args().toString().replace(", ", " ")
                    + "\n" + String.format(CreateOptions.HELP_HINT, "apply"));
        }
        dryRun = DryRun.of(flags, f);
        if (flags.raw("filename").isEmpty()) {
            throw new UsageException("error: must specify one of -f and -k");
        }
    }

    @Override
    public void validate() throws UsageException {
        boolean serverSide = flags.bool("server-side", false);
        if (flags.bool("force-conflicts", false) && !serverSide) {
            throw new UsageException("error: --force-conflicts only works with --server-side");
        }
        if (dryRun == DryRun.CLIENT && serverSide) {
            throw new UsageException("error: --dry-run=client doesn't work with --server-side (did you mean "
                    + "--dry-run=server instead?)");
        }
        format = Output.parse(flags.string("output", ""));
    }

    @Override
    public Result run() throws UsageException {
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        StringBuilder warnings = new StringBuilder();
        for (String file : flags.raw("filename")) {
            Loaded l = ManifestFiles.load(f, file, stdin);
            for (int i = 0; i < l.objects().size(); i++) {
                KubeObject obj = ManifestFiles.inNamespace(l.objects().get(i), flags.namespace());
                KubeObject withAnnotation = obj.withMeta(obj.meta().withAnnotations(
                        LastApplied.annotations(obj, l.raws().get(i))));
                try {
                    out.append(apply(withAnnotation, l.raws().get(i), warnings));
                } catch (ApiException e) {
                    errors.add(KubectlErrors.forStatus(e.status(), exists(obj) ? "applying" : "creating",
                            l.source()));
                }
            }
            for (Map<String, Object> kept : l.kept()) {
                Result r = f.pods().create(kept, ManifestFiles.keptNamespace(kept, flags.namespace()), true,
                        l.source());
                out.append(r.stdout());
                if (!r.stderr().isEmpty()) {
                    errors.add(r.stderr());
                }
            }
        }
        String err;
        if (errors.size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (String e : errors) {
                sb.append(e.startsWith("The ") ? "Error from server (Invalid): " + e : e);
            }
            err = sb.toString();
        } else {
            err = errors.isEmpty() ? "" : errors.get(0);
        }
        return new Result(out.toString(), warnings + err, errors.isEmpty() ? 0 : 1);
    }

    /** Creates or updates one object; the line kubectl prints for it. */
    private String apply(KubeObject withAnnotation, Map<String, Object> raw, StringBuilder warnings)
            throws ApiException {
        ApiServer api = f.api();
        Optional<KubeObject> existing = api.find(withAnnotation.kind(), withAnnotation.namespace(),
                withAnnotation.name());
        String verb;
        KubeObject result;
        if (existing.isEmpty()) {
            result = CreateOptions.admitted(f, withAnnotation, dryRun, warnings);
            verb = "created";
        } else {
            KubeObject patched = threeWayMerge(withAnnotation, raw, existing.get());
            // kubectl sends nothing when the patch is empty, so an unchanged object meets no policy.
            KubeObject trial = withoutAdmission(api, () -> DryRun.onServer(api, () -> api.update(patched)));
            boolean changed = !sameApart(trial, existing.get());
            result = trial;
            if (changed) {
                try {
                    result = dryRun == DryRun.NONE ? api.update(patched)
                            : DryRun.onServer(api, () -> api.update(patched));
                } finally {
                    warnings.append(f.warnings());
                }
            }
            verb = changed ? "configured" : "unchanged";
        }
        return format.isDefault() ? ResourceTypes.prefix(result.kind()) + "/" + result.name() + " " + verb
                + dryRun.suffix() + "\n" : format.renderObject(result);
    }

    private static <T> T withoutAdmission(ApiServer api, DryRun.Write<T> write) throws ApiException {
        Admission admission = api.admission();
        api.setAdmission(Admission.NONE);
        try {
            return write.send();
        } finally {
            api.setAdmission(admission);
        }
    }

    private boolean exists(KubeObject o) {
        return f.api().find(o.kind(), o.namespace(), o.name()).isPresent();
    }

    /** Equal apart from the resourceVersion, which every write bumps. */
    private static boolean sameApart(KubeObject a, KubeObject b) {
        Map<String, Object> ea = Printers.encode(a.withMeta(a.meta().withResourceVersion(null)));
        Map<String, Object> eb = Printers.encode(b.withMeta(b.meta().withResourceVersion(null)));
        return ea.equals(eb);
    }

    /**
     * The object apply sends, as kubectl's three-way strategic merge patch leaves it: the live object, with what the
     * manifest sets, without what the last apply set and this manifest leaves out. Fields the server or other
     * clients set stay as they are — a PreferDualStack Service keeps the {@code ipFamilies} and {@code clusterIPs}
     * the server gave it, so applying an unrelated change never upgrades or downgrades it.
     */
    static KubeObject threeWayMerge(KubeObject applied, Map<String, Object> raw, KubeObject existing) {
        Map<String, Object> current = Printers.encode(existing);
        Map<String, Object> modified = new LinkedHashMap<>(raw);
        Map<String, Object> meta = new LinkedHashMap<>();
        if (raw.get("metadata") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> meta.put(k.toString(), v));
        }
        meta.put("annotations", new LinkedHashMap<String, Object>(applied.meta().annotations()));
        if (applied.kind().namespaced()) {
            meta.put("namespace", applied.namespace());
        }
        modified.put("metadata", meta);
        modified.remove("status");
        Map<String, Object> original = lastApplied(existing);
        try {
            Map<String, Object> merged = JsonPatch.strategicMergePatch(current, modified);
            removeLeftOut(merged, original, modified);
            List<Decoded> docs = ManifestDecoder.decodeAll("apply", GoJson.compact(merged));
            if (docs.size() == 1 && docs.get(0) instanceof Decoded.Object o) {
                return o.object();
            }
        } catch (JsonPatch.PatchException | ManifestException e) {
            // what cannot be merged is sent as the manifest says
        }
        return applied.withMeta(applied.meta().withFinalizers(existing.meta().finalizers()));
    }

    /** The configuration the last apply recorded on the live object, or an empty one. */
    private static Map<String, Object> lastApplied(KubeObject existing) {
        String text = existing.meta().annotations().get(LastApplied.ANNOTATION);
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            List<YamlReader.Document> docs = new YamlReader().read("last-applied", text);
            if (!docs.isEmpty() && Plain.toPlain(docs.get(0).root()) instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> out = (Map<String, Object>) m;
                return out;
            }
        } catch (YamlFormatException e) {
            // a damaged annotation deletes nothing, as kubectl treats a missing one
        }
        return Map.of();
    }

    /** The deletions of the three-way patch: what the last apply set that the new manifest leaves out goes. */
    @SuppressWarnings("unchecked")
    private static void removeLeftOut(Map<String, Object> merged, Map<String, Object> original,
            Map<String, Object> modified) {
        for (Map.Entry<String, Object> e : original.entrySet()) {
            String key = e.getKey();
            Object now = modified.get(key);
            if (!modified.containsKey(key)) {
                merged.remove(key);
            } else if (e.getValue() instanceof Map<?, ?> o && now instanceof Map<?, ?> n
                    && merged.get(key) instanceof Map<?, ?> m) {
                removeLeftOut((Map<String, Object>) m, (Map<String, Object>) o, (Map<String, Object>) n);
            } else if ("ports".equals(key) && e.getValue() instanceof List<?> o && now instanceof List<?> n
                    && merged.get(key) instanceof List<?> m) {
                List<Object> kept = new ArrayList<>();
                for (Object item : m) {
                    Object port = item instanceof Map<?, ?> im ? im.get("port") : null;
                    if (!(hasPort(o, port) && !hasPort(n, port))) {
                        kept.add(item);
                    }
                }
                merged.put(key, kept);
            }
        }
    }

    private static boolean hasPort(List<?> ports, Object port) {
        for (Object item : ports) {
            if (item instanceof Map<?, ?> im && im.get("port") instanceof Number a && port instanceof Number b
                    && a.longValue() == b.longValue()) {
                return true;
            }
        }
        return false;
    }
}
