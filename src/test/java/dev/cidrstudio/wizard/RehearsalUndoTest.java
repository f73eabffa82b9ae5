package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Taking steps back rolls the rehearsal's cluster back to exactly the state before each step. */
class RehearsalUndoTest {

    private static List<Object> whole(ClusterState s) {
        return List.of(new ArrayList<>(s.all()), s.kept(), s.now(), s.resourceVersionCounter(), s.randomDraws(),
                s.apiServers(), s.settings());
    }

    @Test
    void eachStepBackGivesTheWholeStateBeforeIt() throws Exception {
        Scenario s = Scenarios.build(ScenariosTest.demo(), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.96.16.0/20"));
        Rehearsal r = new Rehearsal(s);
        r.runAll();
        for (int step = s.steps().size() - 1; step >= 0; step--) {
            r.back();
            assertEquals(step, r.position());
            assertEquals(whole(r.stateBefore(step)), whole(r.cluster().state()), "before step " + (step + 1));
            assertEquals(r.stateBefore(step).revision(), r.cluster().revision());
        }
        r.jumpTo(2);
        assertEquals(whole(r.stateBefore(2)), whole(r.cluster().state()));
    }

    @Test
    void checkingAStepChangesNothing() throws Exception {
        Scenario s = Scenarios.build(ScenariosTest.demo(), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.96.16.0/20"));
        Rehearsal r = new Rehearsal(s);
        r.jumpTo(2);
        List<Object> before = whole(r.cluster().state());
        long revision = r.cluster().revision();
        r.checkNow();
        CheckResult probe = r.evaluate(new Check.OutputCheck("a Service can be created",
                "kubectl create service clusterip probe --tcp=80:80", false, "created"));
        assertTrue(probe.passed(), probe.detail());
        assertEquals(before, whole(r.cluster().state()));
        assertEquals(revision, r.cluster().revision());
    }
}
