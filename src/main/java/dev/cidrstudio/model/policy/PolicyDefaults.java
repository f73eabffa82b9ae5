package dev.cidrstudio.model.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kube-apiserver's defaulting of admissionregistration/v1 objects ({@code SetDefaults_ValidatingAdmissionPolicySpec},
 * {@code SetDefaults_MatchResources}, {@code SetDefaults_Rule}): what {@code kubectl get -o yaml} shows that the
 * manifest did not say. A policy fails closed ({@code failurePolicy: Fail}); match resources get
 * {@code matchPolicy: Equivalent} and empty namespace and object selectors; every rule gets {@code scope: '*'}.
 */
public final class PolicyDefaults {

    private PolicyDefaults() {
    }

    /** A copy of a policy or binding manifest with the API server's defaults filled in. */
    public static Map<String, Object> apply(Map<String, Object> doc) {
        Map<String, Object> out = new LinkedHashMap<>(doc);
        if (!(doc.get("spec") instanceof Map<?, ?> rawSpec)) {
            return out;
        }
        Map<String, Object> spec = copy(rawSpec);
        if (PolicyAdmission.POLICY.equals(doc.get("kind"))) {
            spec.putIfAbsent("failurePolicy", "Fail");
            if (spec.get("matchConstraints") instanceof Map<?, ?> mc) {
                spec.put("matchConstraints", matchResources(copy(mc)));
            }
        } else if (PolicyAdmission.BINDING.equals(doc.get("kind")) && spec.get("matchResources") instanceof Map<?, ?> mr) {
            spec.put("matchResources", matchResources(copy(mr)));
        }
        out.put("spec", spec);
        return out;
    }

    private static Map<String, Object> matchResources(Map<String, Object> m) {
        m.putIfAbsent("matchPolicy", "Equivalent");
        m.putIfAbsent("namespaceSelector", new LinkedHashMap<>());
        m.putIfAbsent("objectSelector", new LinkedHashMap<>());
        for (String rules : List.of("resourceRules", "excludeResourceRules")) {
            if (m.get(rules) instanceof List<?> list) {
                List<Object> defaulted = new ArrayList<>();
                for (Object r : list) {
                    if (r instanceof Map<?, ?> rule) {
                        Map<String, Object> c = copy(rule);
                        c.putIfAbsent("scope", "*");
                        defaulted.add(c);
                    } else {
                        defaulted.add(r);
                    }
                }
                m.put(rules, defaulted);
            }
        }
        return m;
    }

    private static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> c = new LinkedHashMap<>();
        m.forEach((k, v) -> c.put(String.valueOf(k), v));
        return c;
    }
}
