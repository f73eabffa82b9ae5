package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.cluster.ApiServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the API server stores a ValidatingAdmissionPolicy or binding that is created or updated: what
 * {@code kubectl get -o yaml} shows afterwards, whichever way the object came in (console, import, the window).
 */
public final class PolicyStorage {

    /** Fields the API server owns: ignored when deciding whether an apply changed anything. */
    private static final Set<String> SERVER_META = Set.of("creationTimestamp", "generation", "uid",
            "resourceVersion", "managedFields");

    private PolicyStorage() {
    }

    /**
     * The manifest as the API server stores it: its defaults filled in, a UID and creation time (kept across
     * updates), a new resourceVersion, the generation (moved when the spec changes), and for a policy the status
     * its type-checking controller writes ({@code observedGeneration}, {@code typeChecking}).
     */
    public static Map<String, Object> stored(ApiServer api, Map<String, Object> manifest, Map<String, Object> existing) {
        Map<String, Object> doc = new LinkedHashMap<>(PolicyDefaults.apply(manifest));
        doc.remove("status");
        Map<String, Object> meta = new LinkedHashMap<>(map(manifest.get("metadata")));
        Map<String, Object> old = existing == null ? Map.of() : map(existing.get("metadata"));
        meta.put("creationTimestamp", old.getOrDefault("creationTimestamp", java.time.format.DateTimeFormatter
                .ISO_INSTANT.format(api.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))));
        long generation = old.get("generation") instanceof Number n ? n.longValue() : 0;
        boolean specChanged = existing == null || !java.util.Objects.equals(existing.get("spec"), doc.get("spec"));
        meta.put("generation", specChanged ? generation + 1 : Math.max(1, generation));
        meta.put("uid", old.containsKey("uid") ? old.get("uid") : api.assignUid());
        meta.put("resourceVersion", api.assignResourceVersion());
        doc.put("metadata", meta);
        if (PolicyAdmission.POLICY.equals(doc.get("kind"))) {
            Map<String, Object> typeChecking = new LinkedHashMap<>();
            List<Map<String, Object>> warnings = new ArrayList<>();
            for (PolicyValidation.ExpressionWarning w : PolicyValidation.typeChecking(doc)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("fieldRef", w.fieldRef());
                entry.put("warning", w.warning());
                warnings.add(entry);
            }
            if (!warnings.isEmpty()) {
                typeChecking.put("expressionWarnings", warnings);
            }
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("observedGeneration", meta.get("generation"));
            status.put("typeChecking", typeChecking);
            doc.put("status", status);
        }
        return doc;
    }

    /** Whether applying {@code manifest} over {@code existing} changes anything a user wrote. */
    public static boolean sameAsWritten(Map<String, Object> existing, Map<String, Object> manifest) {
        return written(existing).equals(written(PolicyDefaults.apply(manifest)));
    }

    private static Map<String, Object> written(Map<String, Object> doc) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.remove("status");
        Map<String, Object> meta = new LinkedHashMap<>(map(doc.get("metadata")));
        SERVER_META.forEach(meta::remove);
        copy.put("metadata", meta);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
