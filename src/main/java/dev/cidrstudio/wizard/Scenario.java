package dev.cidrstudio.wizard;

import dev.cidrstudio.model.cluster.ClusterState;
import java.util.List;

/**
 * A reconfiguration or a training exercise: where it starts (a copy of the plan, never the plan itself), the
 * pre-flight findings, and the steps. {@code alternatives} are targets that would pass the pre-flight when this one
 * does not.
 */
public record Scenario(String id, String title, String summary, ClusterState start, List<PreflightFinding> preflight,
        List<Step> steps, List<String> alternatives) {

    public Scenario {
        preflight = List.copyOf(preflight);
        steps = List.copyOf(steps);
        alternatives = List.copyOf(alternatives);
    }

    /** Whether step 1 may run: no pre-flight check failed. */
    public boolean ready() {
        return preflight.stream().noneMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL);
    }

    /** Every manifest the steps apply, in step order. */
    public List<Manifest> manifests() {
        return steps.stream().flatMap(s -> s.manifests().stream()).toList();
    }
}
