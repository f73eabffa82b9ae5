package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * "Replace the primary ServiceCIDR" on each release. On 1.33 kube-apiserver still mirrors allocations into the legacy
 * bitmap of its flag (DisableAllocatorDualWrite off) and asks it first, so step 5 fails the way users of real 1.33
 * clusters report it; 1.34 and 1.35 have no bitmap and the steps go through.
 */
class DualWriteReplacePrimaryTest {

    private static final String STEP5_ERROR = "Internal error occurred: failed to allocate a serviceIP: the provided "
            + "network does not match the current range";

    private static ClusterState plan(String version) throws Exception {
        return ScenariosTest.plan(ScenariosTest.SINGLE_STACK.replaceFirst("spec:\n",
                "spec:\n  kubernetesVersion: \"" + version + "\"\n"));
    }

    private static Rehearsal stepsToFive(String version) throws Exception {
        Scenario s = Scenarios.build(plan(version), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.100.0.0/16"));
        assertTrue(s.ready(), () -> version + ": " + s.preflight());
        Rehearsal r = new Rehearsal(s);
        for (int i = 0; i < 5; i++) {
            r.runNext();
        }
        return r;
    }

    @Test
    void on133StepFiveFailsAsA133ClusterPrintsIt() throws Exception {
        Rehearsal r = stepsToFive("1.33");
        Rehearsal.StepRun five = r.done().get(4);
        String transcript = five.transcript().stream().map(Rehearsal.Entry::text).reduce("", String::concat);
        assertTrue(transcript.contains("Error from server (InternalError): error when creating "), transcript);
        assertTrue(transcript.contains(STEP5_ERROR), transcript);
        assertFalse(five.passed(), "step 5's checks fail on 1.33");
        assertTrue(r.cluster().find(Kind.SERVICE, "default", "web").isEmpty(), "web was deleted and not recreated");
    }

    @Test
    void on133ThePreflightAndStepFiveSayWhatWillHappen() throws Exception {
        Scenario s = Scenarios.build(plan("1.33"), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.100.0.0/16"));
        PreflightFinding f = s.preflight().stream().filter(p -> p.title().equals("Kubernetes 1.33 dual write"))
                .findFirst().orElseThrow();
        assertEquals(PreflightFinding.Verdict.WARN, f.verdict());
        assertTrue(f.reason().contains("the provided network does not match the current range"), f.reason());
        assertTrue(s.steps().get(4).warnings().stream().anyMatch(w -> w.contains(STEP5_ERROR)));
    }

    @Test
    void on134And135EveryStepGoesThrough() throws Exception {
        for (String v : List.of("1.34", "1.35")) {
            Scenario s = Scenarios.build(plan(v), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.100.0.0/16"));
            assertTrue(s.preflight().stream().noneMatch(p -> p.title().equals("Kubernetes 1.33 dual write")), v);
            Rehearsal r = ScenariosTest.rehearsed(plan(v), ScenarioKind.REPLACE_PRIMARY, "10.100.0.0/16");
            assertEquals(7, r.done().size(), v);
            assertTrue(r.done().stream().allMatch(Rehearsal.StepRun::passed), v);
        }
    }
}
