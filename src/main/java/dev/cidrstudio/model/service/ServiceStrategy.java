package dev.cidrstudio.model.service;

import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Service registry strategy ({@code pkg/registry/core/service/strategy.go}): who owns {@code status}
 * ({@code PrepareForCreate}, {@code PrepareForUpdate} and the status strategy's), and {@code dropTypeDependentFields}:
 * a Service is a union discriminated by {@code type}, and a change of type wipes the fields that belonged to the old
 * type and that the user did not also change (which validation then refuses). The allocator gives the wiped values
 * back.
 */
public final class ServiceStrategy {

    private ServiceStrategy() {
    }

    /** {@code svcStrategy.PrepareForCreate}: a new Service starts without status, whatever the request carried. */
    public static Service prepareForCreate(Service svc) {
        return new Service(svc.meta(), svc.spec(), List.of());
    }

    /**
     * {@code svcStrategy.PrepareForUpdate}: an update of the Service itself keeps the stored status (only the status
     * subresource writes it).
     */
    public static Service prepareForUpdate(Service svc, Service old) {
        return new Service(svc.meta(), svc.spec(), old.loadBalancerIngress());
    }

    /** {@code serviceStatusStrategy.PrepareForUpdate}: "status changes are not allowed to update spec". */
    public static Service prepareForStatusUpdate(Service svc, Service old) {
        return new Service(svc.meta(), old.spec(), svc.loadBalancerIngress());
    }

    /** {@code dropTypeDependentFields} on an update from {@code old}. */
    public static ServiceSpec dropTypeDependentFields(ServiceSpec spec, ServiceSpec old) {
        ServiceSpec s = spec;
        if (!old.isExternalName() && s.isExternalName()) {
            if (sameClusterIPs(old, s)) {
                s = s.withClusterIPs(null, null);
            }
            if (Objects.equals(old.ipFamilies(), s.ipFamilies())) {
                s = s.withIpFamilies(null);
            }
            if (Objects.equals(old.ipFamilyPolicy(), s.ipFamilyPolicy())) {
                s = s.withIpFamilyPolicy(null);
            }
        }
        if (ServiceIpFamilies.needsNodePort(old) && !ServiceIpFamilies.needsNodePort(s) && sameNodePorts(old, s)
                && s.ports() != null) {
            List<ServicePort> ports = new ArrayList<>();
            for (ServicePort p : s.ports()) {
                ports.add(p.withNodePort(null));
            }
            s = s.withPorts(ports);
        }
        if (old.needsHealthCheck() && !s.needsHealthCheck()
                && ServiceValidation.healthCheckNodePort(old) == ServiceValidation.healthCheckNodePort(s)) {
            s = s.withOtherField("healthCheckNodePort", null);
        }
        if ("LoadBalancer".equals(old.type()) && !"LoadBalancer".equals(s.type())
                && s.allocateLoadBalancerNodePorts() != null && old.allocateLoadBalancerNodePorts() != null
                && old.allocateLoadBalancerNodePorts().equals(s.allocateLoadBalancerNodePorts())) {
            s = s.withDefaults(s.sessionAffinity(), s.internalTrafficPolicy(), s.externalTrafficPolicy(), null);
        }
        if ("LoadBalancer".equals(old.type()) && !"LoadBalancer".equals(s.type())
                && Objects.equals(old.otherField("loadBalancerClass"), s.otherField("loadBalancerClass"))) {
            s = s.withOtherField("loadBalancerClass", null);
        }
        if (old.externallyAccessible() && !s.externallyAccessible()
                && Objects.equals(old.externalTrafficPolicy(), s.externalTrafficPolicy())) {
            s = s.withDefaults(s.sessionAffinity(), s.internalTrafficPolicy(), null, s.allocateLoadBalancerNodePorts());
        }
        return s;
    }

    /** The strategy's {@code sameClusterIPs}: the singular and the plural field both unchanged. */
    private static boolean sameClusterIPs(ServiceSpec old, ServiceSpec s) {
        return Objects.equals(emptyIfNull(old.clusterIP()), emptyIfNull(s.clusterIP()))
                && old.clusterIPsOrEmpty().equals(s.clusterIPsOrEmpty());
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }

    /** {@code sameNodePorts}: ports may be added, removed or changed as long as no NodePort is new. */
    private static boolean sameNodePorts(ServiceSpec old, ServiceSpec s) {
        return nodePorts(old).containsAll(nodePorts(s));
    }

    private static Set<Integer> nodePorts(ServiceSpec s) {
        Set<Integer> out = new HashSet<>();
        for (ServicePort p : s.portsOrEmpty()) {
            if (p.nodePort() != null && p.nodePort() != 0) {
                out.add(p.nodePort());
            }
        }
        return out;
    }
}
