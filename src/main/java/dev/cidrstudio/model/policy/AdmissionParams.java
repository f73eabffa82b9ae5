package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.AdmissionPolicies.map;
import static dev.cidrstudio.model.policy.AdmissionPolicies.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The params a binding's {@code paramRef} selects from the plan ({@code collectParams}). */
final class AdmissionParams {

    private AdmissionParams() {
    }

    /** A misconfigured binding (params not found, a params kind not known, ...). */
    static final class ConfigException extends Exception {
        static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message, null, false, false);
        }
    }

    /** The params the binding selects: one null when the policy has no paramKind or the binding no paramRef. */
    static List<Object> params(Map<String, Object> paramKind, Object paramRefValue, AdmissionPolicies.Request req,
            AdmissionPolicies.Lookup lookup) throws ConfigException {
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
                    : ref.get("selector") instanceof Map<?, ?> sel && AdmissionMatching.labelsMatch(map(sel), o)) {
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

}
