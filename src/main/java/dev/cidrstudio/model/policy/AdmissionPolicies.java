package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.field.GoValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * ValidatingAdmissionPolicies and their bindings evaluated against one request as kube-apiserver does: resource
 * rules, object selectors, matchConditions, variables, validations with message / messageExpression / reason,
 * failurePolicy, and the binding's Deny / Warn / Audit actions. Policies and bindings are the plain maps of their
 * manifests.
 */
public final class AdmissionPolicies {

    static final String AUDIT_KEY = "validation.policy.admission.k8s.io/validation_failure";

    /** Admission configuration that no policy can match (so a bad policy cannot lock itself in). */
    private static final java.util.Set<String> NEVER_MATCHED = java.util.Set.of("validatingadmissionpolicies",
            "validatingadmissionpolicybindings", "validatingwebhookconfigurations", "mutatingwebhookconfigurations",
            "mutatingadmissionpolicies", "mutatingadmissionpolicybindings");

    private AdmissionPolicies() {
    }

    /** The request: operation (CREATE, UPDATE, DELETE), the resource's group, version and plural, name, namespace. */
    public record Request(String operation, String group, String version, String resource, String name,
            String namespace) {

        public Request(String operation, String group, String version, String resource, String name) {
            this(operation, group, version, resource, name, "");
        }

        public Request {
            namespace = namespace == null ? "" : namespace;
        }
    }

    /** What the policies can see of the rest of the plan: params objects and namespaces. */
    public interface Lookup {
        /** The objects of a kind (all namespaces when {@code namespace} is null), or null for a kind not known. */
        List<Map<String, Object>> objects(String apiVersion, String kind, String namespace);

        /** Whether objects of the kind live in namespaces. */
        boolean namespaced(String apiVersion, String kind);

        /** The Namespace object of that name, or null. */
        Map<String, Object> namespace(String name);
    }

    /** A plan with no other objects: every params kind is unknown. */
    public static final Lookup NOTHING = new Lookup() {
        @Override
        public List<Map<String, Object>> objects(String apiVersion, String kind, String namespace) {
            return null;
        }

        @Override
        public boolean namespaced(String apiVersion, String kind) {
            return true;
        }

        @Override
        public Map<String, Object> namespace(String name) {
            return null;
        }
    };

    /**
     * One failed validation (or configuration or evaluation error): the policy, the binding (null for a
     * policy-level error), the index of the validation (-1 when no single one), its expression, the message and the
     * binding's actions.
     */
    public record Decision(String policy, String binding, int expressionIndex, String expression, String message,
            String reason, List<String> actions) {

        /** The text kube-apiserver puts in the denial. */
        public String denial() {
            return "ValidatingAdmissionPolicy '" + policy + "'" + (binding == null ? "" : " with binding '" + binding
                    + "'") + " denied request: " + message;
        }
    }

    /**
     * The verdict: allowed, or the first denial as kube-apiserver reports it ({@code statusMessage}), as its Status
     * cause ({@code causeMessage}) and as kubectl prints it; every warning, the audit annotations, every denial
     * (kube-apiserver shows only the first) and every failed decision.
     */
    public record Verdict(boolean allowed, int code, String reason, String statusMessage, String causeMessage,
            String kubectl, List<String> warnings, Map<String, String> auditAnnotations, List<String> denials,
            List<Decision> decisions) {
    }

    public static Verdict admit(List<Map<String, Object>> policies, List<Map<String, Object>> bindings, Request req,
            Map<String, Object> object, Map<String, Object> oldObject, KubeCel cel) {
        return admit(policies, bindings, NOTHING, req, object, oldObject, cel);
    }

    public static Verdict admit(List<Map<String, Object>> policies, List<Map<String, Object>> bindings, Lookup lookup,
            Request req, Map<String, Object> object, Map<String, Object> oldObject, KubeCel cel) {
        List<Decision> decisions = new ArrayList<>();
        Map<String, List<String>> annotations = new LinkedHashMap<>();
        if ("admissionregistration.k8s.io".equals(req.group()) && NEVER_MATCHED.contains(req.resource())) {
            return verdict(decisions, annotations, req);
        }
        for (Map<String, Object> policy : policies) {
            String policyName = str(map(policy.get("metadata")).get("name"));
            Map<String, Object> spec = map(policy.get("spec"));
            Map<String, Object> constraints = map(spec.get("matchConstraints"));
            if (!AdmissionMatching.matches(constraints, req, object, oldObject, lookup, false)) {
                continue;
            }
            boolean fail = !"Ignore".equals(spec.get("failurePolicy"));
            for (Map<String, Object> binding : bindings) {
                Map<String, Object> bspec = map(binding.get("spec"));
                if (!Objects.equals(policyName, bspec.get("policyName"))) {
                    continue;
                }
                if (!AdmissionMatching.matches(map(bspec.get("matchResources")), req, object, oldObject, lookup,
                        true)) {
                    continue;
                }
                String bindingName = str(map(binding.get("metadata")).get("name"));
                List<String> actions = list(bspec.get("validationActions")).stream().map(String::valueOf).toList();
                List<Object> params;
                try {
                    params = AdmissionParams.params(map(spec.get("paramKind")), bspec.get("paramRef"), req, lookup);
                } catch (AdmissionParams.ConfigException e) {
                    if (fail) {
                        decisions.add(new Decision(policyName, bindingName, -1, null, "failed to configure binding: "
                                + e.getMessage(), null, actions));
                    }
                    continue;
                }
                for (Object param : params) {
                    BindingEvaluation pass = new BindingEvaluation(spec, req, object, oldObject, param, lookup, cel);
                    pass.run(policyName, bindingName, actions, fail, decisions, annotations);
                }
            }
        }
        return verdict(decisions, annotations, req);
    }

    private static Verdict verdict(List<Decision> decisions, Map<String, List<String>> annotations, Request req) {
        List<String> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> audits = new ArrayList<>();
        Decision first = null;
        for (Decision d : decisions) {
            if (d.actions().contains("Deny")) {
                denials.add(d.denial());
                first = first == null ? d : first;
            }
            if (d.actions().contains("Warn")) {
                warnings.add("Validation failed for ValidatingAdmissionPolicy '" + d.policy() + "' with binding '"
                        + d.binding() + "': " + d.message());
            }
            if (d.actions().contains("Audit")) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("message", d.message());
                a.put("policy", d.policy());
                a.put("binding", d.binding());
                a.put("expressionIndex", Math.max(0, d.expressionIndex()));
                a.put("validationActions", d.actions());
                audits.add(a);
            }
        }
        Map<String, String> audit = new LinkedHashMap<>();
        annotations.forEach((k, v) -> audit.put(k, String.join(", ", new java.util.LinkedHashSet<>(v))));
        if (!audits.isEmpty()) {
            audit.put(AUDIT_KEY, auditJson(audits.subList(0, Math.min(50, audits.size()))));
        }
        if (first == null) {
            return new Verdict(true, 200, null, null, null, null, warnings, audit, denials, decisions);
        }
        String reason = first.reason() == null || first.reason().isEmpty() ? "Invalid" : first.reason();
        int code = switch (reason) {
            case "Unauthorized" -> 401;
            case "Forbidden" -> 403;
            case "RequestEntityTooLarge" -> 413;
            default -> 422;
        };
        String message = first.denial();
        String qualified = req.resource() + (req.group().isEmpty() ? "" : "." + req.group());
        String status = qualified + " \"" + req.name() + "\" is forbidden: " + message;
        String kubectl = switch (reason) {
            case "Invalid" -> "The " + req.resource() + " \"" + req.name() + "\" is invalid: : " + message;
            case "Unauthorized" -> "error: You must be logged in to the server (" + status + ")";
            default -> "Error from server (" + reason + "): " + status;
        };
        return new Verdict(false, code, reason, status, message, kubectl, warnings, audit, denials, decisions);
    }

    /** Go's json.Marshal of the audit entries: compact, HTML-escaped. */
    static String auditJson(List<Map<String, Object>> entries) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i > 0 ? "," : "").append('{');
            int k = 0;
            for (var e : entries.get(i).entrySet()) {
                sb.append(k++ > 0 ? "," : "").append(json(e.getKey())).append(':');
                Object v = e.getValue();
                if (v instanceof List<?> l) {
                    sb.append('[');
                    for (int j = 0; j < l.size(); j++) {
                        sb.append(j > 0 ? "," : "").append(json(String.valueOf(l.get(j))));
                    }
                    sb.append(']');
                } else if (v instanceof Number n) {
                    sb.append(n);
                } else {
                    sb.append(json(String.valueOf(v)));
                }
            }
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static String json(String s) {
        return GoValue.json(s, true);
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
