package dev.cidrstudio.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.IPAddress;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceCIDR;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a manifest with the fabric8 Kubernetes model classes, strictly: wrong types fail, and any field the schema
 * does not know (which fabric8 collects in "additionalProperties") is reported.
 */
final class SchemaCheck {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final Map<String, Class<?>> KINDS = Map.of("Service", Service.class, "Namespace", Namespace.class,
            "ServiceCIDR", ServiceCIDR.class, "IPAddress", IPAddress.class);

    private SchemaCheck() {
    }

    /** Problems found in one document; empty when it matches the schema. */
    static List<String> check(String yamlDocument) throws Exception {
        Map<?, ?> raw = YAML.readValue(yamlDocument, Map.class);
        Class<?> type = KINDS.get(String.valueOf(raw.get("kind")));
        if (type == null) {
            return List.of("no schema for kind " + raw.get("kind"));
        }
        Object typed = YAML.readValue(yamlDocument, type);
        List<String> problems = new ArrayList<>();
        unknownFields(typed, String.valueOf(raw.get("kind")), problems, new IdentityHashMap<>());
        return problems;
    }

    private static void unknownFields(Object o, String path, List<String> problems, IdentityHashMap<Object, Object> seen)
            throws Exception {
        if (o == null || seen.containsKey(o) || !o.getClass().getName().startsWith("io.fabric8")) {
            if (o instanceof Collection<?> c) {
                for (Object x : c) {
                    unknownFields(x, path + "[]", problems, seen);
                }
            }
            return;
        }
        seen.put(o, o);
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            Object v = m.invoke(o);
            if (m.getName().equals("getAdditionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown fields " + extra.keySet());
                }
                continue;
            }
            if (v instanceof Collection<?> c) {
                for (Object x : c) {
                    unknownFields(x, path + "." + m.getName().substring(3), problems, seen);
                }
            } else if (v instanceof Map<?, ?> map) {
                for (Object x : map.values()) {
                    unknownFields(x, path + "." + m.getName().substring(3), problems, seen);
                }
            } else {
                unknownFields(v, path + "." + m.getName().substring(3), problems, seen);
            }
        }
    }
}
