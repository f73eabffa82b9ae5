package dev.cidrstudio.server;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a request goes, read from its path as kube-apiserver's handler chain reads it: the version and discovery
 * documents, a collection ({@code /api/v1/namespaces/NS/services}) or one object
 * ({@code /apis/networking.k8s.io/v1/servicecidrs/NAME}), or a Pod's log ({@code /api/v1/namespaces/NS/pods/NAME/log}).
 */
record ApiPath(Target target, String group, String version, ServedResource resource, String namespace, String name) {

    enum Target { VERSION, CORE_VERSIONS, GROUPS, GROUP, RESOURCES, COLLECTION, OBJECT, POD_LOG, NOT_FOUND }

    private static final ApiPath NOT_FOUND = simple(Target.NOT_FOUND);

    private static ApiPath simple(Target t) {
        return new ApiPath(t, null, null, null, null, null);
    }

    static ApiPath parse(String path) {
        List<String> s = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                s.add(part);
            }
        }
        if (s.isEmpty()) {
            return NOT_FOUND;
        }
        switch (s.get(0)) {
            case "version" -> {
                return s.size() == 1 ? simple(Target.VERSION) : NOT_FOUND;
            }
            case "api" -> {
                if (s.size() == 1) {
                    return simple(Target.CORE_VERSIONS);
                }
                if (!s.get(1).equals("v1")) {
                    return NOT_FOUND;
                }
                return resourcePath(ServedResource.CORE, "v1", s.subList(2, s.size()));
            }
            case "apis" -> {
                if (s.size() == 1) {
                    return simple(Target.GROUPS);
                }
                String group = s.get(1);
                if (!ServedResource.GROUPS.contains(group)) {
                    return NOT_FOUND;
                }
                if (s.size() == 2) {
                    return new ApiPath(Target.GROUP, group, null, null, null, null);
                }
                if (!s.get(2).equals("v1")) {
                    return NOT_FOUND;
                }
                return resourcePath(group, "v1", s.subList(3, s.size()));
            }
            default -> {
                return NOT_FOUND;
            }
        }
    }

    private static ApiPath resourcePath(String group, String version, List<String> rest) {
        if (rest.isEmpty()) {
            return new ApiPath(Target.RESOURCES, group, version, null, null, null);
        }
        String namespace = null;
        List<String> r = rest;
        // namespaces/NS/RESOURCE[/NAME]; namespaces/NAME alone is the Namespace itself.
        if (r.size() >= 3 && r.get(0).equals("namespaces")) {
            namespace = r.get(1);
            r = r.subList(2, r.size());
        }
        if (r.size() == 3 && namespace != null && group.isEmpty() && r.get(0).equals("pods")
                && r.get(2).equals("log")) {
            return new ApiPath(Target.POD_LOG, group, version, ServedResource.find(group, version, "pods")
                    .orElseThrow(), namespace, r.get(1));
        }
        if (r.size() > 2) {
            return NOT_FOUND;
        }
        ServedResource res = ServedResource.find(group, version, r.get(0)).orElse(null);
        if (res == null || (namespace != null && !res.namespaced())) {
            return NOT_FOUND;
        }
        if (r.size() == 1) {
            return new ApiPath(Target.COLLECTION, group, version, res, namespace, null);
        }
        if (res.namespaced() && namespace == null) {
            return NOT_FOUND;
        }
        return new ApiPath(Target.OBJECT, group, version, res, namespace, r.get(1));
    }
}
