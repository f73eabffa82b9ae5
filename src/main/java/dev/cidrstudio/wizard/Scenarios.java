package dev.cidrstudio.wizard;

import dev.cidrstudio.model.cluster.ClusterState;
import java.util.Optional;

/** Builds a reconfiguration scenario from the user's plan; the plan itself is only read. */
public final class Scenarios {

    private Scenarios() {
    }

    /**
     * The scenario of that kind for the plan. {@code to} is the target range (the new ServiceCIDR, the secondary
     * range to add, or the new primary), or empty to take the planner's suggestion. The rehearsal's control plane
     * has the plan's kube-apiservers ({@code spec.apiServers}).
     */
    public static Scenario build(ClusterState plan, ScenarioKind kind, Optional<String> to) {
        return switch (kind) {
            case EXTEND -> ExtendScenario.build(plan, to);
            case SINGLE_TO_DUAL -> SingleToDualScenario.build(plan, to);
            case DUAL_TO_SINGLE -> DualToSingleScenario.build(plan);
            case REPLACE_PRIMARY -> ReplacePrimaryScenario.build(plan, to);
        };
    }
}
