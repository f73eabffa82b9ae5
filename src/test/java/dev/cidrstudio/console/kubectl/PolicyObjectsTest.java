package dev.cidrstudio.console.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code kubectl get validatingadmissionpolicybindings} prints a binding's paramRef. */
class PolicyObjectsTest {

    @Test
    void aBindingsParamRefWithoutNamespaceIsStarSlashName() {
        assertEquals("<unset>", PolicyObjects.paramRefColumn(null));
        assertEquals("*/limits", PolicyObjects.paramRefColumn(Map.of("name", "limits")));
        assertEquals("ops/limits", PolicyObjects.paramRefColumn(Map.of("name", "limits", "namespace",
                "ops")));
        assertEquals("env=prod,tier in (a,b)", PolicyObjects.paramRefColumn(Map.of("selector",
                Map.of("matchLabels", Map.of("env", "prod"), "matchExpressions", List.of(
                        Map.of("key", "tier", "operator", "In", "values", List.of("b", "a")))))));
    }
}
