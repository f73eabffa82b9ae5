package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.AdmissionPolicies.list;
import static dev.cidrstudio.model.policy.AdmissionPolicies.map;
import static dev.cidrstudio.model.policy.AdmissionPolicies.str;

import dev.cidrstudio.model.net.NetIp;
import dev.cidrstudio.model.policy.AdmissionPolicies.Decision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One evaluation of a policy for a binding and a param: matchConditions, then validations (sharing one lazy
 * pass over the variables), messageExpressions (another pass), and auditAnnotations, within the binding's cost
 * budget.
 */
final class BindingEvaluation {

    private final Map<String, Object> spec;
    private final KubeCel cel;
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private final Map<String, String> variableExpressions = new LinkedHashMap<>();
    private long budget = KubeCel.RUNTIME_BUDGET;

    BindingEvaluation(Map<String, Object> spec, AdmissionPolicies.Request req, Map<String, Object> object,
            Map<String, Object> oldObject, Object param, AdmissionPolicies.Lookup lookup, KubeCel cel) {
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
        vars.put("authorizer.requestResource", KubeAuthz.requestResource(req.group(), req.resource(), "",
                req.namespace(), req.name()));
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
        if (me != null && cel.authorizerError(str(me)) == null) {
            KubeCel.Outcome o = new Lazy().evaluate(str(me));
            if (o.ok() && o.value() instanceof String s) {
                String t = s.strip();
                if (!t.isEmpty() && !t.contains("\n")
                        && t.getBytes(StandardCharsets.UTF_8).length <= 5120) {
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
            Matcher m = VARIABLE_REF.matcher(expr);
            while (m.find()) {
                String n = m.group(1) != null ? m.group(1) : m.group(2);
                if (variableExpressions.containsKey(n) && !names.contains(n)) {
                    names.add(n);
                }
            }
            return names;
        }
    }

    private static final Pattern VARIABLE_REF = Pattern.compile(
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
        } else if (v instanceof NetIp.Addr) {
            return "net.IP";
        } else if (v instanceof NetIp.Prefix) {
            return "net.CIDR";
        }
        return v == null ? "null_type" : v.getClass().getSimpleName();
    }
}
