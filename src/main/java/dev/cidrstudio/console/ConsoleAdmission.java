package dev.cidrstudio.console;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.policy.AdmissionPolicies;
import dev.cidrstudio.model.policy.KubeCel;
import java.util.List;
import java.util.Map;

/**
 * The ValidatingAdmissionPolicies of the cluster (kept objects) applied to what the console writes, after the
 * object's own validation, as kube-apiserver orders them.
 */
final class ConsoleAdmission {

    static final String GROUP = "admissionregistration.k8s.io";
    static final String POLICY = "ValidatingAdmissionPolicy";
    static final String BINDING = "ValidatingAdmissionPolicyBinding";

    /** A write the policies refused: kubectl's line for it. */
    static final class Denied extends Exception {
        private static final long serialVersionUID = 1L;

        Denied(String kubectlText) {
            super(kubectlText, null, false, false);
        }
    }

    private final ApiServer api;
    private KubeCel cel;

    ConsoleAdmission(ApiServer api) {
        this.api = api;
    }

    static boolean isPolicyKind(String apiVersion, String kind) {
        return (GROUP + "/v1").equals(apiVersion) && (POLICY.equals(kind) || BINDING.equals(kind));
    }

    private List<Map<String, Object>> kept(String kind) {
        return api.state().kept().stream().filter(k -> kind.equals(k.kind()) && isPolicyKind(k.apiVersion(), k.kind()))
                .map(KeptObject::content).toList();
    }

    /** Runs the policies on a stored object; warnings are appended as kubectl prints them. */
    void admit(KubeObject stored, KubeObject old, String operation, StringBuilder warnings) throws Denied {
        List<Map<String, Object>> policies = kept(POLICY);
        if (policies.isEmpty()) {
            return;
        }
        if (cel == null) {
            cel = new KubeCel(false); // every modelled release (1.33+) has the fixed containsCIDR
        }
        String version = stored.kind().apiVersion().contains("/")
                ? stored.kind().apiVersion().substring(stored.kind().apiVersion().indexOf('/') + 1)
                : stored.kind().apiVersion();
        var req = new AdmissionPolicies.Request(operation, stored.kind().group(), version, stored.kind().plural(),
                stored.name());
        AdmissionPolicies.Verdict v = AdmissionPolicies.admit(policies, kept(BINDING), req, Printers.encode(stored),
                old == null ? null : Printers.encode(old), cel);
        for (String w : new java.util.LinkedHashSet<>(v.warnings())) {
            warnings.append("Warning: ").append(w).append('\n');
        }
        if (!v.allowed()) {
            throw new Denied(v.kubectl());
        }
    }
}
