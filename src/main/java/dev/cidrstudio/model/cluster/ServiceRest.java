package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.AllocationException;
import dev.cidrstudio.model.allocator.AllocatorError;
import dev.cidrstudio.model.allocator.LegacyBitmap;
import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.allocator.UsedAddressSet;
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
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.service.ServiceIpFamilies;
import dev.cidrstudio.model.service.ServiceStrategy;
import dev.cidrstudio.model.service.ServiceValidation;
import dev.cidrstudio.model.service.ServiceWarnings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    // ---- create: BeginCreate (normalize, allocateCreate), then BeforeCreate (PrepareForCreate, Validate) ----

    /**
     * The Service part of a create, in the generic store's order: {@code beginCreate} allocates (IP families, cluster
     * IPs, NodePorts, the health-check NodePort), then the object is validated. Returns the object to store; the
     * caller admits it and stores it, and a failure anywhere after this rolls the allocations back with the write.
     */
    Service beginCreate(Service request) throws ApiException {
        Service svc = ServiceStrategy.prepareForCreate(request);
        ServiceSpec spec = ServiceIpFamilies.setDefaults(svc.spec());
        spec = ServiceIpFamilies.normalizeClusterIPs(spec, null);
        ServiceIpFamilies.Result r = ServiceIpFamilies.initIPFamilyFields(spec, null, api.serviceFamilies());
        if (!r.ok()) {
            throw invalid(svc.name(), r.errors());
        }
        spec = r.spec();
        Map<IpFamily, IpAddress> allocated = new LinkedHashMap<>();
        spec = allocClusterIPs(svc.name(), spec, allocated);
        spec = txnAllocNodePorts(svc.name(), spec, portOperation());
        Service candidate = svc.withSpec(spec);
        List<FieldError> errs = ServiceValidation.validateService(candidate, preferSame());
        if (!errs.isEmpty()) {
            throw invalid(svc.name(), errs);
        }
        api.warn(ServiceWarnings.forService(candidate, api.settings().kubernetesVersion() == KubeVersion.V1_35));
        unmark(allocated);
        if (!api.kubernetesDryRun()) {
            createIpAddresses(candidate, allocated);
        }
        return new Service(store.newMeta(svc.meta()), spec, svc.loadBalancerIngress());
    }

    private PortAllocationOperation portOperation() {
        return new PortAllocationOperation(store.state().nodePorts, api.kubernetesDryRun(), store::nextRandom);
    }

    /** {@code allocClusterIPs}: one IP per family, requested ones statically, the rest dynamically. */
    private ServiceSpec allocClusterIPs(String name, ServiceSpec spec, Map<IpFamily, IpAddress> allocated)
            throws ApiException {
        if (spec.isExternalName() || (!spec.clusterIPsOrEmpty().isEmpty()
                && ServiceValidation.NONE.equals(spec.clusterIPsOrEmpty().get(0)))) {
            return spec;
        }
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

    /**
     * {@code allocIPs} for one family: static when requested, else dynamic. The address is marked used until the
     * IPAddress object is written. In a dry run the family's {@code DryRun()} allocator answers instead.
     */
    private String allocate(String name, ServiceSpec spec, IpFamily family, String requested,
            Map<IpFamily, IpAddress> allocated) throws ApiException {
        ClusterState s = store.state();
        MetaAllocator meta = MetaAllocator.build(family, s.<ServiceCidr>list(Kind.SERVICE_CIDR));
        boolean dynamic = requested == null || requested.isEmpty();
        try {
            if (api.kubernetesDryRun()) {
                return dryRunAllocate(meta, dynamic ? null : goAddress(requested), requested);
            }
            if (dynamic) {
                IpAddress ip = allocateNextService(family, meta, s.used(family));
                s.markUsed(ip);
                allocated.put(family, ip);
                return ip.toString();
            }
            IpAddress ip = goAddress(requested);
            allocateService(family, meta, ip, s.used(family));
            s.markUsed(ip);
            allocated.put(family, ip);
            return requested;
        } catch (AllocationException e) {
            if (dynamic) {
                throw new ApiException(Status.internalError("failed to allocate a serviceIP: " + e.getMessage()));
            }
            throw invalid(name, List.of(FieldError.invalid("spec.clusterIPs",
                    GoValue.strings(spec.clusterIPs()), "failed to allocate IP " + requested + ": "
                            + e.getMessage())));
        }
    }

    /**
     * The dry-run allocator of one ServiceCIDR prefix ({@code Allocator.DryRun()}): a dynamic request gets the
     * prefix's network address ("don't bother finding a free value"), a static one is checked against the prefix's
     * range only, not against the addresses in use.
     */
    private String dryRunAllocate(MetaAllocator meta, IpAddress requested, String text) throws AllocationException {
        MetaAllocator.Entry e = meta.dryRun(store.nextRandom()).orElse(null);
        if (e == null || !e.ready()) {
            throw new AllocationException(AllocatorError.NOT_READY);
        }
        if (requested == null) {
            return e.cidr().network().toString();
        }
        if (!e.allocator().inRange(requested)) {
            throw new AllocationException(AllocatorError.NOT_IN_RANGE,
                    String.format(AllocatorError.NOT_IN_RANGE.text(), requested));
        }
        return text;
    }

    /**
     * {@code MetaAllocator.AllocateNextService}. With 1.33's dual write the legacy bitmap of the answering apiserver's
     * flag range is asked first: the address it picks must lie in a ready ServiceCIDR, or the allocation fails with
     * {@code the provided network does not match the current range}; only a full bitmap, or one whose stored range is
     * not this apiserver's, lets the ServiceCIDR allocators pick.
     */
    private IpAddress allocateNextService(IpFamily family, MetaAllocator meta, UsedAddressSet used)
            throws AllocationException {
        LegacyBitmap bitmap = dualWriteBitmap(family);
        if (bitmap != null && !bitmapRangeMismatch(family)) {
            try {
                IpAddress ip = bitmap.next(used, store.nextRandom());
                if (!meta.servesAddress(ip)) {
                    throw new AllocationException(AllocatorError.MISMATCHED_NETWORK);
                }
                return ip;
            } catch (AllocationException e) {
                if (e.error() != AllocatorError.FULL) {
                    throw e;
                }
            }
        }
        return meta.next(used, store.nextRandom());
    }

    /**
     * {@code MetaAllocator.AllocateService}: a ready ServiceCIDR must hold the address; with 1.33's dual write an
     * address of the flag's range is then written to the legacy bitmap, which fails when the bitmap stored in etcd
     * holds another range.
     */
    private void allocateService(IpFamily family, MetaAllocator meta, IpAddress ip, UsedAddressSet used)
            throws AllocationException {
        if (!meta.servesAddress(ip)) {
            throw new AllocationException(AllocatorError.MISMATCHED_NETWORK);
        }
        LegacyBitmap bitmap = dualWriteBitmap(family);
        if (bitmap != null && bitmap.contains(ip) && bitmapRangeMismatch(family)) {
            throw new AllocationException(AllocatorError.CREATE_FAILED, LegacyBitmap.RANGE_MISMATCH);
        }
        meta.checkStatic(ip, used);
    }

    /** The answering apiserver's legacy bitmap for the family while the dual write is on (1.33), else null. */
    private LegacyBitmap dualWriteBitmap(IpFamily family) {
        if (!api.settings().kubernetesVersion().allocatorDualWrite()) {
            return null;
        }
        int i = bitmapIndex(family);
        return i < 0 ? null : LegacyBitmap.forRange(api.activeApiServer().flags().ranges().get(i));
    }

    private int bitmapIndex(IpFamily family) {
        List<Cidr> ranges = api.activeApiServer().flags().ranges();
        for (int i = 0; i < ranges.size(); i++) {
            if (ranges.get(i).family() == family) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bitmap stored in etcd holds another range than the answering apiserver's flag. */
    private boolean bitmapRangeMismatch(IpFamily family) {
        int i = bitmapIndex(family);
        Cidr mine = api.activeApiServer().flags().ranges().get(i);
        return store.state().legacyBitmapRange(i).map(stored -> !stored.equals(mine)).orElse(false);
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

    /**
     * {@code releaseIPs}: the IPAddress objects go; an address of a family this apiserver is not configured for is
     * not released ("Not releasing ClusterIP because related family is not enabled").
     */
    private void releaseIps(List<String> ips) {
        ClusterState s = store.state();
        List<IpFamily> families = api.serviceFamilies();
        for (String text : ips) {
            if (text == null || text.isEmpty() || ServiceValidation.NONE.equals(text)) {
                continue;
            }
            if (IpParsing.parseIpSloppy(text).isEmpty()) {
                continue;
            }
            IpAddress ip = goAddress(text);
            if (!families.contains(ip.family())) {
                continue;
            }
            s.<IpAddressObject>get(Kind.IP_ADDRESS, null, ip.toString()).ifPresent(store::remove);
        }
    }

    // ---- NodePorts ({@code txnAllocNodePorts}, {@code txnUpdateNodePorts}) ----

    static boolean needsNodePort(ServiceSpec s) {
        return "NodePort".equals(s.type()) || "LoadBalancer".equals(s.type());
    }

    /** {@code shouldAllocateNodePorts}: NodePort always, LoadBalancer unless it opted out. */
    private static boolean shouldAllocateNodePorts(ServiceSpec s) {
        return "NodePort".equals(s.type())
                || "LoadBalancer".equals(s.type()) && !Boolean.FALSE.equals(s.allocateLoadBalancerNodePorts());
    }

    private static int nodePort(ServicePort p) {
        return p.nodePort() == null ? 0 : p.nodePort();
    }

    private ApiException nodePortInvalid(String name, int index, long port, String err) {
        return invalid(name, List.of(FieldError.invalid("spec.ports[" + index + "].nodePort", Long.toString(port),
                err)));
    }

    private static ApiException nodePortFull(String err) {
        return new ApiException(Status.internalError("failed to allocate a nodePort: " + err));
    }

    /** {@code txnAllocNodePorts}: the ports of a NodePort or LoadBalancer, then the health-check NodePort. */
    private ServiceSpec txnAllocNodePorts(String name, ServiceSpec spec, PortAllocationOperation op)
            throws ApiException {
        ServiceSpec s = spec;
        if (needsNodePort(s)) {
            s = initNodePorts(name, s, op);
        }
        if (s.needsHealthCheck()) {
            s = allocHealthCheckNodePort(s, op);
        }
        return s;
    }

    /**
     * {@code initNodePorts}: a service port number shares one NodePort across its protocols; the first NodePort
     * asked for that number anywhere in the list ({@code findRequestedNodePort}) is taken for it.
     */
    private ServiceSpec initNodePorts(String name, ServiceSpec spec, PortAllocationOperation op)
            throws ApiException {
        List<ServicePort> ports = new ArrayList<>(spec.portsOrEmpty());
        Map<Integer, Integer> svcPortToNodePort = new LinkedHashMap<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (nodePort(p) == 0 && !shouldAllocateNodePorts(spec)) {
                continue;
            }
            int allocatedNodePort = svcPortToNodePort.getOrDefault(p.port(), 0);
            try {
                if (allocatedNodePort == 0) {
                    int np = findRequestedNodePort(p.port(), ports);
                    if (np != 0) {
                        try {
                            op.allocate(np);
                        } catch (PortAllocationOperation.PortAllocationException e) {
                            throw nodePortInvalid(name, i, np, e.getMessage());
                        }
                        ports.set(i, p.withNodePort(np));
                        svcPortToNodePort.put(p.port(), np);
                    } else {
                        int next = op.allocateNext();
                        ports.set(i, p.withNodePort(next));
                        svcPortToNodePort.put(p.port(), next);
                    }
                } else if (nodePort(p) != allocatedNodePort) {
                    if (nodePort(p) == 0) {
                        ports.set(i, p.withNodePort(allocatedNodePort));
                    } else {
                        try {
                            op.allocate(nodePort(p));
                        } catch (PortAllocationOperation.PortAllocationException e) {
                            throw nodePortInvalid(name, i, nodePort(p), e.getMessage());
                        }
                    }
                }
            } catch (PortAllocationOperation.PortAllocationException e) {
                throw nodePortFull(e.getMessage());
            }
        }
        return spec.withPorts(spec.ports() == null ? null : ports);
    }

    private static int findRequestedNodePort(int port, List<ServicePort> ports) {
        for (ServicePort p : ports) {
            if (p.port() == port && nodePort(p) != 0) {
                return nodePort(p);
            }
        }
        return 0;
    }

    /**
     * {@code allocHealthCheckNodePort}: the port asked for, or any; a failure is an internal error
     * ({@code failed to allocate requested HealthCheck NodePort 31000: provided port is already allocated}).
     */
    private ServiceSpec allocHealthCheckNodePort(ServiceSpec spec, PortAllocationOperation op) throws ApiException {
        long asked = ServiceValidation.healthCheckNodePort(spec);
        if (asked != 0) {
            try {
                op.allocate(asked);
            } catch (PortAllocationOperation.PortAllocationException e) {
                throw new ApiException(Status.internalError("failed to allocate requested HealthCheck NodePort "
                        + asked + ": " + e.getMessage()));
            }
            return spec;
        }
        try {
            return spec.withOtherField("healthCheckNodePort", (long) op.allocateNext());
        } catch (PortAllocationOperation.PortAllocationException e) {
            throw new ApiException(Status.internalError("failed to allocate a HealthCheck NodePort 0: "
                    + e.getMessage()));
        }
    }

    /** {@code txnUpdateNodePorts}: leaving NodePort or LoadBalancer gives the ports back; then the new ones. */
    private ServiceSpec txnUpdateNodePorts(String name, ServiceSpec spec, ServiceSpec old,
            PortAllocationOperation op) throws ApiException {
        ServiceSpec s = spec;
        if (needsNodePort(old) && ("ExternalName".equals(s.type()) || "ClusterIP".equals(s.type()))) {
            for (int p : collectServiceNodePorts(old)) {
                op.releaseDeferred(p);
            }
        }
        if (needsNodePort(s)) {
            s = updateNodePorts(name, s, old, op);
        }
        return updateHealthCheckNodePort(s, old, op);
    }

    /** {@code updateNodePorts}: ports the old object did not hold are taken, ports it held and lost are given back. */
    private ServiceSpec updateNodePorts(String name, ServiceSpec spec, ServiceSpec old, PortAllocationOperation op)
            throws ApiException {
        List<Integer> oldNodePorts = collectServiceNodePorts(old);
        List<Integer> portAllocated = new ArrayList<>();
        List<ServicePort> ports = new ArrayList<>(spec.portsOrEmpty());
        for (int i = 0; i < ports.size(); i++) {
            ServicePort p = ports.get(i);
            if (nodePort(p) == 0 && !shouldAllocateNodePorts(spec)) {
                continue;
            }
            if (nodePort(p) != 0) {
                if (!oldNodePorts.contains(nodePort(p)) && !portAllocated.contains(nodePort(p))) {
                    try {
                        op.allocate(nodePort(p));
                    } catch (PortAllocationOperation.PortAllocationException e) {
                        throw nodePortInvalid(name, i, nodePort(p), e.getMessage());
                    }
                    portAllocated.add(nodePort(p));
                }
            } else {
                try {
                    ports.set(i, p.withNodePort(op.allocateNext()));
                } catch (PortAllocationOperation.PortAllocationException e) {
                    throw nodePortFull(e.getMessage());
                }
            }
        }
        ServiceSpec s = spec.withPorts(spec.ports() == null ? null : ports);
        List<Integer> kept = collectServiceNodePorts(s);
        for (int p : oldNodePorts) {
            if (!kept.contains(p)) {
                op.releaseDeferred(p);
            }
        }
        return s;
    }

    /** {@code updateHealthCheckNodePort}: allocated when the Service starts needing one, given back when it stops. */
    private ServiceSpec updateHealthCheckNodePort(ServiceSpec spec, ServiceSpec old, PortAllocationOperation op)
            throws ApiException {
        if (!old.needsHealthCheck() && spec.needsHealthCheck()) {
            return allocHealthCheckNodePort(spec, op);
        }
        if (old.needsHealthCheck() && !spec.needsHealthCheck()) {
            op.releaseDeferred(ServiceValidation.healthCheckNodePort(old));
        }
        return spec;
    }

    /** {@code collectServiceNodePorts}: the ports' NodePorts (not the health-check one). */
    private static List<Integer> collectServiceNodePorts(ServiceSpec s) {
        List<Integer> out = new ArrayList<>();
        for (ServicePort p : s.portsOrEmpty()) {
            if (nodePort(p) != 0) {
                out.add(nodePort(p));
            }
        }
        return out;
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

    private void releasePorts(List<Integer> ports) {
        for (int p : ports) {
            if (p >= ClusterState.NODE_PORT_BASE && p < ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE) {
                store.state().nodePorts.clear(p - ClusterState.NODE_PORT_BASE);
            }
        }
    }

    // ---- update: BeginUpdate (patch, normalize, allocateUpdate), then BeforeUpdate (PrepareForUpdate, validate) ----

    Service update(Service request, Service old) throws ApiException {
        Service svc = ServiceStrategy.prepareForUpdate(request, old);
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
        spec = updateClusterIPs(svc.name(), spec, o, allocated, toRelease);
        PortAllocationOperation op = portOperation();
        spec = txnUpdateNodePorts(svc.name(), spec, o, op);
        spec = ServiceStrategy.dropTypeDependentFields(spec, o);
        Service candidate = svc.withSpec(spec);
        List<FieldError> errs = ServiceValidation.validateServiceUpdate(candidate, old, preferSame());
        if (!errs.isEmpty()) {
            throw invalid(svc.name(), errs);
        }
        api.warn(ServiceWarnings.forService(candidate, api.settings().kubernetesVersion() == KubeVersion.V1_35));
        unmark(allocated);
        if (!api.kubernetesDryRun()) {
            createIpAddresses(candidate, allocated);
            releaseIps(toRelease);
            op.commit();
        }
        ObjectMeta meta = svc.meta();
        if (!spec.equals(o)) {
            meta = meta.withGeneration(old.meta().generation() + 1);
        }
        return (Service) store.store(new Service(meta, spec, svc.loadBalancerIngress()));
    }

    /**
     * An update through the {@code status} subresource: the stored spec stays ({@code serviceStatusStrategy}), the
     * status is validated ({@code ValidateServiceStatusUpdate}) and written; nothing is allocated or released.
     */
    Service updateStatus(Service request, Service old) throws ApiException {
        Service svc = ServiceStrategy.prepareForStatusUpdate(request, old);
        List<FieldError> errs = ServiceValidation.validateServiceStatusUpdate(svc);
        if (!errs.isEmpty()) {
            throw invalid(svc.name(), errs);
        }
        return (Service) store.store(svc);
    }

    /**
     * {@code updateClusterIPs}: ExternalName to a type with IPs allocates them all, the way back releases them, a
     * single- to dual-stack upgrade allocates the secondary and a downgrade releases it; a PreferDualStack Service
     * whose IP fields did not change keeps them whatever the cluster's families are now.
     */
    private ServiceSpec updateClusterIPs(String name, ServiceSpec spec, ServiceSpec o,
            Map<IpFamily, IpAddress> allocated, List<String> toRelease) throws ApiException {
        if (ServiceIpFamilies.isMatchingPreferDualStackClusterIPFields(spec, o)) {
            return spec;
        }
        if (o.isExternalName() && !spec.isExternalName()) {
            return allocClusterIPs(name, spec, allocated);
        }
        if (!o.clusterIPsOrEmpty().isEmpty() && ServiceValidation.NONE.equals(o.clusterIPsOrEmpty().get(0))) {
            return spec;
        }
        if (!o.isExternalName() && spec.isExternalName()) {
            List<String> ips = o.clusterIPsOrEmpty();
            for (int i = 0; i < o.ipFamiliesOrEmpty().size() && i < ips.size(); i++) {
                toRelease.add(ips.get(i));
            }
            return spec;
        }
        if (o.ipFamiliesOrEmpty().size() == 1 && spec.ipFamiliesOrEmpty().size() == 2) {
            List<String> ips = new ArrayList<>(spec.clusterIPsOrEmpty());
            if (ips.size() < 2) {
                ips.add("");
            }
            ips.set(1, allocate(name, spec, IpFamily.fromName(spec.ipFamilies().get(1)), ips.get(1), allocated));
            return spec.withClusterIPs(spec.clusterIP(), ips);
        }
        if (o.ipFamiliesOrEmpty().size() == 2 && spec.ipFamiliesOrEmpty().size() == 1
                && o.clusterIPsOrEmpty().size() > 1) {
            toRelease.add(o.clusterIPsOrEmpty().get(1));
        }
        return spec;
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
