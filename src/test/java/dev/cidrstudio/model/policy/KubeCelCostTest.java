package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeCelCostTest {

    private final KubeCel cel = new KubeCel(false);

    private static List<Long> numbers(int n) {
        List<Long> l = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    @Test
    void aRunawayExpressionStopsWithKubernetesText() {
        var out = cel.evaluate("params.all(i, params.all(j, params.all(k, i + j + k >= 0)))",
                Map.of("params", numbers(200)), KubeCel.PER_CALL_LIMIT);
        assertEquals(KubeCel.COST_EXCEEDED, out.outcome().error());
        assertTrue(out.cost() > KubeCel.PER_CALL_LIMIT);
    }

    @Test
    void anOrdinaryExpressionIsCheapAndCounted() {
        var out = cel.evaluate("params.all(i, i >= 0)", Map.of("params", numbers(100)), KubeCel.PER_CALL_LIMIT);
        assertEquals(true, out.outcome().value());
        assertTrue(out.cost() >= 100 && out.cost() < 2_000, "cost " + out.cost());
    }

    @Test
    void compileErrorsAndResultTypesAreCachedPerExpression() {
        assertNull(cel.compileError("object.spec.cidrs.all(c, isCIDR(c))"));
        assertEquals("bool", cel.resultType("object.spec.cidrs.all(c, isCIDR(c))"));
        assertEquals("dyn", cel.resultType("object.spec"));
        assertEquals("int", cel.resultType("1 + 2"));
        assertEquals("list(string)", cel.resultType("['a']"));
        assertTrue(cel.compileError("cidr(").startsWith("ERROR: <input>:1:6"), cel.compileError("cidr("));
    }

    @Test
    void aMissingKeyIsCelGosNoSuchKey() {
        var out = cel.evaluate("object.spec.cidr.size() > 0", Map.of("object", Map.of("spec", Map.of("cidrs",
                List.of("10.0.0.0/8")))));
        assertEquals("no such key: cidr", out.error());
        assertEquals("no such key: labels", cel.evaluate("object.metadata.labels.app == 'x'",
                Map.of("object", Map.of("metadata", Map.of("name", "n")))).error());
    }
}
