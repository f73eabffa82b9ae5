package dev.cidrstudio.console.kubectl;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.policy.PolicyStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kubectl get} and {@code delete} of ValidatingAdmissionPolicies and their bindings (kept objects), with
 * kubectl's columns, and the server-side fields the API server adds when they are written.
 */
final class PolicyObjects {

    static final Set<String> POLICY_TYPES = Set.of("validatingadmissionpolicies", "validatingadmissionpolicy",
            "validatingadmissionpolicies.admissionregistration.k8s.io");
    static final Set<String> BINDING_TYPES = Set.of("validatingadmissionpolicybindings",
            "validatingadmissionpolicybinding", "validatingadmissionpolicybindings.admissionregistration.k8s.io");

    private final ApiServer api;

    PolicyObjects(ApiServer api) {
        this.api = api;
    }

    /** The kind a resource type names, or null when it is neither. */
    static String kindOf(String type) {
        String t = (type.contains("/") ? type.substring(0, type.indexOf('/')) : type).toLowerCase(Locale.ROOT);
        return POLICY_TYPES.contains(t) ? PolicyAdmission.POLICY : BINDING_TYPES.contains(t)
                ? PolicyAdmission.BINDING : null;
    }

    static String resource(String kind) {
        return PolicyAdmission.POLICY.equals(kind) ? "validatingadmissionpolicies"
                : "validatingadmissionpolicybindings";
    }

    private List<KeptObject> all(String kind) {
        return api.state().kept().stream().filter(k -> kind.equals(k.kind())
                && PolicyAdmission.API_VERSION.equals(k.apiVersion())).toList();
    }

    Optional<KeptObject> find(String kind, String name) {
        return all(kind).stream().filter(k -> name.equals(k.name())).findFirst();
    }

    /** The manifest as the API server stores it (see {@link PolicyStorage#stored}). */
    Map<String, Object> stored(Map<String, Object> manifest, Optional<KeptObject> existing) {
        return PolicyStorage.stored(api, manifest, existing.map(KeptObject::content).orElse(null));
    }

    /** Whether applying {@code manifest} over {@code existing} changes anything a user wrote. */
    static boolean sameAsWritten(Map<String, Object> existing, Map<String, Object> manifest) {
        return PolicyStorage.sameAsWritten(existing, manifest);
    }

    /** The objects named (all of the kind when none is), with kubectl's NotFound line for each missing one. */
    private List<KeptObject> select(String kind, List<String> names, StringBuilder err) {
        List<KeptObject> shown = new ArrayList<>();
        if (names.isEmpty()) {
            shown.addAll(all(kind));
        }
        for (String n : names) {
            find(kind, n).ifPresentOrElse(shown::add, () -> err.append(notFound(kind, n)));
        }
        return shown;
    }

    Result get(String kind, List<String> names, Output format, boolean noHeaders) {
        StringBuilder err = new StringBuilder();
        List<KeptObject> shown = select(kind, names, err);
        if (shown.isEmpty() && err.length() == 0) {
            return Result.error("No resources found\n", 0);
        }
        String out;
        if (shown.isEmpty()) {
            out = "";
        } else if (format.kind() == Output.Kind.TABLE) {
            out = table(kind, shown, noHeaders);
        } else if (format.kind() == Output.Kind.NAME) {
            StringBuilder sb = new StringBuilder();
            shown.forEach(k -> sb.append(kind.toLowerCase(Locale.ROOT)).append('.')
                    .append(PolicyAdmission.GROUP).append('/').append(k.name()).append('\n'));
            out = sb.toString();
        } else if (names.size() == 1 && shown.size() == 1) {
            out = format.render(shown.get(0).content());
        } else {
            out = format.render(Printers.listOf(shown.stream().map(KeptObject::content).toList()));
        }
        return new Result(out, err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** kubectl's columns: NAME VALIDATIONS PARAMKIND AGE, or NAME POLICYNAME PARAMREF AGE. */
    private String table(String kind, List<KeptObject> objects, boolean noHeaders) {
        boolean policy = PolicyAdmission.POLICY.equals(kind);
        StringBuilder sb = new StringBuilder();
        if (!noHeaders) {
            sb.append(policy ? "NAME\tVALIDATIONS\tPARAMKIND\tAGE\n" : "NAME\tPOLICYNAME\tPARAMREF\tAGE\n");
        }
        for (KeptObject k : objects) {
            Map<String, Object> spec = map(k.content().get("spec"));
            sb.append(k.name()).append('\t');
            if (policy) {
                Map<String, Object> pk = map(spec.get("paramKind"));
                sb.append(list(spec.get("validations")).size()).append('\t').append(pk.isEmpty() ? "<unset>"
                        : pk.get("apiVersion") + "/" + pk.get("kind"));
            } else {
                sb.append(spec.getOrDefault("policyName", "")).append('\t')
                        .append(paramRefColumn(spec.get("paramRef")));
            }
            Object created = map(k.content().get("metadata")).get("creationTimestamp");
            sb.append('\t').append(created == null ? "<unknown>" : HumanDuration.format(Duration.between(
                    Instant.parse(String.valueOf(created)), api.now()))).append('\n');
        }
        return TabWriter.KUBECTL_TABLE.format(sb.toString());
    }

    /**
     * The PARAMREF column: {@code ns/name}, {@code *\/name} when the namespace is not given (kubectl cannot tell a
     * cluster-scoped param), the selector when there is no name, {@code <unset>} without a paramRef.
     */
    static String paramRefColumn(Object paramRef) {
        Map<String, Object> ref = map(paramRef);
        String name = String.valueOf(ref.getOrDefault("name", ""));
        if (paramRef == null || name.equals("null")) {
            name = "";
        }
        if (!name.isEmpty()) {
            Object ns = ref.get("namespace");
            return ns != null && !String.valueOf(ns).isEmpty() ? ns + "/" + name : "*/" + name;
        }
        if (ref.get("selector") instanceof Map<?, ?> sel) {
            java.util.TreeMap<String, String> parts = new java.util.TreeMap<>();
            if (sel.get("matchLabels") instanceof Map<?, ?> ml) {
                ml.forEach((k, v) -> parts.put(k + "\u0000=", k + "=" + v));
            }
            if (sel.get("matchExpressions") instanceof List<?> me) {
                for (Object o : me) {
                    Map<String, Object> e = map(o);
                    String key = String.valueOf(e.get("key"));
                    List<Object> values = list(e.get("values"));
                    String vs = values.stream().map(String::valueOf).sorted().collect(
                            java.util.stream.Collectors.joining(","));
                    String op = String.valueOf(e.get("operator"));
                    parts.put(key + "\u0000" + op, switch (op) {
                        case "In" -> key + " in (" + vs + ")";
                        case "NotIn" -> key + " notin (" + vs + ")";
                        case "Exists" -> key;
                        case "DoesNotExist" -> "!" + key;
                        default -> key + " " + op;
                    });
                }
            }
            return String.join(",", parts.values());
        }
        return "<unset>";
    }

    Result delete(String kind, List<String> names) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (String n : names) {
            Optional<KeptObject> k = find(kind, n);
            if (k.isEmpty()) {
                err.append(notFound(kind, n));
            } else {
                api.removeKept(k.get().key());
                out.append(kind.toLowerCase(Locale.ROOT)).append('.').append(PolicyAdmission.GROUP).append(" \"")
                        .append(n).append("\" deleted\n");
            }
        }
        return new Result(out.toString(), err.toString(), err.length() == 0 ? 0 : 1);
    }

    /** {@code kubectl describe}: kubectl's generic describer over each object (by name, or all of the kind). */
    Result describe(String kind, List<String> names, boolean showEvents) {
        StringBuilder err = new StringBuilder();
        List<KeptObject> shown = select(kind, names, err);
        if (shown.isEmpty() && err.length() == 0) {
            return Result.error("No resources found\n", 0);
        }
        StringBuilder out = new StringBuilder();
        for (KeptObject k : shown) {
            out.append(out.length() == 0 ? "" : "\n\n").append(Describer.generic(k.content(),
                    showEvents ? List.of() : null, api.now()));
        }
        return new Result(out.toString(), err.toString(), err.length() > 0 ? 1 : 0);
    }

    private static String notFound(String kind, String name) {
        return "Error from server (NotFound): " + resource(kind) + "." + PolicyAdmission.GROUP + " \"" + name
                + "\" not found\n";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
