package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every {@code vap} vector of vectors/cel.json: verdict, status, kubectl text, warnings and audit annotations. */
class VapVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyVapVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : Vectors.load("cel.json")) {
            if (!"vap".equals(v.path("kind").asText())) {
                continue;
            }
            tests.add(dynamicTest(v.path("name").asText(), () -> run(new KubeCel(false), v, v.get("expected"))));
            if (v.has("expectedK8sBefore_1_32_4")) {
                tests.add(dynamicTest(v.path("name").asText() + " (before 1.32.4)",
                        () -> run(new KubeCel(true), v, v.get("expectedK8sBefore_1_32_4"))));
            }
        }
        assertEquals(true, tests.size() >= 15, "vap vectors: " + tests.size());
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void run(KubeCel cel, JsonNode v, JsonNode expected) {
        List<Map<String, Object>> policies = JSON.convertValue(v.get("policies"), List.class);
        List<Map<String, Object>> bindings = JSON.convertValue(v.get("bindings"), List.class);
        JsonNode r = v.get("request");
        var req = new AdmissionPolicies.Request(r.get("operation").asText(), r.get("group").asText(),
                r.get("version").asText(), r.get("resource").asText(), r.get("name").asText());
        Map<String, Object> object = v.get("object") == null || v.get("object").isNull() ? null
                : JSON.convertValue(v.get("object"), Map.class);
        Map<String, Object> old = v.get("oldObject") == null || v.get("oldObject").isNull() ? null
                : JSON.convertValue(v.get("oldObject"), Map.class);
        AdmissionPolicies.Verdict verdict = AdmissionPolicies.admit(policies == null ? List.of() : policies,
                bindings == null ? List.of() : bindings, req, object, old, cel);
        assertEquals(expected.get("allowed").asBoolean(), verdict.allowed(), verdict.toString());
        if (expected.has("statusMessage")) {
            assertEquals(expected.get("statusMessage").asText(), verdict.statusMessage());
            assertEquals(expected.get("causeMessage").asText(), verdict.causeMessage());
            assertEquals(expected.get("kubectl").asText(), verdict.kubectl());
            assertEquals(expected.get("code").asInt(), verdict.code());
            assertEquals(expected.get("reason").asText(), verdict.reason());
        }
        assertEquals(JSON.convertValue(expected.get("warnings"), List.class), verdict.warnings());
        if (expected.has("auditAnnotations")) {
            assertEquals(JSON.convertValue(expected.get("auditAnnotations"), Map.class), verdict.auditAnnotations());
        }
    }
}
