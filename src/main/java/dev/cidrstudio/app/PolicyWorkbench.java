package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.ManifestEncoder;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.policy.AdmissionPolicies;
import dev.cidrstudio.model.policy.PolicyAdmission;
import dev.cidrstudio.model.policy.PolicyStorage;
import dev.cidrstudio.model.policy.PolicyValidation;
import dev.cidrstudio.model.validation.ServiceCidrValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Policies view and the ServiceCIDR editor ask of the plan's admission policies: their status, the
 * verdict on a ServiceCIDR being typed (field validation first, then the policies, as kube-apiserver orders them),
 * compile errors with their position, and the two policies of the "Extend Service IP Ranges" page as templates.
 */
public final class PolicyWorkbench {

    private static final PolicyAdmission ADMISSION = new PolicyAdmission(ManifestEncoder::encode);
    private static final Pattern POSITION = Pattern.compile("ERROR: <input>:(\\d+):(\\d+): ([^\\n]*)");

    private PolicyWorkbench() {
    }

    /** A policy or binding of the plan and what is wrong with it (empty when nothing). */
    public record Row(String kind, String name, String summary, List<String> problems, List<String> typeWarnings,
            KeptObject object) {
        public boolean isPolicy() {
            return PolicyAdmission.POLICY.equals(kind);
        }
    }

    /** The plan's policies and bindings with their status, policies first, each in the order it was added. */
    public static List<Row> rows(ClusterState state) {
        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> policies = PolicyAdmission.kept(state, PolicyAdmission.POLICY);
        List<Map<String, Object>> bindings = PolicyAdmission.kept(state, PolicyAdmission.BINDING);
        for (String kind : List.of(PolicyAdmission.POLICY, PolicyAdmission.BINDING)) {
            for (KeptObject k : state.kept()) {
                if (!kind.equals(k.kind()) || !PolicyAdmission.API_VERSION.equals(k.apiVersion())) {
                    continue;
                }
                boolean policy = PolicyAdmission.POLICY.equals(kind);
                List<String> problems = new ArrayList<>();
                for (FieldError e : policy ? PolicyValidation.validatePolicy(k.content(), null,
                        state.settings().kubernetesVersion())
                        : PolicyValidation.validateBinding(k.content())) {
                    problems.add(e.toString());
                }
                String summary;
                if (policy) {
                    long n = bindings.stream().filter(b -> k.name().equals(spec(b).get("policyName"))).count();
                    summary = n == 0 ? "no binding: has no effect" : n + " binding" + (n == 1 ? "" : "s");
                } else {
                    Object target = spec(k.content()).get("policyName");
                    boolean exists = policies.stream().anyMatch(p -> String.valueOf(target).equals(
                            String.valueOf(((Map<?, ?>) p.getOrDefault("metadata", Map.of())).get("name"))));
                    Object actions = spec(k.content()).get("validationActions");
                    summary = (exists ? "binds " + target : "policy " + target + " does not exist: ignored")
                            + (actions instanceof List<?> l ? " " + l : "");
                }
                List<String> typeWarnings = policy ? PolicyValidation.typeChecking(k.content()).stream()
                        .map(w -> w.fieldRef() + ": " + w.warning().strip()).toList() : List.of();
                if (!typeWarnings.isEmpty()) {
                    summary = typeWarnings.size() + " type-check warning" + (typeWarnings.size() == 1 ? "" : "s")
                            + "; " + summary;
                }
                if (!problems.isEmpty()) {
                    summary = problems.size() + " error" + (problems.size() == 1 ? "" : "s") + "; " + summary;
                }
                rows.add(new Row(kind, k.name(), summary, problems, typeWarnings, k));
            }
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Map<String, Object> o) {
        return o.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** The outcome of a ServiceCIDR as the API server would see it. */
    public record Verdict(Outcome outcome, List<String> messages, List<AdmissionPolicies.Decision> decisions) {
    }

    public enum Outcome {
        /** The ServiceCIDR's own validation refuses it (the policies never see it). */
        INVALID,
        DENIED,
        WARNING,
        ALLOWED
    }

    /**
     * What creating (or updating, when one of that name exists) a ServiceCIDR with these CIDRs would meet: field
     * validation with Kubernetes' messages, then the plan's policies.
     */
    public static Verdict serviceCidr(ClusterState state, String name, List<String> cidrs) {
        ServiceCidr candidate = new ServiceCidr(ObjectMeta.named(name), cidrs, List.of());
        Optional<ServiceCidr> old = state.get(Kind.SERVICE_CIDR, null, name);
        List<FieldError> errs = old.isPresent()
                ? ServiceCidrValidation.validateServiceCIDRUpdate(candidate.withMeta(old.get().meta()), old.get())
                : ServiceCidrValidation.validateServiceCIDR(candidate);
        if (!errs.isEmpty()) {
            boolean json = state.settings().kubernetesVersion().jsonFieldValues();
            return new Verdict(Outcome.INVALID, errs.stream().map(e -> e.styled(json).toString()).toList(),
                    List.of());
        }
        AdmissionPolicies.Verdict v = ADMISSION.evaluate(state, candidate, old.orElse(null),
                old.isPresent() ? "UPDATE" : "CREATE");
        if (!v.allowed()) {
            return new Verdict(Outcome.DENIED, v.denials(), v.decisions());
        }
        if (!v.warnings().isEmpty()) {
            return new Verdict(Outcome.WARNING, v.warnings(), v.decisions());
        }
        return new Verdict(Outcome.ALLOWED, List.of(), v.decisions());
    }

    /** A compile error of a CEL expression: the message, and its 1-based line and column (0 when unknown). */
    public record CelProblem(String message, int line, int column, String fullText) {
    }

    /** The compile errors of an expression in the policy environment; empty when it compiles to a bool. */
    public static List<CelProblem> check(String expression, KubeVersion version) {
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("metadata", Map.of("name", "probe"));
        probe.put("spec", Map.of("matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of("*"),
                "apiVersions", List.of("*"), "operations", List.of("*"), "resources", List.of("*")))),
                "paramKind", Map.of("apiVersion", "v1", "kind", "ConfigMap"),
                "validations", List.of(Map.of("expression", expression))));
        List<CelProblem> out = new ArrayList<>();
        for (FieldError e : PolicyValidation.validatePolicy(probe, null, version)) {
            if (!e.field().startsWith("spec.validations[0].expression")) {
                continue;
            }
            Matcher m = POSITION.matcher(e.detail());
            boolean any = false;
            while (m.find()) {
                any = true;
                out.add(new CelProblem(m.group(3), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        e.detail()));
            }
            if (!any) {
                out.add(new CelProblem(e.detail(), 0, 0, e.detail()));
            }
        }
        return out;
    }

    /** The "Extend Service IP Ranges" page's policy restricting ServiceCIDRs to subranges of {@code ranges}. */
    public static List<Map<String, Object>> allowedRangesTemplate(List<String> ranges) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            list.append(i > 0 ? "," : "").append('\'').append(ranges.get(i).replace("\\", "\\\\")
                    .replace("'", "\\'")).append('\'');
        }
        list.append(']');
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("failurePolicy", "Fail");
        spec.put("matchConstraints", Map.of("resourceRules", List.of(rule())));
        spec.put("matchConditions", List.of(Map.of("name", "exclude-default-servicecidr", "expression",
                "object.metadata.name != 'kubernetes'")));
        spec.put("variables", List.of(Map.of("name", "allowed", "expression", list.toString())));
        spec.put("validations", List.of(Map.of("expression", "object.spec.cidrs.all(newCIDR, variables.allowed"
                + ".exists(allowedCIDR, cidr(allowedCIDR).containsCIDR(newCIDR)))")));
        return List.of(policy("servicecidrs.default", spec), binding("servicecidrs-binding",
                "servicecidrs.default"));
    }

    /** The page's policy denying any new ServiceCIDR but the default "kubernetes" one. */
    public static List<Map<String, Object>> denyAllTemplate() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("failurePolicy", "Fail");
        spec.put("matchConstraints", Map.of("resourceRules", List.of(rule())));
        spec.put("validations", List.of(Map.of("expression", "object.metadata.name == 'kubernetes'")));
        return List.of(policy("servicecidrs.deny", spec), binding("servicecidrs-deny-binding", "servicecidrs.deny"));
    }

    /** The ranges of an allowed-ranges policy's {@code allowed} variable, when it is a plain list of strings. */
    public static Optional<List<String>> allowedRanges(Map<String, Object> policy) {
        Object vars = spec(policy).get("variables");
        if (!(vars instanceof List<?> l)) {
            return Optional.empty();
        }
        for (Object v : l) {
            if (v instanceof Map<?, ?> m && "allowed".equals(m.get("name"))) {
                var o = ADMISSION.cel().evaluate(String.valueOf(m.get("expression")), Map.of());
                if (o.ok() && o.value() instanceof List<?> values
                        && values.stream().allMatch(x -> x instanceof String)) {
                    return Optional.of(values.stream().map(String::valueOf).toList());
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> rule() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("apiGroups", List.of("networking.k8s.io"));
        r.put("apiVersions", List.of("v1"));
        r.put("operations", List.of("CREATE", "UPDATE"));
        r.put("resources", List.of("servicecidrs"));
        return r;
    }

    private static Map<String, Object> policy(String name, Map<String, Object> spec) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("apiVersion", PolicyAdmission.API_VERSION);
        p.put("kind", PolicyAdmission.POLICY);
        p.put("metadata", Map.of("name", name));
        p.put("spec", spec);
        return p;
    }

    private static Map<String, Object> binding(String name, String policyName) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("apiVersion", PolicyAdmission.API_VERSION);
        b.put("kind", PolicyAdmission.BINDING);
        b.put("metadata", Map.of("name", name));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("policyName", policyName);
        spec.put("validationActions", List.of("Deny", "Audit"));
        b.put("spec", spec);
        return b;
    }

    /** Kept objects for manifests of policies and bindings. */
    public static List<KeptObject> kept(ApiServer api, List<Map<String, Object>> manifests) {
        List<KeptObject> out = new ArrayList<>();
        for (Map<String, Object> m : manifests) {
            String kind = String.valueOf(m.get("kind"));
            String name = String.valueOf(((Map<?, ?>) m.get("metadata")).get("name"));
            Map<String, Object> existing = api.state().kept().stream().filter(k -> k.kind().equals(kind)
                    && k.name().equals(name)).findFirst().map(KeptObject::content).orElse(null);
            out.add(new KeptObject(String.valueOf(m.get("apiVersion")), kind, null, name,
                    PolicyStorage.stored(api, m, existing)));
        }
        return out;
    }

    /** The validation errors of a policy or binding manifest, as kubectl would print each. */
    public static List<String> problems(Map<String, Object> manifest, ClusterState state) {
        Object name = ((Map<?, ?>) manifest.getOrDefault("metadata", Map.of())).get("name");
        Map<String, Object> old = state.kept().stream().filter(k -> k.kind().equals(manifest.get("kind"))
                && k.apiVersion().equals(manifest.get("apiVersion")) && k.name().equals(name)).findFirst()
                .map(KeptObject::content).orElse(null);
        List<FieldError> errs = PolicyAdmission.POLICY.equals(manifest.get("kind"))
                ? PolicyValidation.validatePolicy(manifest, old, state.settings().kubernetesVersion())
                : PolicyValidation.validateBinding(manifest);
        boolean json = state.settings().kubernetesVersion().jsonFieldValues();
        return errs.stream().map(e -> e.styled(json).toString()).toList();
    }
}
