package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.validation.NameValidation;
import dev.cidrstudio.model.validation.ObjectMetaValidation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * kube-apiserver's validation of ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects on create
 * and update (after defaulting): names, match rules, params, validation actions, and every CEL expression compiled
 * with Kubernetes' text for compile errors and wrong result types.
 */
public final class PolicyValidation {

    private static final Set<String> OPERATIONS = Set.of("*", "CREATE", "UPDATE", "DELETE", "CONNECT");
    private static final Set<String> REASONS = Set.of("Unauthorized", "Forbidden", "Invalid",
            "RequestEntityTooLarge");
    private static final Set<String> ACTIONS = Set.of("Deny", "Warn", "Audit");
    private static final Pattern CEL_IDENT = Pattern.compile("^[_a-zA-Z][_a-zA-Z0-9]*$");
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return",
            "var", "void", "while");
    private static final Pattern NEWLINE = Pattern.compile("[\\n\\r]+");

    private PolicyValidation() {
    }

    private static KubeCel cel(boolean params) {
        return params ? KubeCel.shared() : KubeCel.sharedWithoutParams();
    }

    /**
     * The environments expressions compile in on a create or update: an expression the old object already had
     * gets the release's own libraries, a new one those of its compatibility version.
     */
    private record Env(KubeCel fresh, KubeCel stored, Set<String> preexisting) {
        KubeCel of(String expr) {
            return preexisting.contains(expr.strip()) ? stored : fresh;
        }
    }

    /** The errors a default-version ({@link ClusterSettings#defaults()}) kube-apiserver reports on create. */
    public static List<FieldError> validatePolicy(Map<String, Object> policy) {
        return validatePolicy(policy, null, ClusterSettings.defaults().kubernetesVersion());
    }

    /**
     * The errors kube-apiserver reports for a ValidatingAdmissionPolicy (after defaulting), on a create
     * ({@code old} null) or an update of {@code old}, in the given release.
     */
    public static List<FieldError> validatePolicy(Map<String, Object> policy, Map<String, Object> old,
            KubeVersion version) {
        List<FieldError> errs = new ArrayList<>();
        String name = str(map(policy.get("metadata")).get("name"));
        meta(policy.get("metadata"), errs);
        Map<String, Object> spec = map(policy.get("spec"));
        Object fp = spec.get("failurePolicy");
        if (fp != null && !Set.of("Fail", "Ignore").contains(str(fp))) {
            errs.add(FieldError.notSupported("spec.failurePolicy", str(fp), List.of("Fail", "Ignore")));
        }
        boolean params = spec.get("paramKind") instanceof Map<?, ?>;
        if (params) {
            Map<String, Object> pk = map(spec.get("paramKind"));
            if (str(pk.get("apiVersion")).isEmpty()) {
                errs.add(FieldError.required("spec.paramKind.apiVersion", ""));
            }
            if (str(pk.get("kind")).isEmpty()) {
                errs.add(FieldError.required("spec.paramKind.kind", ""));
            }
        }
        if (!(spec.get("matchConstraints") instanceof Map<?, ?>)) {
            errs.add(FieldError.required("spec.matchConstraints", ""));
        } else {
            Map<String, Object> mc = map(spec.get("matchConstraints"));
            rules(list(mc.get("resourceRules")), "spec.matchConstraints.resourceRules", errs);
            rules(list(mc.get("excludeResourceRules")), "spec.matchConstraints.excludeResourceRules", errs);
            if (list(mc.get("resourceRules")).isEmpty()) {
                errs.add(FieldError.required("spec.matchConstraints.resourceRules", ""));
            }
        }
        KubeCel base = cel(params);
        Env cel = new Env(base.at(CelLibraryVersions.forNewExpressions(version)),
                base.at(CelLibraryVersions.forStoredExpressions(version)), expressions(old));
        List<Object> conditions = list(spec.get("matchConditions"));
        Set<String> conditionNames = new HashSet<>();
        if (conditions.size() > 64) {
            errs.add(FieldError.tooMany("spec.matchConditions", conditions.size(), 64));
        }
        for (int i = 0; i < conditions.size(); i++) {
            Map<String, Object> c = map(conditions.get(i));
            String f = "spec.matchConditions[" + i + "]";
            String expr = str(c.get("expression"));
            if (expr.strip().isEmpty()) {
                errs.add(FieldError.required(f + ".expression", ""));
            } else {
                expression(cel, expr.strip(), f + ".expression", "bool", errs);
            }
            String n = str(c.get("name"));
            if (n.isEmpty()) {
                errs.add(FieldError.required(f + ".name", ""));
            } else {
                NameValidation.addAll(errs, f + ".name", n, NameValidation.isQualifiedName(n));
            }
            if (!n.isEmpty() && !conditionNames.add(n)) {
                errs.add(FieldError.duplicate(f + ".name", GoValue.quote(n)));
            }
        }
        List<Object> variables = list(spec.get("variables"));
        for (int i = 0; i < variables.size(); i++) {
            Map<String, Object> v = map(variables.get(i));
            String f = "spec.variables[" + i + "]";
            String n = str(v.get("name"));
            if (n.strip().isEmpty()) {
                errs.add(FieldError.required(f + ".name", "name is not specified"));
            } else if (!CEL_IDENT.matcher(n).matches() || CEL_RESERVED.contains(n)) {
                errs.add(FieldError.invalidString(f + ".name", n, "name is not a valid CEL identifier"));
            }
            String expr = str(v.get("expression"));
            if (expr.strip().isEmpty()) {
                errs.add(FieldError.required(f + ".expression", "expression is not specified"));
            } else {
                expression(cel, expr, f + ".expression", null, errs);
            }
        }
        List<Object> validations = list(spec.get("validations"));
        List<Object> audits = list(spec.get("auditAnnotations"));
        if (validations.isEmpty() && audits.isEmpty()) {
            errs.add(FieldError.required("spec.validations", "validations or auditAnnotations must contain at least "
                    + "one item"));
            errs.add(FieldError.required("spec.auditAnnotations", "validations or auditAnnotations must contain at "
                    + "least one item"));
            return errs;
        }
        for (int i = 0; i < validations.size(); i++) {
            validation(cel, map(validations.get(i)), "spec.validations[" + i + "]", errs);
        }
        if (audits.size() > 20) {
            errs.add(FieldError.invalid("spec.auditAnnotations", auditAnnotationsValue(audits),
                    "must not have more than 20 auditAnnotations"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < audits.size(); i++) {
            Map<String, Object> a = map(audits.get(i));
            String f = "spec.auditAnnotations[" + i + "]";
            String key = str(a.get("key"));
            if (name.isEmpty()) {
                errs.add(FieldError.invalidString(f + ".key", key, "requires metadata.name be non-empty"));
            } else if (key.isEmpty()) {
                errs.add(FieldError.required(f + ".key", "name part must be non-empty"));
            }
            String expr = str(a.get("valueExpression")).strip();
            if (expr.isEmpty()) {
                errs.add(FieldError.required(f + ".valueExpression", "valueExpression is not specified"));
            } else if (expr.length() > 5 * 1024) {
                errs.add(FieldError.required(f + ".valueExpression", "must not exceed 5120 bytes in length"));
            } else {
                expression(cel, expr, f + ".valueExpression", "string", errs);
            }
            if (!keys.add(key)) {
                errs.add(FieldError.duplicate(f + ".key", GoValue.quote(key)));
            }
        }
        return errs;
    }

    /** Every CEL expression of a policy: match conditions, variables, validations, audit annotations. */
    private static Set<String> expressions(Map<String, Object> policy) {
        Set<String> out = new HashSet<>();
        if (policy == null) {
            return out;
        }
        Map<String, Object> spec = map(policy.get("spec"));
        for (String list : List.of("matchConditions", "variables", "validations", "auditAnnotations")) {
            for (Object o : list(spec.get(list))) {
                for (String field : List.of("expression", "messageExpression", "valueExpression")) {
                    String e = str(map(o).get(field)).strip();
                    if (!e.isEmpty()) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    private static void validation(Env cel, Map<String, Object> v, String f, List<FieldError> errs) {
        String expr = str(v.get("expression"));
        String message = str(v.get("message"));
        String messageExpression = str(v.get("messageExpression"));
        if (expr.strip().isEmpty()) {
            errs.add(FieldError.required(f + ".expression", "expression is not specified"));
        } else {
            expression(cel, expr, f + ".expression", "bool", errs);
        }
        if (!messageExpression.isEmpty() && messageExpression.strip().isEmpty()) {
            errs.add(FieldError.invalidString(f + ".messageExpression", messageExpression,
                    "must be non-empty if specified"));
        } else if (!messageExpression.strip().isEmpty()) {
            String noAuthorizer = cel.of(messageExpression).authorizerError(messageExpression);
            if (noAuthorizer != null) {
                // messageExpressions compile without the authorizer variable.
                errs.add(FieldError.invalidString(f + ".messageExpression", messageExpression,
                        "compilation failed: " + noAuthorizer));
            } else {
                expression(cel, messageExpression, f + ".messageExpression", "string", errs);
            }
        }
        if (!message.isEmpty() && message.strip().isEmpty()) {
            errs.add(FieldError.invalidString(f + ".message", message, "message must be non-empty if specified"));
        } else if (NEWLINE.matcher(message.strip()).find()) {
            errs.add(FieldError.invalidString(f + ".message", message, "message must not contain line breaks"));
        }
        Object reason = v.get("reason");
        if (reason != null && !REASONS.contains(str(reason))) {
            errs.add(FieldError.notSupported(f + ".reason", str(reason), REASONS));
        }
    }

    /**
     * Compiles one expression: {@code compilation failed: ERROR: ...} as an Invalid value, and a result of the wrong
     * type as {@code must evaluate to T but got U}. A dyn result passes: object fields are dyn here, and variables'
     * own types are not tracked.
     */
    private static void expression(Env env, String expr, String f, String type, List<FieldError> errs) {
        KubeCel cel = env.of(expr);
        String error = cel.compileError(expr);
        if (error != null) {
            errs.add(FieldError.invalidString(f, expr, "compilation failed: " + error));
            return;
        }
        String got = cel.resultType(expr);
        if (type != null && got != null && !got.equals(type) && !"dyn".equals(got)
                && !("string".equals(type) && "null_type".equals(got))) {
            errs.add(FieldError.invalidString(f, expr, "must evaluate to " + type + " but got " + got));
        }
    }

    private static void rules(List<Object> rules, String f, List<FieldError> errs) {
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> r = map(rules.get(i));
            String rf = f + "[" + i + "]";
            List<Object> ops = list(r.get("operations"));
            if (ops.isEmpty()) {
                errs.add(FieldError.required(rf + ".operations", ""));
            }
            for (int j = 0; j < ops.size(); j++) {
                if (!OPERATIONS.contains(str(ops.get(j)))) {
                    errs.add(FieldError.notSupported(rf + ".operations[" + j + "]", str(ops.get(j)), OPERATIONS));
                }
            }
            if (ops.size() > 1 && ops.contains("*")) {
                errs.add(FieldError.invalid(rf + ".operations", GoValue.typed("admissionregistration"
                        + ".OperationType", ops.stream().map(PolicyValidation::str).toList()),
                        "if '*' is present, must not specify other operations"));
            }
            for (String k : List.of("apiGroups", "apiVersions", "resources")) {
                List<Object> values = list(r.get(k));
                if (values.isEmpty()) {
                    errs.add(FieldError.required(rf + "." + k, ""));
                } else if (values.size() > 1 && values.contains("*") && !"resources".equals(k)) {
                    errs.add(FieldError.invalid(rf + "." + k, GoValue.strings(values.stream()
                            .map(PolicyValidation::str).toList()), "if '*' is present, must not specify other "
                                    + k.substring(3).toLowerCase(java.util.Locale.ROOT) + "s"));
                }
            }
        }
    }

    /** One entry of a policy's {@code status.typeChecking.expressionWarnings}. */
    public record ExpressionWarning(String fieldRef, String warning) {
    }

    /**
     * What kube-apiserver's type-checking controller writes into {@code status.typeChecking}: each validation's
     * expression and messageExpression checked against the schema of every kind its resource rules name (at most
     * 10, wildcards skipped; only the kinds CIDR Studio models are known here), one block per failing kind.
     */
    public static List<ExpressionWarning> typeChecking(Map<String, Object> policy) {
        Map<String, Object> spec = map(policy.get("spec"));
        List<KindSchemas.Schema> schemas = new ArrayList<>();
        for (Object r : list(map(spec.get("matchConstraints")).get("resourceRules"))) {
            Map<String, Object> rule = map(r);
            for (Object g : list(rule.get("apiGroups"))) {
                for (Object v : list(rule.get("apiVersions"))) {
                    for (Object res : list(rule.get("resources"))) {
                        if ("*".equals(g) || "*".equals(v) || String.valueOf(res).contains("*")
                                || schemas.size() >= 10) {
                            continue;
                        }
                        KindSchemas.forResource(str(g), str(v), str(res)).filter(x -> !schemas.contains(x))
                                .ifPresent(schemas::add);
                    }
                }
            }
        }
        List<ExpressionWarning> out = new ArrayList<>();
        if (schemas.isEmpty()) {
            return out;
        }
        KubeCel cel = cel(spec.get("paramKind") instanceof Map<?, ?>);
        List<Object> validations = list(spec.get("validations"));
        for (int i = 0; i < validations.size(); i++) {
            Map<String, Object> v = map(validations.get(i));
            for (String field : List.of("expression", "messageExpression")) {
                String expr = str(v.get(field));
                if (expr.isBlank() || cel.compileError(expr) != null) {
                    continue;
                }
                List<String> blocks = new ArrayList<>();
                for (KindSchemas.Schema schema : schemas) {
                    String err = cel.typeCheck(expr, schema);
                    if (err != null) {
                        blocks.add(schema.gvk() + ": " + err + "\n");
                    }
                }
                if (!blocks.isEmpty()) {
                    out.add(new ExpressionWarning("spec.validations[" + i + "]." + field, String.join("\n", blocks)));
                }
            }
        }
        return out;
    }

    /** The errors kube-apiserver reports for a ValidatingAdmissionPolicyBinding. */
    public static List<FieldError> validateBinding(Map<String, Object> binding) {
        List<FieldError> errs = new ArrayList<>();
        meta(binding.get("metadata"), errs);
        Map<String, Object> spec = map(binding.get("spec"));
        String policyName = str(spec.get("policyName"));
        if (policyName.isEmpty()) {
            errs.add(FieldError.required("spec.policyName", ""));
        } else {
            NameValidation.addAll(errs, "spec.policyName", policyName, NameValidation.isDns1123Subdomain(policyName));
        }
        if (spec.get("paramRef") instanceof Map<?, ?>) {
            Map<String, Object> ref = map(spec.get("paramRef"));
            String name = str(ref.get("name"));
            boolean selector = ref.get("selector") instanceof Map<?, ?>;
            if (!name.isEmpty()) {
                NameValidation.addAll(errs, "spec.paramRef.name", name, NameValidation.isValidPathSegmentName(name));
                if (selector) {
                    errs.add(FieldError.forbidden("spec.paramRef.name", "name and selector are mutually exclusive"));
                }
            }
            if (selector && !name.isEmpty()) {
                errs.add(FieldError.forbidden("spec.paramRef.selector", "name and selector are mutually exclusive"));
            }
            if (name.isEmpty() && !selector) {
                errs.add(FieldError.required("spec.paramRef", "one of name or selector must be specified"));
            }
            String action = str(ref.get("parameterNotFoundAction"));
            if (action.isEmpty()) {
                errs.add(FieldError.required("spec.paramRef.parameterNotFoundAction", ""));
            } else if (!"Deny".equals(action) && !"Allow".equals(action)) {
                errs.add(FieldError.notSupported("spec.paramRef.parameterNotFoundAction", action,
                        List.of("Deny", "Allow")));
            }
        }
        if (spec.get("matchResources") instanceof Map<?, ?> mr) {
            rules(list(map(mr).get("resourceRules")), "spec.matchResources.resourceRules", errs);
            rules(list(map(mr).get("excludeResourceRules")), "spec.matchResources.excludeResourceRules", errs);
        }
        List<String> actions = list(spec.get("validationActions")).stream().map(PolicyValidation::str).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            if (!ACTIONS.contains(actions.get(i))) {
                errs.add(FieldError.notSupported("spec.validationActions[" + i + "]", actions.get(i), ACTIONS));
            }
            if (!seen.add(actions.get(i))) {
                errs.add(FieldError.duplicate("spec.validationActions[" + i + "]", GoValue.quote(actions.get(i))));
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            errs.add(FieldError.invalid("spec.validationActions", GoValue.typed(
                    "admissionregistration.ValidationAction", actions), "must not contain both Deny and Warn "
                            + "(repeating the same validation failure information in the API response and headers "
                            + "serves no purpose)"));
        }
        if (seen.isEmpty()) {
            errs.add(FieldError.required("spec.validationActions", "at least one validation action is required"));
        }
        return errs;
    }

    /** {@code ValidateObjectMeta} of a cluster-scoped object named as a DNS subdomain. */
    private static void meta(Object metadata, List<FieldError> errs) {
        errs.addAll(ObjectMetaValidation.validateObjectMeta(ObjectMetaValidation.fromPlain(metadata).withNamespace(null),
                false, ObjectMetaValidation.NAME_IS_DNS_SUBDOMAIN));
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object o) {
        return o instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    /** The {@code []admissionregistration.AuditAnnotation} list as a bad value (the internal type has no JSON tags). */
    private static GoValue.Rendered auditAnnotationsValue(List<Object> audits) {
        StringBuilder go = new StringBuilder("[]admissionregistration.AuditAnnotation{");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < audits.size(); i++) {
            Map<String, Object> a = map(audits.get(i));
            String key = str(a.get("key"));
            String expr = str(a.get("valueExpression"));
            go.append(i > 0 ? ", " : "").append("admissionregistration.AuditAnnotation{Key:")
                    .append(GoValue.quote(key)).append(", ValueExpression:").append(GoValue.quote(expr)).append('}');
            json.append(i > 0 ? "," : "").append("{\"Key\":").append(GoValue.json(key, true))
                    .append(",\"ValueExpression\":").append(GoValue.json(expr, true)).append('}');
        }
        return new GoValue.Rendered(go.append('}').toString(), json.append(']').toString());
    }
}
