package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.api.KubeObject;
import java.time.Instant;
import java.util.List;

/**
 * Everything needed to resume a simulated cluster exactly where it was: settings, clock, counters, the
 * apiservers' flags, and every stored object (status included). The console's {@code --state} file holds this.
 */
public record SimulationSnapshot(ClusterSettings settings, Instant now, long resourceVersion, long uidCounter,
        long randomDraws, Instant nextControllerSync, List<ApiServerSnapshot> apiServers, List<KubeObject> objects) {

    /** One apiserver's flags and whether it already reported an inconsistency. */
    public record ApiServerSnapshot(String name, String serviceClusterIPRange, boolean inconsistencyReported) {
    }

    public SimulationSnapshot {
        apiServers = List.copyOf(apiServers);
        objects = List.copyOf(objects);
    }
}
