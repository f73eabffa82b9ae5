package dev.cidrstudio.model.cluster;

/**
 * One kube-apiserver of the simulated control plane, with its own {@code --service-cluster-ip-range}. Each runs
 * the default-ServiceCIDR controller, which reports a disagreement with the {@code kubernetes} object once.
 */
public record ApiServerInstance(String name, ServiceIpRangeFlag flags, boolean inconsistencyReported) {

    public ApiServerInstance reported() {
        return new ApiServerInstance(name, flags, true);
    }
}
