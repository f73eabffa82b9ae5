package dev.cidrstudio.model.api;

import java.util.Map;

/** A {@code networking.k8s.io/v1} IPAddress: its name is the canonical IP, its parentRef names the owner. */
public record IpAddressObject(ObjectMeta meta, ParentReference parentRef) implements KubeObject {

    public static final String LABEL_IP_FAMILY = "ipaddress.kubernetes.io/ip-family";
    public static final String LABEL_MANAGED_BY = "ipaddress.kubernetes.io/managed-by";
    public static final String MANAGED_BY_ALLOCATOR = "ipallocator.k8s.io";

    @Override
    public Kind kind() {
        return Kind.IP_ADDRESS;
    }

    @Override
    public IpAddressObject withMeta(ObjectMeta m) {
        return new IpAddressObject(m, parentRef);
    }

    public boolean managedByAllocator() {
        return MANAGED_BY_ALLOCATOR.equals(meta.labels().get(LABEL_MANAGED_BY));
    }

    /** The labels the allocator sets. */
    public static Map<String, String> allocatorLabels(String family) {
        return Map.of(LABEL_IP_FAMILY, family, LABEL_MANAGED_BY, MANAGED_BY_ALLOCATOR);
    }
}
