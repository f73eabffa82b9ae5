package dev.cidrstudio.model.policy;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.Admission;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.cluster.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The plan's ValidatingAdmissionPolicies and bindings (kept objects) as the API server's validating admission step:
 * objects are shown to CEL in their manifest form ({@code encoder}), params come from the plan's objects, and a
 * denial is kube-apiserver's Status.
 */
public class PolicyAdmission implements Admission {

    public static final String GROUP = "admissionregistration.k8s.io";
    public static final String API_VERSION = GROUP + "/v1";
    public static final String POLICY = "ValidatingAdmissionPolicy";
    public static final String BINDING = "ValidatingAdmissionPolicyBinding";

    /** Built-in kinds a params reference may name even when the plan holds none of them yet. */
    private static final Set<String> BUILT_IN = Set.of("v1/ConfigMap", "v1/Secret", "v1/Namespace", "v1/Node",
            "v1/Pod", "v1/Service", "networking.k8s.io/v1/ServiceCIDR", "networking.k8s.io/v1/IPAddress");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Node", "ServiceCIDR", "IPAddress",
            POLICY, BINDING, "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PersistentVolume",
            "StorageClass", "PriorityClass");

    private final Function<KubeObject, Map<String, Object>> encoder;
    private final KubeCel cel = KubeCel.shared(); // every modelled release (1.33+) has the fixed containsCIDR

    public PolicyAdmission(Function<KubeObject, Map<String, Object>> encoder) {
        this.encoder = encoder;
    }

    public static boolean isPolicyKind(String apiVersion, String kind) {
        return API_VERSION.equals(apiVersion) && (POLICY.equals(kind) || BINDING.equals(kind));
    }

    /** The plan's policies (or bindings) in the order they were added. */
    public static List<Map<String, Object>> kept(ClusterState state, String kind) {
        return state.kept().stream().filter(k -> kind.equals(k.kind()) && API_VERSION.equals(k.apiVersion()))
                .map(KeptObject::content).toList();
    }

    /** The shared CEL environment (compiled programs are cached per expression). */
    public KubeCel cel() {
        return cel;
    }

    @Override
    public boolean active(ClusterState state) {
        boolean policy = false;
        boolean binding = false;
        for (KeptObject k : state.kept()) {
            if (API_VERSION.equals(k.apiVersion())) {
                policy |= POLICY.equals(k.kind());
                binding |= BINDING.equals(k.kind());
            }
        }
        return policy && binding;
    }

    @Override
    public boolean active(ClusterState state, Object object, String operation) {
        if (!active(state)) {
            return false;
        }
        AdmissionPolicies.Request req = request(object, operation);
        return kept(state, POLICY).stream().anyMatch(p -> AdmissionMatching.rulesMatch(AdmissionPolicies.list(
                AdmissionPolicies.map(AdmissionPolicies.map(p.get("spec")).get("matchConstraints"))
                        .get("resourceRules")), req, false));
    }

    @Override
    public Admitted admit(ClusterState state, Object object, Object oldObject, String operation)
            throws ApiException {
        AdmissionPolicies.Verdict v = evaluate(state, object, oldObject, operation);
        if (!v.allowed()) {
            Object target = object != null ? object : oldObject;
            AdmissionPolicies.Request req = request(target, operation);
            throw new ApiException(Status.admissionDenied(v.code(), v.reason(), req.resource(), req.group(),
                    req.name(), v.causeMessage()), WarningHeaders.of(v.warnings()));
        }
        return new Admitted(WarningHeaders.of(v.warnings()), v.auditAnnotations());
    }

    /** The full verdict for a write (every decision, every denial), without refusing anything. */
    public AdmissionPolicies.Verdict evaluate(ClusterState state, Object object, Object oldObject, String operation) {
        Object target = object != null ? object : oldObject;
        return AdmissionPolicies.admit(kept(state, POLICY), kept(state, BINDING), lookup(state),
                request(target, operation), content(object), content(oldObject),
                cel.at(CelLibraryVersions.forStoredExpressions(state.settings().kubernetesVersion())));
    }

    private Map<String, Object> content(Object o) {
        if (o instanceof KubeObject k) {
            return encoder.apply(k);
        }
        return o instanceof KeptObject k ? k.content() : null;
    }

    /** The admission request for a model or kept object. */
    public static AdmissionPolicies.Request request(Object target, String operation) {
        if (target instanceof KubeObject k) {
            String apiVersion = k.kind().apiVersion();
            return new AdmissionPolicies.Request(operation, k.kind().group(), version(apiVersion), k.kind().plural(),
                    k.name(), k.namespace());
        }
        KeptObject k = (KeptObject) target;
        String apiVersion = k.apiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return new AdmissionPolicies.Request(operation, group, version(apiVersion), plural(k.kind()), k.name(),
                k.namespace());
    }

    private static String version(String apiVersion) {
        return apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
    }

    /** The resource name of a kind, as the REST mapper guesses it (Pod -> pods, Policy -> policies). */
    static String plural(String kind) {
        String lower = kind.toLowerCase(Locale.ROOT);
        if (lower.endsWith("y") && !lower.endsWith("ay") && !lower.endsWith("ey") && !lower.endsWith("oy")) {
            return lower.substring(0, lower.length() - 1) + "ies";
        }
        return lower.endsWith("s") ? lower + "es" : lower + "s";
    }

    private AdmissionPolicies.Lookup lookup(ClusterState state) {
        return new AdmissionPolicies.Lookup() {
            @Override
            public List<Map<String, Object>> objects(String apiVersion, String kind, String namespace) {
                List<Map<String, Object>> out = new ArrayList<>();
                Kind modelled = modelled(apiVersion, kind);
                boolean known = modelled != null || BUILT_IN.contains(apiVersion + "/" + kind);
                if (modelled != null) {
                    for (KubeObject o : state.<KubeObject>list(modelled, namespace)) {
                        out.add(encoder.apply(o));
                    }
                }
                for (KeptObject k : state.kept()) {
                    if (apiVersion.equals(k.apiVersion()) && kind.equals(k.kind())) {
                        known = true;
                        if (namespace == null || namespace.equals(k.namespace())) {
                            out.add(k.content());
                        }
                    }
                }
                return known ? out : null;
            }

            @Override
            public boolean namespaced(String apiVersion, String kind) {
                Kind modelled = modelled(apiVersion, kind);
                return modelled != null ? modelled.namespaced() : !CLUSTER_SCOPED.contains(kind);
            }

            @Override
            public Map<String, Object> namespace(String name) {
                return state.get(Kind.NAMESPACE, null, name).map(encoder).orElse(null);
            }
        };
    }

    private static Kind modelled(String apiVersion, String kind) {
        for (Kind k : Kind.values()) {
            if (k.apiVersion().equals(apiVersion) && k.kindName().equals(kind)) {
                return k;
            }
        }
        return null;
    }
}
