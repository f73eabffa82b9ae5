package dev.cidrstudio.model.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An object of a kind the model does not (yet) give behaviour to: kept exactly as it was read (plain JSON-like
 * maps, lists and scalars) and written back unchanged.
 */
public record KeptObject(String apiVersion, String kind, String namespace, String name, Map<String, Object> content) {

    public KeptObject {
        content = Collections.unmodifiableMap(new LinkedHashMap<>(content));
    }

    /** Identity within the plan: group-version, kind, namespace and name. */
    public String key() {
        return apiVersion + "|" + kind + "|" + (namespace == null ? "" : namespace) + "|" + name;
    }
}
