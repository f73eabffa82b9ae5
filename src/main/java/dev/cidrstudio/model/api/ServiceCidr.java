package dev.cidrstudio.model.api;

import java.util.List;

/** A {@code networking.k8s.io/v1} ServiceCIDR. */
public record ServiceCidr(ObjectMeta meta, List<String> cidrs, List<Condition> conditions) implements KubeObject {

    public static final String FINALIZER = "networking.k8s.io/service-cidr-finalizer";
    public static final String CONDITION_READY = "Ready";
    public static final String REASON_TERMINATING = "Terminating";
    public static final String DEFAULT_NAME = "kubernetes";

    public ServiceCidr {
        cidrs = cidrs == null ? null : List.copyOf(cidrs);
        conditions = conditions == null ? List.of() : List.copyOf(conditions);
    }

    @Override
    public Kind kind() {
        return Kind.SERVICE_CIDR;
    }

    @Override
    public ServiceCidr withMeta(ObjectMeta m) {
        return new ServiceCidr(m, cidrs, conditions);
    }

    public ServiceCidr withConditions(List<Condition> c) {
        return new ServiceCidr(meta, cidrs, c);
    }

    public ServiceCidr withCidrs(List<String> c) {
        return new ServiceCidr(meta, c, conditions);
    }

    public List<String> cidrsOrEmpty() {
        return cidrs == null ? List.of() : cidrs;
    }

    public Condition condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
    }

    /**
     * The MetaAllocator's readiness: Ready=True, or no Ready condition at all ("to handle scenarios where kcm is not
     * running"), and not being deleted.
     */
    public boolean servesAllocations() {
        if (meta.beingDeleted()) {
            return false;
        }
        Condition ready = condition(CONDITION_READY);
        return ready == null || "True".equals(ready.status());
    }
}
