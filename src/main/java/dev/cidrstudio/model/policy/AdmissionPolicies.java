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
            if (!matches(constraints, req, object, oldObject, lookup, false)) {
                continue;
            }
            boolean fail = !"Ignore".equals(spec.get("failurePolicy"));
            for (Map<String, Object> binding : bindings) {
                Map<String, Object> bspec = map(binding.get("spec"));
                if (!Objects.equals(policyName, bspec.get("policyName"))) {
                    continue;
                }
                if (!matches(map(bspec.get("matchResources")), req, object, oldObject, lookup, true)) {
                    continue;
                }
                String bindingName = str(map(binding.get("metadata")).get("name"));
                List<String> actions = list(bspec.get("validationActions")).stream().map(String::valueOf).toList();
                List<Object> params;
                try {
                    params = params(map(spec.get("paramKind")), bspec.get("paramRef"), req, lookup);
                } catch (ConfigException e) {
                    if (fail) {
                        decisions.add(new Decision(policyName, bindingName, -1, null, "failed to configure binding: "
                                + e.getMessage(), null, actions));
                    }
                    continue;
                }
                for (Object param : params) {
                    Pass pass = new Pass(spec, req, object, oldObject, param, lookup, cel);
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

    /** A misconfigured binding (params not found, a params kind not known, ...). */
    private static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message, null, false, false);
        }
    }

    /** The params the binding selects: one null when the policy has no paramKind or the binding no paramRef. */
    private static List<Object> params(Map<String, Object> paramKind, Object paramRefValue, Request req,
            Lookup lookup) throws ConfigException {
        if (paramKind.isEmpty() || !(paramRefValue instanceof Map<?, ?>)) {
            List<Object> none = new ArrayList<>();
            none.add(null);
            return none;
        }
        Map<String, Object> ref = map(paramRefValue);
        String apiVersion = str(paramKind.get("apiVersion"));
        String kind = str(paramKind.get("kind"));
        String kindText = "&ParamKind{APIVersion:" + apiVersion + ",Kind:" + kind + ",}";
        List<Map<String, Object>> all = lookup.objects(apiVersion, kind, null);
        if (all == null) {
            throw new ConfigException("paramKind kind `" + kindText + "` not known");
        }
        boolean namespaced = lookup.namespaced(apiVersion, kind);
        String ns = null;
        String refNamespace = ref.get("namespace") == null ? "" : str(ref.get("namespace"));
        if (namespaced) {
            ns = refNamespace.isEmpty() ? req.namespace() : refNamespace;
            if (ns.isEmpty()) {
                throw new ConfigException("cannot use namespaced paramRef in policy binding that matches "
                        + "cluster-scoped resources");
            }
        } else if (!refNamespace.isEmpty()) {
            throw new ConfigException("paramRef.namespace must not be provided for a cluster-scoped `paramKind`");
        }
        String name = ref.get("name") == null ? "" : str(ref.get("name"));
        List<Object> found = new ArrayList<>();
        for (Map<String, Object> o : all) {
            Map<String, Object> meta = map(o.get("metadata"));
            if (ns != null && !ns.equals(meta.get("namespace") == null ? "" : str(meta.get("namespace")))) {
                continue;
            }
            if (!name.isEmpty() ? name.equals(meta.get("name"))
                    : ref.get("selector") instanceof Map<?, ?> sel && labelsMatch(map(sel), o)) {
                found.add(o);
            }
        }
        if (name.isEmpty() && !(ref.get("selector") instanceof Map<?, ?>)) {
            throw new ConfigException("one of name or selector must be provided");
        }
        if (found.isEmpty() && "Deny".equals(ref.get("parameterNotFoundAction"))) {
            throw new ConfigException("no params found for policy binding with `Deny` parameterNotFoundAction");
        }
        return found;
    }

    /**
     * One evaluation of a policy for a binding and a param: matchConditions, then validations (sharing one lazy
     * pass over the variables), messageExpressions (another pass), and auditAnnotations, within the binding's cost
     * budget.
     */
    private static final class Pass {
        private final Map<String, Object> spec;
        private final KubeCel cel;
        private final Map<String, Object> vars = new LinkedHashMap<>();
        private final Map<String, String> variableExpressions = new LinkedHashMap<>();
        private long budget = KubeCel.RUNTIME_BUDGET;

        Pass(Map<String, Object> spec, Request req, Map<String, Object> object, Map<String, Object> oldObject,
                Object param, Lookup lookup, KubeCel cel) {
            this.spec = spec;
            this.cel = cel;
            Object nul = dev.cel.common.values.NullValue.NULL_VALUE;
            vars.put("object", object == null ? nul : CelValues.normalize(object));
            vars.put("oldObject", oldObject == null ? nul : CelValues.normalize(oldObject));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("operation", req.operation());
            request.put("name", req.name());
            request.put("namespace", req.namespace());
            request.put("kind", Map.of("group", req.group(), "version", req.version()));
            request.put("resource", Map.of("group", req.group(), "version", req.version(), "resource",
                    req.resource()));
            request.put("subResource", "");
            request.put("dryRun", false);
            request.put("userInfo", Map.of("username", "kubernetes-admin", "groups", List.of("kubeadm:cluster-admins",
                    "system:authenticated")));
            vars.put("request", request);
            vars.put("params", param == null ? nul : CelValues.normalize(param));
            Map<String, Object> nsObject = req.namespace().isEmpty() ? null : lookup.namespace(req.namespace());
            vars.put("namespaceObject", nsObject == null ? nul : CelValues.normalize(nsObject));
            for (Object v : list(spec.get("variables"))) {
                variableExpressions.put(str(map(v).get("name")), str(map(v).get("expression")));
            }
        }

        void run(String policy, String binding, List<String> actions, boolean fail, List<Decision> out,
                Map<String, List<String>> annotations) {
            // matchConditions: any false skips; otherwise errors deny under Fail. They cannot use variables.
            List<String> conditionErrors = new ArrayList<>();
            for (Object c : list(spec.get("matchConditions"))) {
                KubeCel.Outcome o = cel.evaluate(str(map(c).get("expression")), vars, 2_500_000L).outcome();
                if (o.ok() && Boolean.FALSE.equals(o.value())) {
                    return;
                } else if (!o.ok()) {
                    conditionErrors.add(o.error() != null ? o.error() : o.compileError());
                }
            }
            if (!conditionErrors.isEmpty()) {
                if (fail) {
                    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(conditionErrors));
                    out.add(new Decision(policy, binding, -1, null, distinct.size() == 1 ? distinct.get(0)
                            : "[" + String.join(", ", distinct) + "]", null, actions));
                }
                return;
            }
            Lazy validationPass = new Lazy();
            List<Object> validations = list(spec.get("validations"));
            for (int i = 0; i < validations.size(); i++) {
                Map<String, Object> val = map(validations.get(i));
                String expr = str(val.get("expression"));
                if (budget < 0) {
                    if (fail) {
                        out.add(new Decision(policy, binding, i, expr, "validation failed due to running out of cost "
                                + "budget, no further validation rules will be run", null, actions));
                    }
                    return;
                }
                KubeCel.Outcome o = validationPass.evaluate(expr);
                if (o.ok() && Boolean.TRUE.equals(o.value())) {
                    continue;
                }
                if (!o.ok()) {
                    if (fail) {
                        String err = o.error() != null ? o.error() : "compilation error: compilation failed: "
                                + o.compileError();
                        out.add(new Decision(policy, binding, i, expr, "expression '" + expr + "' resulted in error: "
                                + err, null, actions));
                    }
                    continue;
                }
                if (!(o.value() instanceof Boolean)) {
                    if (fail) {
                        out.add(new Decision(policy, binding, i, expr, "expression '" + expr + "' resulted in error: "
                                + "no such overload", null, actions));
                    }
                    continue;
                }
                out.add(new Decision(policy, binding, i, expr, failureMessage(val, expr), str(val.get("reason")),
                        actions));
            }
            Lazy annotationPass = new Lazy();
            for (Object a : list(spec.get("auditAnnotations"))) {
                Map<String, Object> m = map(a);
                String expr = str(m.get("valueExpression"));
                KubeCel.Outcome o = annotationPass.evaluate(expr);
                String error = null;
                if (!o.ok()) {
                    error = "valueExpression '" + expr + "' resulted in error: " + (o.error() != null ? o.error()
                            : o.compileError());
                } else if (o.value() instanceof String s) {
                    if (!s.isBlank()) {
                        String v = s.length() > 10 * 1024 ? s.substring(0, 10 * 1024) : s;
                        annotations.computeIfAbsent(policy + "/" + m.get("key"), k -> new ArrayList<>()).add(v);
                    }
                } else if (!isNull(o.value())) {
                    error = "valueExpression '" + expr + "' resulted in unsupported return type: "
                            + typeOf(o.value()) + ". Return type must be either string or null.";
                }
                if (error != null && fail) {
                    out.add(new Decision(policy, binding, -1, expr, error, null, actions));
                }
            }
        }

        /** messageExpression (trimmed, one line, at most 5 KiB), else message, else "failed expression: EXPR". */
        private String failureMessage(Map<String, Object> val, String expr) {
            Object me = val.get("messageExpression");
            if (me != null) {
                KubeCel.Outcome o = new Lazy().evaluate(str(me));
                if (o.ok() && o.value() instanceof String s) {
                    String t = s.strip();
                    if (!t.isEmpty() && !t.contains("\n")
                            && t.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 5120) {
                        return t;
                    }
                }
            }
            String message = val.get("message") == null ? "" : str(val.get("message")).strip();
            return message.isEmpty() ? "failed expression: " + expr.strip() : message;
        }

        /**
         * The {@code variables} of one evaluation pass: a variable is evaluated the first time an expression of the
         * pass refers to it, after the variables it refers to, and kept for the rest of the pass.
         */
        private final class Lazy {
            private final Map<String, Object> values = new LinkedHashMap<>();
            private final Map<String, String> errors = new LinkedHashMap<>();

            KubeCel.Outcome evaluate(String expr) {
                for (String name : referenced(expr)) {
                    String err = resolve(name, new java.util.HashSet<>());
                    if (err != null) {
                        return new KubeCel.Outcome(null, err, null);
                    }
                }
                Map<String, Object> in = new LinkedHashMap<>(vars);
                in.put("variables", values);
                KubeCel.Costed c = cel.evaluate(expr, in, Math.min(KubeCel.PER_CALL_LIMIT, Math.max(0, budget)));
                budget -= c.cost();
                return c.outcome();
            }

            /** Evaluates a variable (and first the ones it uses); its error text, or null. */
            private String resolve(String name, java.util.Set<String> visiting) {
                if (values.containsKey(name) || !variableExpressions.containsKey(name)) {
                    return null;
                }
                if (errors.containsKey(name)) {
                    return errors.get(name);
                }
                if (!visiting.add(name)) {
                    return null;
                }
                String expr = variableExpressions.get(name);
                for (String dep : referenced(expr)) {
                    resolve(dep, visiting);
                }
                Map<String, Object> in = new LinkedHashMap<>(vars);
                in.put("variables", values);
                KubeCel.Costed c = cel.evaluate(expr, in, Math.min(KubeCel.PER_CALL_LIMIT, Math.max(0, budget)));
                budget -= c.cost();
                KubeCel.Outcome o = c.outcome();
                if (o.ok()) {
                    values.put(name, o.value());
                    return null;
                }
                String err = o.error() != null
                        ? "composited variable \"" + name + "\" fails to evaluate: " + o.error()
                        : "composited variable \"" + name + "\" fails to compile: " + o.compileError();
                errors.put(name, err);
                return err;
            }

            private List<String> referenced(String expr) {
                List<String> names = new ArrayList<>();
                java.util.regex.Matcher m = VARIABLE_REF.matcher(expr);
                while (m.find()) {
                    String n = m.group(1) != null ? m.group(1) : m.group(2);
                    if (variableExpressions.containsKey(n) && !names.contains(n)) {
                        names.add(n);
                    }
                }
                return names;
            }
        }
    }

    private static final java.util.regex.Pattern VARIABLE_REF = java.util.regex.Pattern.compile(
            "\\bvariables\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]+)['\"]\\s*\\])");

    private static boolean isNull(Object v) {
        return v == null || v instanceof dev.cel.common.values.NullValue;
    }

    /** cel-go's name of a value's type, as in its error messages. */
    static String typeOf(Object v) {
        if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Long || v instanceof Integer) {
            return "int";
        } else if (v instanceof com.google.common.primitives.UnsignedLong) {
            return "uint";
        } else if (v instanceof Double) {
            return "double";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof List<?>) {
            return "list";
        } else if (v instanceof Map<?, ?>) {
            return "map";
        } else if (v instanceof dev.cidrstudio.model.net.NetIp.Addr) {
            return "net.IP";
        } else if (v instanceof dev.cidrstudio.model.net.NetIp.Prefix) {
            return "net.CIDR";
        }
        return v == null ? "null_type" : v.getClass().getSimpleName();
    }

    /** The matching half of a policy's matchConstraints or a binding's matchResources. */
    private static boolean matches(Map<String, Object> m, Request req, Map<String, Object> object,
            Map<String, Object> old, Lookup lookup, boolean binding) {
        return rulesMatch(list(m.get("resourceRules")), req, binding)
                && !rulesMatch(list(m.get("excludeResourceRules")), req, false)
                && namespaceMatches(m.get("namespaceSelector"), req, object, old, lookup)
                && selectorMatches(m.get("objectSelector"), object, old);
    }

    /**
     * namespaceSelector: a cluster-scoped object other than a Namespace always matches; a Namespace is matched by
     * its own labels; a namespaced object by its namespace's labels.
     */
    private static boolean namespaceMatches(Object selector, Request req, Map<String, Object> object,
            Map<String, Object> old, Lookup lookup) {
        if (!(selector instanceof Map<?, ?>)) {
            return true;
        }
        if ("namespaces".equals(req.resource()) && req.group().isEmpty()) {
            return selectorMatches(selector, object, old);
        }
        if (req.namespace().isEmpty()) {
            return true;
        }
        Map<String, Object> ns = lookup.namespace(req.namespace());
        return labelsMatch(map(selector), ns == null ? Map.of() : ns);
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
