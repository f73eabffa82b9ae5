package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.model.api.KubeObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code last-applied-configuration} annotation that {@code kubectl apply} (and {@code --save-config}) write. */
final class LastApplied {

    static final String ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

    private LastApplied() {
    }

    /** The object's annotations plus the manifest as sent: compact JSON, newline-ended, without this annotation. */
    static Map<String, String> annotations(KubeObject obj, Map<String, Object> raw) {
        Map<String, Object> copy = deepCopy(raw);
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) copy.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        Map<String, Object> ann = new LinkedHashMap<>();
        if (meta.get("annotations") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (!ANNOTATION.equals(k)) {
                    ann.put(k.toString(), v);
                }
            });
        }
        meta.put("annotations", ann);
        if (obj.kind().namespaced()) {
            meta.put("namespace", obj.namespace());
        }
        Map<String, String> annotations = new TreeMap<>(obj.meta().annotations());
        annotations.put(ANNOTATION, GoJson.compact(copy) + "\n");
        return annotations;
    }

    /** {@code --save-config} on a typed object the client built: the annotation holds its struct-ordered JSON. */
    static Map<String, String> ofTyped(Map<String, Object> typedDoc) {
        return Map.of(ANNOTATION, GoJson.compactInOrder(typedDoc) + "\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v) : v));
        return out;
    }
}
