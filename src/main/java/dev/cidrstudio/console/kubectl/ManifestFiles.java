package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.manifest.ManifestException;
import dev.cidrstudio.io.manifest.Plain;
import dev.cidrstudio.io.manifest.Problem;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.policy.PolicyAdmission;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The objects of the manifests {@code -f} names: a file, {@code -} for standard input, or a docs example URL. */
final class ManifestFiles {

    /**
     * One file's objects: those the model stores (with the manifests as written, for last-applied) and those it only
     * keeps (Pods, Nodes, admission policies and bindings) as plain maps. {@code source} is how errors name the file.
     */
    record Loaded(List<KubeObject> objects, List<Map<String, Object>> raws, String source,
            List<Map<String, Object>> kept) {
    }

    private ManifestFiles() {
    }

    static Loaded load(Factory f, String path, String stdin) throws UsageException {
        String source = "-".equals(path) ? "STDIN" : path;
        String text;
        if ("-".equals(path)) {
            text = stdin;
        } else if (path.startsWith("http://") || path.startsWith("https://")) {
            text = DocsExamples.read(path).orElseThrow(() -> new UsageException("error: unable to read URL \"" + path
                    + "\": the practice console is offline and only knows the examples of the Kubernetes docs "
                    + "pages it replays"));
        } else {
            try {
                text = f.read(path);
            } catch (IOException e) {
                throw new UsageException("error: the path \"" + path + "\" does not exist");
            }
        }
        List<Decoded> docs;
        try {
            docs = ManifestDecoder.decodeAll(source, text);
        } catch (ManifestException e) {
            Problem first = e.problems().get(0);
            String kube = first.kubeMessage() == null ? first.message() : first.kubeMessage();
            if (kube.startsWith("error validating data")) {
                throw new UsageException("error: error validating \"" + source + "\": " + kube + "; if you choose "
                        + "to ignore these errors, turn validation off with --validate=false");
            }
            if (kube.contains("cannot be handled as")) {
                throw new UsageException("Error from server (BadRequest): error when creating \"" + source + "\": "
                        + kube);
            }
            throw new UsageException("error: error parsing " + source + ": " + kube);
        }
        List<KubeObject> objects = new ArrayList<>();
        List<Map<String, Object>> raws = new ArrayList<>();
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Decoded d : docs) {
            if (d instanceof Decoded.Object o) {
                objects.add(o.object());
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) Plain.toPlain(o.raw());
                raws.add(raw);
            } else if (d instanceof Decoded.Other other && (("Pod".equals(other.kind())
                    || "Node".equals(other.kind())) && "v1".equals(other.apiVersion())
                    || PolicyAdmission.isPolicyKind(other.apiVersion(), other.kind()))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> raw = (Map<String, Object>) Plain.toPlain(other.raw());
                kept.add(raw);
            } else if (d instanceof Decoded.Other other) {
                throw new UsageException("error: resource mapping not found for name: \"" + nz(other.name())
                        + "\" namespace: \"" + nz(other.namespace()) + "\" from \"" + source + "\": no matches for "
                        + "kind \"" + other.kind() + "\" in version \"" + other.apiVersion() + "\"\nensure CRDs are "
                        + "installed first");
            } else {
                throw new UsageException("error: resource mapping not found for name: \"\" namespace: \"\" from \""
                        + source + "\": no matches for kind \"Cluster\" in version \"cidrstudio.dev/v1alpha1\"\n"
                        + "ensure CRDs are installed first");
            }
        }
        return new Loaded(objects, raws, source, kept);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The object in the namespace the command works in; one it names itself must be that one (or -n unset). */
    static KubeObject inNamespace(KubeObject o, String ns) throws UsageException {
        if (!o.kind().namespaced()) {
            return o.namespace() == null ? o : o.withMeta(o.meta().withNamespace(null));
        }
        if (o.namespace() == null || o.namespace().isEmpty()) {
            return o.withMeta(o.meta().withNamespace(ns));
        }
        if (!o.namespace().equals(ns) && !ns.equals(KubectlFlags.DEFAULT_NAMESPACE)) {
            throw new UsageException("error: the namespace from the provided object \"" + o.namespace() + "\" does "
                    + "not match the namespace \"" + ns + "\". You must pass '--namespace=" + o.namespace()
                    + "' to perform this operation.");
        }
        return o;
    }

    /** The namespace of a kept manifest: its own, else the command's. */
    @SuppressWarnings("unchecked")
    static String keptNamespace(Map<String, Object> manifest, String ns) {
        Object meta = manifest.get("metadata");
        Object own = meta instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("namespace") : null;
        return own instanceof String s && !s.isEmpty() ? s : ns;
    }
}
