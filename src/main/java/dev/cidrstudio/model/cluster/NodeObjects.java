package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.validation.NodeValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the control plane reads and writes of a Node object the plan keeps: its pod CIDRs. */
final class NodeObjects {

    private NodeObjects() {
    }

    static boolean isNode(KeptObject o) {
        return "v1".equals(o.apiVersion()) && "Node".equals(o.kind());
    }

    /** {@code spec.podCIDRs} after the v1 conversion ({@code spec.podCIDR} wins when it disagrees). */
    static List<String> podCidrs(KeptObject o) {
        return podCidrs(o.content());
    }

    static List<String> podCidrs(Map<String, Object> content) {
        if (!(content.get("spec") instanceof Map<?, ?> spec)) {
            return List.of();
        }
        List<String> listed = new ArrayList<>();
        if (spec.get("podCIDRs") instanceof List<?> l) {
            l.forEach(c -> listed.add(c == null ? "" : c.toString()));
        }
        Object single = spec.get("podCIDR");
        return NodeValidation.convertPodCidrs(single == null ? null : single.toString(), listed);
    }

    /** The Node with {@code spec.podCIDR} and {@code spec.podCIDRs} set, as the controller's PATCH leaves it. */
    static KeptObject withPodCidrs(KeptObject o, List<String> cidrs) {
        Map<String, Object> content = new LinkedHashMap<>(o.content());
        Map<String, Object> spec = new LinkedHashMap<>();
        if (content.get("spec") instanceof Map<?, ?> old) {
            old.forEach((k, v) -> spec.put(String.valueOf(k), v));
        }
        spec.put("podCIDR", cidrs.get(0));
        spec.put("podCIDRs", List.copyOf(cidrs));
        content.put("spec", spec);
        return new KeptObject(o.apiVersion(), o.kind(), o.namespace(), o.name(), content);
    }
}
