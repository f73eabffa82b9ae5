package dev.cidrstudio.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What kube-apiserver answers at {@code /api}, {@code /apis}, {@code /api/v1} and {@code /apis/GROUP[/VERSION]}: the
 * legacy discovery documents, and the aggregated ones ({@code apidiscovery.k8s.io/v2}) kubectl asks for first.
 */
final class Discovery {

    /** The media type of an aggregated discovery answer; kubectl sends it first in Accept. */
    static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private Discovery() {
    }

    /** Whether an Accept header asks for aggregated discovery (v2; the v2beta1 of older clients is not offered). */
    static boolean wantsAggregated(String accept) {
        if (accept == null) {
            return false;
        }
        for (String part : accept.split(",")) {
            String p = part.replace(" ", "");
            if (p.contains("as=APIGroupDiscoveryList") && p.contains("g=apidiscovery.k8s.io") && p.contains("v=v2")
                    && !p.contains("v=v2beta1")) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api}: {@code APIVersions}. */
    static Map<String, Object> coreVersions(String serverAddress) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIVersions");
        m.put("versions", List.of("v1"));
        m.put("serverAddressByClientCIDRs", List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress",
                serverAddress)));
        return m;
    }

    /** {@code /apis}: {@code APIGroupList}. */
    static Map<String, Object> groupList() {
        List<Object> groups = new ArrayList<>();
        for (String g : ServedResource.GROUPS) {
            groups.add(group(g));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroupList");
        m.put("apiVersion", "v1");
        m.put("groups", groups);
        return m;
    }

    /** {@code /apis/GROUP}: {@code APIGroup}. */
    static Map<String, Object> group(String group) {
        Map<String, Object> version = Map.of("groupVersion", group + "/v1", "version", "v1");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroup");
        m.put("apiVersion", "v1");
        m.put("name", group);
        m.put("versions", List.of(version));
        m.put("preferredVersion", version);
        return m;
    }

    /** {@code /api/v1}, {@code /apis/GROUP/VERSION}: {@code APIResourceList}. */
    static Map<String, Object> resourceList(String group, String version) {
        List<Object> resources = new ArrayList<>();
        for (ServedResource r : ServedResource.of(group, version)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.plural());
            m.put("singularName", r.singular());
            m.put("namespaced", r.namespaced());
            m.put("kind", r.kind());
            m.put("verbs", r.verbs());
            if (!r.shortNames().isEmpty()) {
                m.put("shortNames", r.shortNames());
            }
            if (!r.categories().isEmpty()) {
                m.put("categories", r.categories());
            }
            resources.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIResourceList");
        m.put("apiVersion", "v1");
        m.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        m.put("resources", resources);
        return m;
    }

    /** {@code /api} or {@code /apis} as {@code APIGroupDiscoveryList} (apidiscovery.k8s.io/v2). */
    static Map<String, Object> aggregated(boolean core) {
        List<Object> items = new ArrayList<>();
        for (String g : core ? List.of(ServedResource.CORE) : ServedResource.GROUPS) {
            List<Object> resources = new ArrayList<>();
            for (ServedResource r : ServedResource.of(g, "v1")) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("resource", r.plural());
                m.put("responseKind", Map.of("group", r.group(), "version", r.version(), "kind", r.kind()));
                m.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
                m.put("singularResource", r.singular());
                m.put("verbs", r.verbs());
                if (!r.shortNames().isEmpty()) {
                    m.put("shortNames", r.shortNames());
                }
                if (!r.categories().isEmpty()) {
                    m.put("categories", r.categories());
                }
                resources.add(m);
            }
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", "v1");
            version.put("resources", resources);
            version.put("freshness", "Current");
            Map<String, Object> metadata = new LinkedHashMap<>();
            if (!g.isEmpty()) {
                metadata.put("name", g);
            }
            metadata.put("creationTimestamp", null);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("metadata", metadata);
            item.put("versions", List.of(version));
            items.add(item);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "APIGroupDiscoveryList");
        m.put("apiVersion", "apidiscovery.k8s.io/v2");
        m.put("metadata", Map.of());
        m.put("items", items);
        return m;
    }
}
