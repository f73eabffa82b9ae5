package dev.cidrstudio.model.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.field.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each release's CEL libraries: stored expressions get the release's own, new ones its compatibility version's. */
class CelLibraryVersionsTest {

    private final KubeCel cel = KubeCel.shared();

    @Test
    void theListsLibraryArrivedIn134() {
        String expr = "[3, 1].sort() == [1, 3]";
        assertEquals("ERROR: <input>:1:12: undeclared reference to 'sort' (in container '')\n"
                + " | [3, 1].sort() == [1, 3]\n"
                + " | ...........^", cel.at(33).compileError(expr));
        assertNull(cel.at(34).compileError(expr));
        assertEquals(true, cel.at(34).evaluate(expr, Map.of()).value());
        KubeCel.Outcome on133 = cel.at(33).evaluate(expr, Map.of());
        assertTrue(on133.compileError().contains("undeclared reference to 'sort'"), on133.toString());
    }

    @Test
    void aQualifiedFunctionReportsItsReceiverFirstAsCelGoDoes() {
        assertEquals("ERROR: <input>:1:1: undeclared reference to 'lists' (in container '')\n"
                + " | lists.range(3).size() == 3\n"
                + " | ^\n"
                + "ERROR: <input>:1:12: undeclared reference to 'range' (in container '')\n"
                + " | lists.range(3).size() == 3\n"
                + " | ...........^", cel.at(33).compileError("lists.range(3).size() == 3"));
    }

    @Test
    void stringReverseIsNotInStringsVersion2() {
        assertTrue(cel.at(33).compileError("'abc'.reverse() == 'cba'")
                .startsWith("ERROR: <input>:1:14: undeclared reference to 'reverse' (in container '')"));
        assertTrue(cel.at(35).compileError("'abc'.reverse() == 'cba'")
                .startsWith("ERROR: <input>:1:14: found no matching overload for 'reverse' applied to 'string.()'"));
        assertNull(cel.at(35).compileError("[1, 2].reverse() == [2, 1]"));
    }

    @Test
    void newExpressionsGetTheLibrariesOfTheReleaseBefore() {
        assertEquals(33, CelLibraryVersions.forNewExpressions(KubeVersion.V1_34));
        assertEquals(34, CelLibraryVersions.forStoredExpressions(KubeVersion.V1_34));
        Map<String, Object> policy = policy("[3, 1].sort()[0] == 1");
        List<FieldError> on134 = PolicyValidation.validatePolicy(policy, null, KubeVersion.V1_34);
        assertEquals(1, on134.size(), on134.toString());
        assertEquals("spec.validations[0].expression", on134.get(0).field());
        assertTrue(on134.get(0).toString().contains("compilation failed: ERROR: <input>:1:12: undeclared reference "
                + "to 'sort'"), on134.get(0).toString());
        assertTrue(PolicyValidation.validatePolicy(policy, null, KubeVersion.V1_35).isEmpty());
        // An update keeps an expression the stored object already had: it compiles with the release's own set.
        assertTrue(PolicyValidation.validatePolicy(policy, policy, KubeVersion.V1_34).isEmpty());
        assertEquals(1, PolicyValidation.validatePolicy(policy, policy, KubeVersion.V1_33).size());
    }

    private static Map<String, Object> policy(String expression) {
        return Map.of("metadata", Map.of("name", "p"), "spec", Map.of(
                "matchConstraints", Map.of("resourceRules", List.of(Map.of("apiGroups", List.of("networking.k8s.io"),
                        "apiVersions", List.of("v1"), "operations", List.of("CREATE"),
                        "resources", List.of("servicecidrs")))),
                "validations", List.of(Map.of("expression", expression))));
    }
}
