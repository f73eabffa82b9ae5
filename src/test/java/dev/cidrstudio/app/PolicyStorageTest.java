package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.KeptObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A policy written from a plain manifest is stored as kube-apiserver stores it; one from a dump as it was. */
class PolicyStorageTest {

    private static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata:
              name: p
            spec:
              matchConstraints:
                resourceRules:
                - apiGroups: ["networking.k8s.io"]
                  apiVersions: ["v1"]
                  operations: ["CREATE"]
                  resources: ["servicecidrs"]
              validations:
              - expression: "object.spec.cidr.size() > 0"
            """;

    private static Map<String, Object> kept(PlanLoader.Result r, String name) {
        return r.api().state().kept().stream().filter(k -> name.equals(k.name())).findFirst()
                .map(KeptObject::content).orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void aPlainManifestGetsTheServersDefaultsIdentityAndTypeCheckingStatus() throws Exception {
        Map<String, Object> p = kept(PlanLoader.load("p.yaml", POLICY), "p");
        Map<String, Object> spec = map(p.get("spec"));
        assertEquals("Fail", spec.get("failurePolicy"));
        Map<String, Object> mc = map(spec.get("matchConstraints"));
        assertEquals("Equivalent", mc.get("matchPolicy"));
        assertEquals(Map.of(), mc.get("namespaceSelector"));
        assertEquals(Map.of(), mc.get("objectSelector"));
        assertEquals("*", map(((List<?>) mc.get("resourceRules")).get(0)).get("scope"));
        Map<String, Object> meta = map(p.get("metadata"));
        assertNotNull(meta.get("uid"));
        assertNotNull(meta.get("resourceVersion"));
        assertEquals(1L, ((Number) meta.get("generation")).longValue());
        Map<String, Object> status = map(p.get("status"));
        assertEquals(1L, ((Number) status.get("observedGeneration")).longValue());
        List<?> warnings = (List<?>) map(status.get("typeChecking")).get("expressionWarnings");
        assertEquals("spec.validations[0].expression", map(warnings.get(0)).get("fieldRef"));
        assertTrue(String.valueOf(map(warnings.get(0)).get("warning")).contains("undefined field 'cidr'"));
    }

    @Test
    void aDumpsPolicyIsRestoredAsTheClusterHadIt() throws Exception {
        String dumped = POLICY.replace("  name: p\n", "  name: p\n  uid: 0b1c2d3e-0000-4000-8000-000000000001\n");
        Map<String, Object> p = kept(PlanLoader.load("dump.yaml", dumped), "p");
        assertFalse(map(p.get("spec")).containsKey("failurePolicy"), "kept exactly as dumped");
        assertFalse(p.containsKey("status"));
    }
}
