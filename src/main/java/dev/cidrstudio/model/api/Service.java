package dev.cidrstudio.model.api;

import java.util.List;

/** A core/v1 Service. */
public record Service(ObjectMeta meta, ServiceSpec spec, List<LoadBalancerIngress> loadBalancerIngress)
        implements KubeObject {

    public Service {
        loadBalancerIngress = loadBalancerIngress == null ? List.of() : List.copyOf(loadBalancerIngress);
    }

    /** One {@code status.loadBalancer.ingress} entry. */
    public record LoadBalancerIngress(String ip, String hostname) {
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE;
    }

    @Override
    public Service withMeta(ObjectMeta m) {
        return new Service(m, spec, loadBalancerIngress);
    }

    public Service withSpec(ServiceSpec s) {
        return new Service(meta, s, loadBalancerIngress);
    }
}
