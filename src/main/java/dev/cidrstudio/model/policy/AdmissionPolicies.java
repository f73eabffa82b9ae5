package dev.cidrstudio.model.policy;

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

    private AdmissionPolicies() {
    }

    /** The request: operation (CREATE, UPDATE, DELETE), the resource's group, version and plural, and its name. */
    public record Request(String operation, String group, String version, String resource, String name) {
    }

    /**
     * The verdict: allowed, or the first denial as kube-apiserver reports it ({@code statusMessage}), as its Status
     * cause ({@code causeMessage}) and as kubectl prints it; every warning and the audit annotations.
     */
    public record Verdict(boolean allowed, int code, String reason, String statusMessage, String causeMessage,
            String kubectl, List<String> warnings, Map<String, String> auditAnnotations, List<String> denials) {
    }

    private record Denial(String message, String reason) {
    }

    public static Verdict admit(List<Map<String, Object>> policies, List<Map<String, Object>> bindings, Request req,
            Map<String, Object> object, Map<String, Object> oldObject, KubeCel cel) {
        List<Denial> denials = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Map<String, Object>> audits = new ArrayList<>();
        for (Map<String, Object> policy : policies) {
            String policyName = str(map(policy.get("metadata")).get("name"));
            Map<String, Object> spec = map(policy.get("spec"));
            Map<String, Object> constraints = map(spec.get("matchConstraints"));
            if (!rulesMatch(list(constraints.get("resourceRules")), req, false)
                    || rulesMatch(list(constraints.get("excludeResourceRules")), req, false)
                    || !selectorMatches(constraints.get("objectSelector"), object, oldObject)) {
                continue;
            }
            boolean fail = !"Ignore".equals(spec.get("failurePolicy"));
            for (Map<String, Object> binding : bindings) {
                Map<String, Object> bspec = map(binding.get("spec"));
                if (!Objects.equals(policyName, bspec.get("policyName"))) {
                    continue;
                }
                Map<String, Object> mr = map(bspec.get("matchResources"));
                if (!rulesMatch(list(mr.get("resourceRules")), req, true)
                        || rulesMatch(list(mr.get("excludeResourceRules")), req, false)
                        || !selectorMatches(mr.get("objectSelector"), object, oldObject)) {
                    continue;
                }
                String bindingName = str(map(binding.get("metadata")).get("name"));
                List<String> actions = list(bspec.get("validationActions")).stream().map(String::valueOf).toList();
                Map<String, Object> vars = new LinkedHashMap<>();
                vars.put("object", object == null ? dev.cel.common.values.NullValue.NULL_VALUE : object);
                vars.put("oldObject", oldObject == null ? dev.cel.common.values.NullValue.NULL_VALUE : oldObject);
                vars.put("request", Map.of("operation", req.operation(), "name", req.name(),
                        "kind", Map.of("group", req.group(), "version", req.version()),
                        "resource", Map.of("group", req.group(), "version", req.version(), "resource",
                                req.resource())));
                // matchConditions: any false skips; otherwise errors deny under Fail.
                boolean skip = false;
                List<String> conditionErrors = new ArrayList<>();
                for (Object c : list(spec.get("matchConditions"))) {
                    KubeCel.Outcome o = cel.evaluate(str(map(c).get("expression")), vars);
                    if (o.ok() && Boolean.FALSE.equals(o.value())) {
                        skip = true;
                    } else if (!o.ok()) {
                        conditionErrors.add(o.error() != null ? o.error() : o.compileError());
                    }
                }
                if (skip || (!conditionErrors.isEmpty() && !fail)) {
                    continue;
                }
                List<Map.Entry<Integer, String>> decisions = new ArrayList<>();
                if (!conditionErrors.isEmpty()) {
                    decisions.add(Map.entry(-1, conditionErrors.size() == 1 ? conditionErrors.get(0)
                            : "[" + String.join(", ", new java.util.LinkedHashSet<>(conditionErrors)) + "]"));
                } else {
                    Map<String, Object> variables = new LinkedHashMap<>();
                    Map<String, String> variableErrors = new LinkedHashMap<>();
                    for (Object v : list(spec.get("variables"))) {
                        Map<String, Object> m = map(v);
                        Map<String, Object> in = new LinkedHashMap<>(vars);
                        in.put("variables", variables);
                        KubeCel.Outcome o = cel.evaluate(str(m.get("expression")), in);
                        if (o.ok()) {
                            variables.put(str(m.get("name")), o.value());
                        } else {
                            variableErrors.put(str(m.get("name")), o.error() != null
                                    ? "composited variable \"" + m.get("name") + "\" fails to evaluate: " + o.error()
                                    : "composited variable \"" + m.get("name") + "\" fails to compile: "
                                            + o.compileError());
                        }
                    }
                    vars.put("variables", variables);
                    List<Object> validations = list(spec.get("validations"));
                    for (int i = 0; i < validations.size(); i++) {
                        Map<String, Object> val = map(validations.get(i));
                        String expr = str(val.get("expression"));
                        String failed = variableErrors.entrySet().stream()
                                .filter(e -> expr.contains("variables." + e.getKey())).map(Map.Entry::getValue)
                                .findFirst().orElse(null);
                        KubeCel.Outcome o = failed != null ? new KubeCel.Outcome(null, failed, null)
                                : cel.evaluate(expr, vars);
                        if (o.ok() && Boolean.TRUE.equals(o.value())) {
                            continue;
                        }
                        if (!o.ok()) {
                            if (fail) {
                                String err = o.error() != null ? o.error() : o.compileError();
                                decisions.add(Map.entry(i, "expression '" + expr + "' resulted in error: " + err));
                            }
                            continue;
                        }
                        decisions.add(Map.entry(i, failureMessage(val, expr, vars, cel)));
                    }
                }
                for (Map.Entry<Integer, String> d : decisions) {
                    String reason = d.getKey() >= 0 ? str(map(list(spec.get("validations")).get(d.getKey()))
                            .get("reason")) : null;
                    if (actions.contains("Deny")) {
                        denials.add(new Denial("ValidatingAdmissionPolicy '" + policyName + "' with binding '"
                                + bindingName + "' denied request: " + d.getValue(), reason));
                    }
                    if (actions.contains("Warn")) {
                        warnings.add("Validation failed for ValidatingAdmissionPolicy '" + policyName
                                + "' with binding '" + bindingName + "': " + d.getValue());
                    }
                    if (actions.contains("Audit")) {
                        Map<String, Object> a = new LinkedHashMap<>();
                        a.put("message", d.getValue());
                        a.put("policy", policyName);
                        a.put("binding", bindingName);
                        a.put("expressionIndex", Math.max(0, d.getKey()));
                        a.put("validationActions", actions);
                        audits.add(a);
                    }
                }
            }
        }
        Map<String, String> audit = new LinkedHashMap<>();
        if (!audits.isEmpty()) {
            audit.put(AUDIT_KEY, auditJson(audits.subList(0, Math.min(50, audits.size()))));
        }
        List<String> all = denials.stream().map(Denial::message).toList();
        if (denials.isEmpty()) {
            return new Verdict(true, 200, null, null, null, null, warnings, audit, all);
        }
        Denial first = denials.get(0);
        String reason = first.reason() == null || first.reason().isEmpty() ? "Invalid" : first.reason();
        int code = switch (reason) {
            case "Unauthorized" -> 401;
            case "Forbidden" -> 403;
            case "RequestEntityTooLarge" -> 413;
            default -> 422;
        };
        String qualified = req.resource() + (req.group().isEmpty() ? "" : "." + req.group());
        String status = qualified + " \"" + req.name() + "\" is forbidden: " + first.message();
        String kubectl = "Invalid".equals(reason)
                ? "The " + req.resource() + " \"" + req.name() + "\" is invalid: : " + first.message()
                : "Error from server (" + reason + "): " + status;
        return new Verdict(false, code, reason, status, first.message(), kubectl, warnings, audit, all);
    }

    /** messageExpression (trimmed, one line, at most 5 KiB), else message, else "failed expression: EXPR". */
    private static String failureMessage(Map<String, Object> val, String expr, Map<String, Object> vars, KubeCel cel) {
        Object me = val.get("messageExpression");
        if (me != null) {
            KubeCel.Outcome o = cel.evaluate(str(me), vars);
            if (o.ok() && o.value() instanceof String s) {
                String t = s.strip();
                if (!t.isEmpty() && !t.contains("\n") && t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        <= 5120) {
                    return t;
                }
            }
        }
        String message = val.get("message") == null ? "" : str(val.get("message")).strip();
        return message.isEmpty() ? "failed expression: " + expr.strip() : message;
    }

    private static boolean rulesMatch(List<Object> rules, Request req, boolean emptyMatches) {
        if (rules.isEmpty()) {
            // A policy needs rules; a binding without any adds no constraint.
            return emptyMatches;
        }
        for (Object r : rules) {
            Map<String, Object> rule = map(r);
            if (has(rule.get("operations"), req.operation()) && has(rule.get("apiGroups"), req.group())
                    && has(rule.get("apiVersions"), req.version()) && resourceMatches(rule.get("resources"), req)
                    && (list(rule.get("resourceNames")).isEmpty() || list(rule.get("resourceNames"))
                            .contains(req.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Object values, String v) {
        List<Object> l = list(values);
        return l.contains("*") || l.contains(v);
    }

    private static boolean resourceMatches(Object values, Request req) {
        for (Object o : list(values)) {
            String r = String.valueOf(o);
            if (r.equals("*") || r.equals("*/*") || r.equals(req.resource())) {
                return true;
            }
        }
        return false;
    }

    /** A label selector over the labels of the object or the old object; absent or {} matches everything. */
    private static boolean selectorMatches(Object selector, Map<String, Object> object, Map<String, Object> old) {
        if (!(selector instanceof Map<?, ?>)) {
            return true;
        }
        return labelsMatch(map(selector), object) || labelsMatch(map(selector), old);
    }

    private static boolean labelsMatch(Map<String, Object> selector, Map<String, Object> obj) {
        if (obj == null) {
            return false;
        }
        Map<String, Object> labels = map(map(obj.get("metadata")).get("labels"));
        for (var e : map(selector.get("matchLabels")).entrySet()) {
            if (!Objects.equals(String.valueOf(e.getValue()), labels.get(e.getKey()) == null ? null
                    : String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        for (Object x : list(selector.get("matchExpressions"))) {
            Map<String, Object> m = map(x);
            String key = str(m.get("key"));
            Object v = labels.get(key);
            List<Object> values = list(m.get("values"));
            boolean ok = switch (str(m.get("operator"))) {
                case "In" -> v != null && values.contains(String.valueOf(v));
                case "NotIn" -> v == null || !values.contains(String.valueOf(v));
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
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
        return dev.cidrstudio.model.field.GoValue.json(s, true);
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
