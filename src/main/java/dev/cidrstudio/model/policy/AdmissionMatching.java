package dev.cidrstudio.model.policy;

import static dev.cidrstudio.model.policy.AdmissionPolicies.list;
import static dev.cidrstudio.model.policy.AdmissionPolicies.map;
import static dev.cidrstudio.model.policy.AdmissionPolicies.str;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which requests a policy's {@code matchConstraints} or a binding's {@code matchResources} select: resource rules
 * and exclusions, namespace and object selectors ({@code pkg/admission/plugin/policy/matching}).
 */
final class AdmissionMatching {

    private AdmissionMatching() {
    }

    /** The matching half of a policy's matchConstraints or a binding's matchResources. */
    static boolean matches(Map<String, Object> m, AdmissionPolicies.Request req, Map<String, Object> object,
            Map<String, Object> old, AdmissionPolicies.Lookup lookup, boolean binding) {
        return rulesMatch(list(m.get("resourceRules")), req, binding)
                && !rulesMatch(list(m.get("excludeResourceRules")), req, false)
                && namespaceMatches(m.get("namespaceSelector"), req, object, old, lookup)
                && selectorMatches(m.get("objectSelector"), object, old);
    }

    /**
     * namespaceSelector: a cluster-scoped object other than a Namespace always matches; a Namespace is matched by
     * its own labels; a namespaced object by its namespace's labels.
     */
    static boolean namespaceMatches(Object selector, AdmissionPolicies.Request req, Map<String, Object> object,
            Map<String, Object> old, AdmissionPolicies.Lookup lookup) {
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

    static boolean rulesMatch(List<Object> rules, AdmissionPolicies.Request req, boolean emptyMatches) {
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

    static boolean has(Object values, String v) {
        List<Object> l = list(values);
        return l.contains("*") || l.contains(v);
    }

    static boolean resourceMatches(Object values, AdmissionPolicies.Request req) {
        for (Object o : list(values)) {
            String r = String.valueOf(o);
            if (r.equals("*") || r.equals("*/*") || r.equals(req.resource())) {
                return true;
            }
        }
        return false;
    }

    /** A label selector over the labels of the object or the old object; absent or {} matches everything. */
    static boolean selectorMatches(Object selector, Map<String, Object> object, Map<String, Object> old) {
        if (!(selector instanceof Map<?, ?>)) {
            return true;
        }
        return labelsMatch(map(selector), object) || labelsMatch(map(selector), old);
    }

    static boolean labelsMatch(Map<String, Object> selector, Map<String, Object> obj) {
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

}
