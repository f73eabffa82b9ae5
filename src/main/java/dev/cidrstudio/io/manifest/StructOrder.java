package dev.cidrstudio.io.manifest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field order of Kubernetes' Go structs, which {@code encoding/json} follows when kubectl prints a typed
 * object (as {@code kubectl create service ... -o json} does). Unstructured objects print with sorted keys instead.
 */
public final class StructOrder {

    static final List<String> TOP = List.of("kind", "apiVersion", "metadata", "spec", "status");
    static final List<String> META = List.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");
    static final List<String> SERVICE_SPEC = List.of("ports", "selector", "clusterIP", "clusterIPs", "type",
            "externalIPs", "sessionAffinity", "loadBalancerIP", "loadBalancerSourceRanges", "externalName",
            "externalTrafficPolicy", "healthCheckNodePort", "publishNotReadyAddresses", "sessionAffinityConfig",
            "ipFamilies", "ipFamilyPolicy", "allocateLoadBalancerNodePorts", "loadBalancerClass",
            "internalTrafficPolicy", "trafficDistribution");
    static final List<String> SERVICE_PORT = List.of("name", "protocol", "appProtocol", "port", "targetPort",
            "nodePort");
    static final List<String> STATUS = List.of("phase", "loadBalancer", "conditions");

    private StructOrder() {
    }

    /** Reorders an encoded Service or Namespace the way its Go struct would marshal. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> typed(Map<String, Object> encoded) {
        Map<String, Object> out = order(encoded, TOP);
        if (out.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> meta = order((Map<String, Object>) m, META);
            for (String free : List.of("labels", "annotations")) {
                if (meta.get(free) instanceof Map<?, ?> f) {
                    meta.put(free, new TreeMap<>((Map<String, Object>) f));
                }
            }
            out.put("metadata", order(meta, META));
        }
        if (out.get("spec") instanceof Map<?, ?> s && "Service".equals(out.get("kind"))) {
            Map<String, Object> spec = order((Map<String, Object>) s, SERVICE_SPEC);
            if (spec.get("selector") instanceof Map<?, ?> sel) {
                spec.put("selector", new TreeMap<>((Map<String, Object>) sel));
            }
            if (spec.get("ports") instanceof List<?> ports) {
                spec.put("ports", ports.stream().map(p -> (Object) order((Map<String, Object>) p, SERVICE_PORT))
                        .toList());
            }
            out.put("spec", spec);
        }
        if (out.get("status") instanceof Map<?, ?> st) {
            out.put("status", order((Map<String, Object>) st, STATUS));
        }
        return out;
    }

    private static Map<String, Object> order(Map<String, Object> m, List<String> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String f : fields) {
            if (m.containsKey(f)) {
                out.put(f, m.get(f));
            }
        }
        m.forEach(out::putIfAbsent);
        return out;
    }
}
