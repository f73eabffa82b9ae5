package dev.cidrstudio.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents kubectl reads before it writes: {@code /openapi/v3} names one document per group-version,
 * and each says, for every resource, that its PATCH takes {@code fieldValidation} (so kubectl leaves validation to the
 * server, as with kube-apiserver) and which kind it is. The documents carry no schemas: {@code kubectl apply} then
 * computes its strategic merge patch from the types built into kubectl, and {@code kubectl explain} has nothing to
 * show yet.
 */
final class OpenApi {

    private OpenApi() {
    }

    /** "api/v1", "apis/networking.k8s.io/v1". */
    private static String key(String group, String version) {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }

    /** {@code /openapi/v3}: where each group-version's document is. */
    static Map<String, Object> root() {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (String group : allGroups()) {
            String key = key(group, "v1");
            paths.put(key, Map.of("serverRelativeURL", "/openapi/v3/" + key));
        }
        return Map.of("paths", paths);
    }

    private static List<String> allGroups() {
        java.util.ArrayList<String> groups = new java.util.ArrayList<>();
        groups.add(ServedResource.CORE);
        groups.addAll(ServedResource.GROUPS);
        return groups;
    }

    /** {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/GROUP/v1}; empty for any other path. */
    static Optional<Map<String, Object>> document(String path, String gitVersion) {
        for (String group : allGroups()) {
            if (path.equals("/openapi/v3/" + key(group, "v1"))) {
                return Optional.of(groupVersion(group, "v1", gitVersion));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> groupVersion(String group, String version, String gitVersion) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (ServedResource r : ServedResource.of(group, version)) {
            String prefix = "/" + key(group, version) + (r.namespaced() ? "/namespaces/{namespace}/" : "/");
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("operationId", "patch" + (r.namespaced() ? "Namespaced" : "") + r.kind());
            patch.put("parameters", List.of(query("dryRun"), query("fieldManager"), query("fieldValidation"),
                    query("force")));
            patch.put("responses", Map.of("200", Map.of("description", "OK")));
            patch.put("x-kubernetes-action", "patch");
            patch.put("x-kubernetes-group-version-kind", Map.of("group", r.group(), "version", r.version(),
                    "kind", r.kind()));
            paths.put(prefix + r.plural() + "/{name}", Map.of("patch", patch));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.0");
        doc.put("info", Map.of("title", "Kubernetes", "version", gitVersion));
        doc.put("paths", paths);
        doc.put("components", Map.of("schemas", Map.of()));
        return doc;
    }

    private static Map<String, Object> query(String name) {
        return Map.of("name", name, "in", "query", "schema", Map.of("type", "string", "uniqueItems", true));
    }
}
