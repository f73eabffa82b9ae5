package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KubeCelTest {

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

    @Test
    void kubernetesListLibrary() {
        assertEquals(true, cel.evaluate("[1, 2, 2, 5].isSorted()", Map.of()).value());
        assertEquals(false, cel.evaluate("['b', 'a'].isSorted()", Map.of()).value());
        assertEquals(10L, cel.evaluate("[1, 2, 3, 4].sum()", Map.of()).value());
        assertEquals(0L, cel.evaluate("[1].filter(x, x > 5).sum()", Map.of()).value());
        assertEquals(1.5, cel.evaluate("[1.0, 0.5].sum()", Map.of()).value());
        assertEquals(1L, cel.evaluate("[3, 1, 2].min()", Map.of()).value());
        assertEquals("c", cel.evaluate("['a', 'c', 'b'].max()", Map.of()).value());
        assertEquals("max called on empty list", cel.evaluate("[1].filter(x, x > 5).max()", Map.of()).error());
        assertEquals(1L, cel.evaluate("['a', 'b', 'b', 'c'].indexOf('b')", Map.of()).value());
        assertEquals(2L, cel.evaluate("['a', 'b', 'b', 'c'].lastIndexOf('b')", Map.of()).value());
        assertEquals(-1L, cel.evaluate("[1.0].indexOf(1.1)", Map.of()).value());
        // The strings extension's indexOf is still there.
        assertEquals(2L, cel.evaluate("'abc'.indexOf('c')", Map.of()).value());
        // Prefix lengths of a ServiceCIDR's ranges, the kind of thing a policy checks.
        assertEquals(24L, cel.evaluate("object.spec.cidrs.map(c, cidr(c).prefixLength()).max()", Map.of("object",
                Map.of("spec", Map.of("cidrs", List.of("10.0.0.0/16", "10.1.0.0/24")))) ).value());
    }

    @Test
    void kubernetesRegexLibrary() {
        assertEquals("123", cel.evaluate("'abc 123'.find('[0-9]+')", Map.of()).value());
        assertEquals("", cel.evaluate("'abc'.find('[0-9]+')", Map.of()).value());
        assertEquals(List.of("123", "456"), cel.evaluate("'123 abc 456'.findAll('[0-9]+')", Map.of()).value());
        assertEquals(List.of("123"), cel.evaluate("'123 abc 456'.findAll('[0-9]+', 1)", Map.of()).value());
        assertEquals(List.of(), cel.evaluate("'123 abc 456'.findAll('[0-9]+', 0)", Map.of()).value());
        assertEquals("Illegal regex: error parsing regexp: missing closing ]: `[a`",
                cel.evaluate("'x'.find('[a')", Map.of()).error());
        assertEquals(List.of("", "b"), cel.evaluate("'abc'.findAll('b*', 2)", Map.of()).value());
        // RE2, as in kube-apiserver: a pattern that backtracks exponentially elsewhere runs in linear time here.
        assertEquals("", cel.evaluate("'" + "a".repeat(60) + "!'.find('(a+)+$')", Map.of()).value());
    }

    @Test
    void comparingANetworkValueWithAnotherTypeIsNoSuchOverloadAsInCelGo() {
        KubeCel cel = KubeCel.shared();
        assertEquals("no such overload", cel.evaluate("dyn(ip('1.2.3.4')) == dyn('1.2.3.4')", Map.of()).error());
        assertEquals("no such overload", cel.evaluate("dyn(cidr('10.0.0.0/8')) != dyn(ip('10.0.0.0'))", Map.of())
                .error());
        assertEquals(false, cel.evaluate("ip('1.2.3.4') == ip('::1')", Map.of()).value());
        assertEquals(true, cel.evaluate("[ip('1.2.3.4')] == [ip('1.2.3.4')]", Map.of()).value());
        // Other values keep CEL's heterogeneous equality.
        assertEquals(true, cel.evaluate("dyn(1) == dyn(1.0) && dyn('a') != dyn(1)", Map.of()).value());
    }
}
