package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * Everything needed to resume a simulated cluster where it was: settings, clock, counters, the apiservers' flags,
 * every stored object (status included) and when the repair loop's next full pass is due. The console's
 * {@code --state} file holds this. {@code nextRepair} may be null (a file written before it was kept): the repair
 * loop then runs its full pass at the next clock step.
 */
public record SimulationSnapshot(ClusterSettings settings, Instant now, long resourceVersion, long uidCounter,
        long randomDraws, Instant nextControllerSync, List<ApiServerSnapshot> apiServers, List<KubeObject> objects,
        Instant nextRepair) {

    /** One apiserver's flags and whether it already reported an inconsistency. */
    public record ApiServerSnapshot(String name, String serviceClusterIPRange, boolean inconsistencyReported) {
    }

    public SimulationSnapshot {
        apiServers = List.copyOf(apiServers);
        objects = List.copyOf(objects);
    }

    /** A snapshot without the repair loop's timer, as older state files hold it. */
    public SimulationSnapshot(ClusterSettings settings, Instant now, long resourceVersion, long uidCounter,
            long randomDraws, Instant nextControllerSync, List<ApiServerSnapshot> apiServers,
            List<KubeObject> objects) {
        this(settings, now, resourceVersion, uidCounter, randomDraws, nextControllerSync, apiServers, objects, null);
    }
}
