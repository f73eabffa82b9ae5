package dev.cidrstudio.app;

import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.Optional;

/**
 * One change the user asks of the plan: what to call it in Edit &gt; Undo, whether it can run on the plan as it is,
 * and the work, which goes through the plan's API server. {@link PlanSession#submit} runs it as one transaction: all
 * of it or none of it, and one undo step exactly when the plan's content changed.
 */
public interface PlanCommand {

    /** What Edit &gt; Undo calls it ("Create Service default/web"). */
    String description();

    /** Why it cannot run on this state of the plan, or empty when it can. */
    default Optional<String> whyNotExecutable(ClusterState plan) {
        return Optional.empty();
    }

    /**
     * What the simulation does by itself before the command looks at the plan (the simulated kubelet starting the
     * plan's Pods when a console first sees them). It is kept only if the command then changes the plan, so a
     * command that only reads leaves no trace.
     */
    default void settle(ApiServer api) throws ApiException {
    }

    /** Does the work; an exception takes all of it back. */
    void execute(ApiServer api) throws ApiException;

    /** A command from a description and the work. */
    static PlanCommand of(String description, PlanSession.Change work) {
        return new PlanCommand() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void execute(ApiServer api) throws ApiException {
                work.apply(api);
            }
        };
    }
}
