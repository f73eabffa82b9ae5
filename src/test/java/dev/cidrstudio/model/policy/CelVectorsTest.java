package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cidrstudio.model.net.NetIp;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every {@code cel} vector of vectors/cel.json through the CEL environment, with the fixed and the old containsCIDR. */
class CelVectorsTest {

    private static final KubeCel FIXED = new KubeCel(false);
    private static final KubeCel OLD = new KubeCel(true);

    @TestFactory
    Stream<DynamicTest> everyCelVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : Vectors.load("cel.json")) {
            if (!"cel".equals(v.path("kind").asText())) {
                continue;
            }
            tests.add(dynamicTest(v.path("name").asText(), () -> run(FIXED, v, v.get("expected"))));
            if (v.has("expectedK8sBefore_1_32_4")) {
                tests.add(dynamicTest(v.path("name").asText() + " (before 1.32.4)",
                        () -> run(OLD, v, v.get("expectedK8sBefore_1_32_4"))));
            }
        }
        assertEquals(88 + 3, tests.size(), "88 cel vectors, 3 of them with a pre-1.32.4 result");
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void run(KubeCel cel, JsonNode v, JsonNode expected) {
        Map<String, Object> vars = new ObjectMapper().convertValue(v.path("bindings"), Map.class);
        KubeCel.Outcome o = cel.evaluate(v.get("expression").asText(), vars == null ? Map.of() : vars);
        if (expected.has("compileError")) {
            assertNotNull(o.compileError(), "expected a compile error, got " + o);
            assertTrue(o.compileError().contains(expected.get("compileError").asText()), o.compileError());
            return;
        }
        if (expected.has("error")) {
            assertEquals(expected.get("error").asText(), o.error(), o.toString());
            return;
        }
        assertTrue(o.ok(), o.toString());
        JsonNode value = expected.get("value");
        if (value.isObject() && value.has("type")) {
            Object r = o.value();
            assertEquals(value.get("type").asText(), r instanceof NetIp.Addr ? "net.IP"
                    : r instanceof NetIp.Prefix ? "net.CIDR" : String.valueOf(r));
            assertEquals(value.get("string").asText(), r.toString());
        } else if (value.isBoolean()) {
            assertEquals(value.asBoolean(), o.value());
        } else if (value.isIntegralNumber()) {
            assertEquals(value.asLong(), o.value());
        } else {
            assertEquals(value.asText(), o.value());
        }
    }
}
