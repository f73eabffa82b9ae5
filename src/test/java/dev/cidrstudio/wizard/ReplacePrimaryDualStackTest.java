package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Replacing the primary range of a dual-stack plan recreates its dual-stack Services, which gives them a new IPv6
 * address too (the docs page's step 5 lets the allocator pick, and Kubernetes refuses an empty clusterIPs entry): the
 * pre-flight, runbook.md and runbook.sh say so, naming each Service and its address.
 */
class ReplacePrimaryDualStackTest {

    @Test
    void theIpv6AddressesOfRecreatedDualStackServicesChangeAndTheRunbookSaysSo() throws Exception {
        ClusterState demo = ScenariosTest.demo();
        Service before = demo.<Service>get(Kind.SERVICE, "shop", "frontend").orElseThrow();
        assertEquals(2, before.spec().clusterIPsOrEmpty().size(), "the demo's frontend is dual-stack");
        String oldV6 = before.spec().clusterIPsOrEmpty().get(1);

        Rehearsal r = ScenariosTest.rehearsed(demo, ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        Service after = r.cluster().<Service>get(Kind.SERVICE, "shop", "frontend");
        assertNotEquals(oldV6, after.spec().clusterIPsOrEmpty().get(1), "what the scenario really does");

        String named = "shop/frontend (" + oldV6 + ")";
        PreflightFinding f = r.scenario().preflight().stream()
                .filter(p -> p.title().equals("IPv6 addresses change too")).findFirst().orElseThrow();
        assertEquals(PreflightFinding.Verdict.WARN, f.verdict());
        assertTrue(f.reason().contains(named), f.reason());
        Step five = r.scenario().steps().get(4);
        assertTrue(five.warnings().stream().anyMatch(w -> w.contains("new IPv6 address") && w.contains(named)),
                five.warnings().toString());

        Map<String, String> files = Runbook.files(r, "demo.cidrplan.yaml");
        String md = files.get(Runbook.MARKDOWN);
        assertTrue(md.contains("| IPv6 addresses change too | WARN |"), "in the pre-flight table");
        assertTrue(md.contains("> **Warning:** ") && md.lines().anyMatch(l -> l.startsWith("> **Warning:** ")
                && l.contains(named)), "in step 5 of runbook.md");
        String sh = files.get(Runbook.SCRIPT);
        String step5 = sh.substring(sh.indexOf("# ---- Step 5:"), sh.indexOf("# ---- Step 6:"));
        assertTrue(step5.lines().anyMatch(l -> l.startsWith("# Warning: ") && l.contains("new IPv6 address")
                && l.contains(named)), step5);
        // A comment, not a command: the script still replays to the same end state.
        RunbookTest.replay(demo, files);
    }

    @Test
    void aSingleStackPlanHasNoSuchWarning() throws Exception {
        ClusterState single = ScenariosTest.plan(ScenariosTest.SINGLE_STACK);
        Scenario s = Scenarios.build(single, ScenarioKind.REPLACE_PRIMARY, java.util.Optional.of("10.100.0.0/16"));
        assertTrue(s.preflight().stream().noneMatch(p -> p.title().endsWith("addresses change too")));
        assertTrue(s.steps().get(4).warnings().stream().noneMatch(w -> w.contains("dual-stack")),
                s.steps().get(4).warnings().toString());
        assertEquals(List.of(), ReplacePrimaryScenario.secondFamilyAddresses(
                ScenarioSupport.servicesIn(single, ScenarioSupport.flags(single).primary()), null));
    }
}
