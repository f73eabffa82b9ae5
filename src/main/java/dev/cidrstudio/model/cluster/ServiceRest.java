package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.AllocationException;
import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.service.ServiceIpFamilies;
import dev.cidrstudio.model.service.ServiceValidation;
import dev.cidrstudio.model.service.ServiceWarnings;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Service REST storage ({@code pkg/registry/core/service/storage}): the create and update hooks in Kubernetes'
 * order, ClusterIP allocation through the family's MetaAllocator, NodePorts, and release on delete.
 */
final class ServiceRest {

    static final String KUBERNETES_SERVICE = "kubernetes";

    private final ApiServer api;
    private final GenericStore store;

    ServiceRest(ApiServer api, GenericStore store) {
        this.api = api;
        this.store = store;
    }

    /** The {@code PreferSameTrafficDistribution} gate: alpha (off) in 1.33, on from 1.34. */
    private boolean preferSame() {
        return api.settings().kubernetesVersion() != KubeVersion.V1_33;
    }

    private ApiException invalid(String name, List<FieldError> errs) {
        return new ApiException(Status.invalid(Kind.SERVICE, name, errs, api.settings().kubernetesVersion()));
    }

    Service create(Service svc) throws ApiException {
        ServiceSpec spec = ServiceIpFamilies.setDefaults(svc.spec());
        spec = ServiceIpFamilies.normalizeClusterIPs(spec, null);
        ServiceIpFamilies.Result r = ServiceIpFamilies.initIPFamilyFields(spec, null, api.serviceFamilies());
        if (!r.ok()) {
            throw invalid(svc.name(), r.errors());
        }
        spec = r.spec();
        Map<IpFamily, IpAddress> allocated = new LinkedHashMap<>();
        if (!spec.isExternalName() && !spec.isHeadless()) {
            spec = allocClusterIPs(svc.name(), spec, allocated);
        }
        List<Integer> ports = new ArrayList<>();
        Service candidate = svc.withSpec(withNodePorts(svc.name(), spec, null, ports, allocated));
        List<FieldError> errs = ServiceValidation.validateService(candidate, preferSame());
        if (!errs.isEmpty()) {
            unmark(allocated);
            releasePorts(ports);
            throw invalid(svc.name(), errs);
        }
        spec = candidate.spec();
        api.warn(ServiceWarnings.forService(candidate, api.settings().kubernetesVersion() == KubeVersion.V1_35));
        unmark(allocated);
        createIpAddresses(candidate, allocated);
        Service stored = new Service(store.newMeta(svc.meta()), spec, svc.loadBalancerIngress());
        return (Service) store.store(stored);
    }

    /** {@code allocClusterIPs}: one IP per family, requested ones statically, the rest dynamically. */
    private ServiceSpec allocClusterIPs(String name, ServiceSpec spec, Map<IpFamily, IpAddress> allocated)
            throws ApiException {
        List<String> ips = new ArrayList<>(spec.clusterIPsOrEmpty());
        List<String> families = spec.ipFamiliesOrEmpty();
        while (ips.size() < families.size()) {
            ips.add("");
        }
        for (int i = 0; i < families.size(); i++) {
            ips.set(i, allocate(name, spec, IpFamily.fromName(families.get(i)), ips.get(i), allocated));
        }
        return spec.withClusterIPs(ips.isEmpty() ? spec.clusterIP() : ips.get(0), ips);
    }

    /** NodePorts for the spec; on failure the IPs taken so far are given back. */
    private ServiceSpec withNodePorts(String name, ServiceSpec spec, ServiceSpec old, List<Integer> taken,
            Map<IpFamily, IpAddress> allocated) throws ApiException {
        try {
            return allocateHealthCheckNodePort(name, allocateNodePorts(name, spec, old, taken), old, taken);
        } catch (ApiException e) {
            unmark(allocated);
            throw e;
        }
    }

    /** One family's IP: static when requested, else dynamic. The address is marked used until commit. */
    private String allocate(String name, ServiceSpec spec, IpFamily family, String requested,
            Map<IpFamily, IpAddress> allocated) throws ApiException {
        ClusterState s = store.state();
        MetaAllocator meta = MetaAllocator.build(family, s.<ServiceCidr>list(Kind.SERVICE_CIDR));
        try {
            if (requested == null || requested.isEmpty()) {
                IpAddress ip = meta.next(s.used(family), store.nextRandom());
                s.markUsed(ip);
                allocated.put(family, ip);
                return ip.toString();
            }
            IpAddress ip = goAddress(requested);
            meta.checkStatic(ip, s.used(family));
            s.markUsed(ip);
            allocated.put(family, ip);
            return requested;
        } catch (AllocationException e) {
            unmark(allocated);
            if (requested == null || requested.isEmpty()) {
                throw new ApiException(Status.internalError("failed to allocate a serviceIP: " + e.getMessage()));
            }
            throw invalid(name, List.of(FieldError.invalid("spec.clusterIPs",
                    GoValue.strings(spec.clusterIPs()), "failed to allocate IP " + requested + ": "
                            + e.getMessage())));
        }
    }

    /** A legacy-field IP as Go sees it: an IPv4-mapped address is an IPv4 address. */
    static IpAddress goAddress(String text) {
        IpAddress ip = IpParsing.parseIpSloppy(text).orElseThrow();
        return ip.isIpv4Mapped() ? IpAddress.ipv4(ip.lo() & 0xFFFF_FFFFL) : ip;
    }

    private void unmark(Map<IpFamily, IpAddress> allocated) {
        ClusterState s = store.state();
        allocated.forEach((f, ip) -> {
            if (s.<IpAddressObject>get(Kind.IP_ADDRESS, null, ip.toString()).isEmpty()) {
                s.unmarkUsed(ip);
            }
        });
    }

    private void createIpAddresses(Service svc, Map<IpFamily, IpAddress> allocated) {
        for (Map.Entry<IpFamily, IpAddress> e : allocated.entrySet()) {
            ObjectMeta meta = ObjectMeta.named(e.getValue().toString())
                    .withLabels(IpAddressObject.allocatorLabels(e.getKey().name()));
            store.store(new IpAddressObject(store.newMeta(meta), ParentReference.service(svc.namespace(), svc.name())));
        }
    }

    private void releaseIps(List<String> ips) {
        ClusterState s = store.state();
        for (String text : ips) {
            if (text == null || text.isEmpty() || ServiceValidation.NONE.equals(text)) {
                continue;
            }
            if (IpParsing.parseIpSloppy(text).isEmpty()) {
                continue;
            }
            IpAddress ip = goAddress(text);
            s.<IpAddressObject>get(Kind.IP_ADDRESS, null, ip.toString()).ifPresent(store::remove);
        }
    }

    private static boolean needsNodePorts(ServiceSpec s) {
        return "NodePort".equals(s.type()) || "LoadBalancer".equals(s.type());
    }

    /** {@code initNodePorts}: requested ports are checked, others drawn (LoadBalancer may opt out). */
    private ServiceSpec allocateNodePorts(String name, ServiceSpec spec, ServiceSpec old, List<Integer> taken)
            throws ApiException {
        if (!needsNodePorts(spec) || spec.ports() == null) {
            return spec;
        }
        BitSet used = store.state().nodePorts;
        List<Integer> oldPorts = new ArrayList<>();
        if (old != null && old.ports() != null) {
            for (ServicePort p : old.ports()) {
                if (p.nodePort() != null) {
                    oldPorts.add(p.nodePort());
                }
            }
        }
        boolean allocateNew = !"LoadBalancer".equals(spec.type())
                || !Boolean.FALSE.equals(spec.allocateLoadBalancerNodePorts());
        List<ServicePort> out = new ArrayList<>();
        Map<Integer, Integer> byServicePort = new LinkedHashMap<>();
        for (int i = 0; i < spec.ports().size(); i++) {
            ServicePort p = spec.ports().get(i);
            int requested = p.nodePort() == null ? 0 : p.nodePort();
            if (requested == 0 && !allocateNew) {
                out.add(p);
                continue;
            }
            Integer already = byServicePort.get(p.port());
            if (requested == 0 && already != null) {
                out.add(p.withNodePort(already));
                continue;
            }
            if (requested != 0) {
                if (!oldPorts.contains(requested) && !taken.contains(requested)) {
                    String err = NodePortAllocator.checkStatic(used, requested);
                    if (err != null) {
                        releasePorts(taken);
                        throw invalid(name, List.of(FieldError.invalid("spec.ports[" + i + "].nodePort",
                                Integer.toString(requested), err)));
                    }
                    used.set(requested - ClusterState.NODE_PORT_BASE);
                    taken.add(requested);
                }
                byServicePort.put(p.port(), requested);
                out.add(p);
            } else {
                int np = NodePortAllocator.next(used, store.nextRandom());
                if (np < 0) {
                    releasePorts(taken);
                    throw new ApiException(Status.internalError("failed to allocate a nodePort: "
                            + NodePortAllocator.FULL));
                }
                used.set(np - ClusterState.NODE_PORT_BASE);
                taken.add(np);
                byServicePort.put(p.port(), np);
                out.add(p.withNodePort(np));
            }
        }
        return spec.withPorts(out);
    }

    /**
     * {@code spec.healthCheckNodePort} of a LoadBalancer with {@code externalTrafficPolicy: Local}: kept from the old
     * object, taken as asked, or allocated from the NodePort range; cleared when the Service stops needing it.
     */
    private ServiceSpec allocateHealthCheckNodePort(String name, ServiceSpec spec, ServiceSpec old, List<Integer> taken)
            throws ApiException {
        long asked = ServiceValidation.healthCheckNodePort(spec);
        long had = old == null ? 0 : ServiceValidation.healthCheckNodePort(old);
        if (!spec.needsHealthCheck()) {
            return old != null && old.needsHealthCheck() && asked == had && had != 0
                    ? spec.withOtherField("healthCheckNodePort", null) : spec;
        }
        if (old != null && old.needsHealthCheck()) {
            return asked == 0 && had != 0 ? spec.withOtherField("healthCheckNodePort", had) : spec;
        }
        BitSet used = store.state().nodePorts;
        if (asked != 0) {
            if (asked >= ClusterState.NODE_PORT_BASE && asked < ClusterState.NODE_PORT_BASE
                    + ClusterState.NODE_PORT_SIZE && !taken.contains((int) asked)) {
                String err = NodePortAllocator.checkStatic(used, (int) asked);
                if (err != null) {
                    releasePorts(taken);
                    throw invalid(name, List.of(FieldError.invalid("spec.healthCheckNodePort", Long.toString(asked),
                            err)));
                }
                used.set((int) asked - ClusterState.NODE_PORT_BASE);
                taken.add((int) asked);
            }
            return spec;
        }
        int np = NodePortAllocator.next(used, store.nextRandom());
        if (np < 0) {
            releasePorts(taken);
            throw new ApiException(Status.internalError("failed to allocate a nodePort: " + NodePortAllocator.FULL));
        }
        used.set(np - ClusterState.NODE_PORT_BASE);
        taken.add(np);
        return spec.withOtherField("healthCheckNodePort", (long) np);
    }

    private void releasePorts(List<Integer> ports) {
        for (int p : ports) {
            store.state().nodePorts.clear(p - ClusterState.NODE_PORT_BASE);
        }
    }

    /** The NodePorts a Service holds: its ports' and its health-check port. */
    static List<Integer> nodePortsOf(ServiceSpec s) {
        List<Integer> out = new ArrayList<>();
        for (ServicePort p : s.portsOrEmpty()) {
            if (p.nodePort() != null && p.nodePort() != 0 && !out.contains(p.nodePort())) {
                out.add(p.nodePort());
            }
        }
        long hc = ServiceValidation.healthCheckNodePort(s);
        if (hc > 0 && hc < Integer.MAX_VALUE && !out.contains((int) hc)) {
            out.add((int) hc);
        }
        return out;
    }

    Service update(Service svc, Service old) throws ApiException {
        ServiceSpec o = old.spec();
        ServiceSpec spec = ServiceIpFamilies.setDefaults(svc.spec());
        spec = ServiceIpFamilies.patchAllocatedValues(spec, o);
        spec = ServiceIpFamilies.normalizeClusterIPs(spec, o);
        ServiceIpFamilies.Result r = ServiceIpFamilies.initIPFamilyFields(spec, o, api.serviceFamilies());
        if (!r.ok()) {
            throw invalid(svc.name(), r.errors());
        }
        spec = r.spec();
        Map<IpFamily, IpAddress> allocated = new LinkedHashMap<>();
        List<String> toRelease = new ArrayList<>();
        boolean matchingPrefer = ServiceIpFamilies.PREFER.equals(spec.ipFamilyPolicy())
                && (o.ipFamilyPolicy() == null || ServiceIpFamilies.PREFER.equals(o.ipFamilyPolicy()))
                && Objects.equals(o.type(), spec.type()) && !spec.isExternalName()
                && o.clusterIPsOrEmpty().equals(spec.clusterIPsOrEmpty())
                && o.ipFamiliesOrEmpty().equals(spec.ipFamiliesOrEmpty());
        boolean oldHeadless = !o.clusterIPsOrEmpty().isEmpty() && o.isHeadless();
        if (matchingPrefer) {
            // A PreferDualStack service is never upgraded or downgraded by a cluster change.
        } else if (o.isExternalName() && !spec.isExternalName()) {
            if (!spec.isHeadless()) {
                spec = allocClusterIPs(svc.name(), spec, allocated);
            }
        } else if (oldHeadless) {
            // Headless services hold no IPs.
        } else if (!o.isExternalName() && spec.isExternalName()) {
            toRelease.addAll(o.clusterIPsOrEmpty());
        } else if (o.ipFamiliesOrEmpty().size() == 1 && spec.ipFamiliesOrEmpty().size() == 2) {
            List<String> ips = new ArrayList<>(spec.clusterIPsOrEmpty());
            if (ips.size() < 2) {
                ips.add("");
            }
            ips.set(1, allocate(svc.name(), spec, IpFamily.fromName(spec.ipFamilies().get(1)), ips.get(1),
                    allocated));
            spec = spec.withClusterIPs(spec.clusterIP(), ips);
        } else if (o.ipFamiliesOrEmpty().size() == 2 && spec.ipFamiliesOrEmpty().size() == 1) {
            toRelease.add(o.clusterIPsOrEmpty().get(1));
        }
        if (!o.isExternalName() && spec.isExternalName()) {
            boolean sameIps = o.clusterIPsOrEmpty().equals(spec.clusterIPsOrEmpty());
            ServiceSpec wiped = spec;
            if (sameIps) {
                wiped = wiped.withClusterIPs(null, null);
            }
            if (o.ipFamiliesOrEmpty().equals(spec.ipFamiliesOrEmpty())) {
                wiped = wiped.withIpFamilies(null);
            }
            if (Objects.equals(o.ipFamilyPolicy(), spec.ipFamilyPolicy())) {
                wiped = wiped.withIpFamilyPolicy(null);
            }
            spec = wiped;
        }
        List<Integer> newPorts = new ArrayList<>();
        spec = withNodePorts(svc.name(), spec, o, newPorts, allocated);
        Service candidate = svc.withSpec(spec);
        List<FieldError> errs = ServiceValidation.validateServiceUpdate(candidate, old, preferSame());
        if (!errs.isEmpty()) {
            unmark(allocated);
            releasePorts(newPorts);
            throw invalid(svc.name(), errs);
        }
        api.warn(ServiceWarnings.forService(candidate, api.settings().kubernetesVersion() == KubeVersion.V1_35));
        unmark(allocated);
        createIpAddresses(candidate, allocated);
        releaseIps(toRelease);
        List<Integer> keep = nodePortsOf(spec);
        List<Integer> drop = new ArrayList<>(nodePortsOf(o));
        drop.removeAll(keep);
        releasePorts(drop);
        ObjectMeta meta = svc.meta();
        if (!spec.equals(o)) {
            meta = meta.withGeneration(old.meta().generation() + 1);
        }
        return (Service) store.store(new Service(meta, spec, svc.loadBalancerIngress()));
    }

    /** Creates the IPAddress objects (and marks the NodePorts) a restored Service already holds. */
    void claim(Service svc) {
        Map<IpFamily, IpAddress> held = new LinkedHashMap<>();
        for (String text : svc.spec().clusterIPsOrEmpty()) {
            if (ServiceValidation.NONE.equals(text) || IpParsing.parseIpSloppy(text).isEmpty()) {
                continue;
            }
            IpAddress ip = goAddress(text);
            if (api.find(Kind.IP_ADDRESS, null, ip.toString()).isEmpty()) {
                held.put(ip.family(), ip);
            }
        }
        createIpAddresses(svc, held);
        for (int p : nodePortsOf(svc.spec())) {
            if (p >= ClusterState.NODE_PORT_BASE && p < ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE) {
                store.state().nodePorts.set(p - ClusterState.NODE_PORT_BASE);
            }
        }
    }

    void delete(Service svc) {
        releaseIps(svc.spec().clusterIPsOrEmpty());
        releasePorts(nodePortsOf(svc.spec()));
    }

    /** The bootstrap controller: {@code default/kubernetes} at network + 1 of the primary flag range. */
    void ensureKubernetesService(ApiServerInstance apiServer) {
        if (api.find(Kind.SERVICE, "default", KUBERNETES_SERVICE).isPresent()) {
            return;
        }
        String ip = apiServer.flags().kubernetesServiceIp().toString();
        ObjectMeta meta = ObjectMeta.named("default", KUBERNETES_SERVICE)
                .withLabels(Map.of("component", "apiserver", "provider", "kubernetes"));
        ServiceSpec spec = ServiceSpec.empty().withType("ClusterIP").withClusterIPs(ip, List.of(ip))
                .withIpFamilyPolicy(ServiceIpFamilies.SINGLE)
                .withPorts(List.of(new ServicePort("https", "TCP", 443, "6443", true, null, null)));
        try {
            api.create(new Service(meta, spec, List.of()));
        } catch (ApiException e) {
            // A real apiserver logs this and retries on its next sync; the missing Service shows in the plan.
        }
    }

    /** {@code kube-system/kube-dns} as kubeadm creates it. */
    static Service kubeDnsService(String clusterIP) {
        ObjectMeta meta = ObjectMeta.named("kube-system", "kube-dns")
                .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                        "kubernetes.io/name", "CoreDNS"))
                .withAnnotations(Map.of("prometheus.io/port", "9153", "prometheus.io/scrape", "true"));
        ServiceSpec spec = ServiceSpec.empty().withType("ClusterIP").withClusterIPs(clusterIP, List.of(clusterIP))
                .withSelector(Map.of("k8s-app", "kube-dns"))
                .withPorts(List.of(new ServicePort("dns", "UDP", 53, "53", true, null, null),
                        new ServicePort("dns-tcp", "TCP", 53, "53", true, null, null),
                        new ServicePort("metrics", "TCP", 9153, "9153", true, null, null)));
        return new Service(meta, spec, List.of());
    }
}
