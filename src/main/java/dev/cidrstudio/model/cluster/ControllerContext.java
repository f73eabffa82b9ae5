package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.MetaAllocator;
import dev.cidrstudio.model.api.Condition;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.controller.DefaultServiceCidrContext;
import dev.cidrstudio.model.controller.RepairContext;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.ObjectReference;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.nodeipam.NodeIpamConfig;
import dev.cidrstudio.model.nodeipam.NodeIpamContext;
import dev.cidrstudio.model.nodeipam.NodeIpamState;
import dev.cidrstudio.model.nodeipam.RangeAllocator;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the controllers see of the cluster and the writes they may make: their informers' listers, their clients,
 * the event recorder and the work queue. Reads go to the live state each time, so a restore is seen at once.
 */
final class ControllerContext implements DefaultServiceCidrContext, RepairContext, NodeIpamContext {

    private final ApiServer api;
    private final GenericStore store;
    private final EventRecorder recorder;
    private List<MetaAllocator.NamedPrefix> prefixCache;
    private ClusterState prefixCacheState;
    private long prefixCacheVersion;

    ControllerContext(ApiServer api, GenericStore store, EventRecorder recorder) {
        this.api = api;
        this.store = store;
        this.recorder = recorder;
    }

    private ClusterState state() {
        return api.state();
    }

    @Override
    public Instant now() {
        return state().now;
    }

    @Override
    public List<ServiceCidr> serviceCidrs() {
        return state().list(Kind.SERVICE_CIDR);
    }

    @Override
    public List<IpAddressObject> ipAddresses() {
        return state().list(Kind.IP_ADDRESS);
    }

    /** From the address index: only the used addresses inside the prefix, each looked up by its name. */
    @Override
    public boolean anyIpAddressIn(Cidr prefix, Predicate<IpAddressObject> test) {
        if (prefix.hostBits() > 64) {
            return DefaultServiceCidrContext.super.anyIpAddressIn(prefix, test);
        }
        ClusterState s = state();
        var first = prefix.network();
        return s.used(prefix.family()).anyInRange(first, prefix.lastAddress(), offset -> s
                .<IpAddressObject>get(Kind.IP_ADDRESS, null, first.plus(offset).toString())
                .map(test::test).orElse(false));
    }

    @Override
    public void patchFinalizers(ServiceCidr sc, List<String> finalizers) {
        ServiceCidr current = state().<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc);
        ServiceCidr next = current.withMeta(current.meta().withFinalizers(finalizers));
        if (next.meta().beingDeleted() && finalizers.isEmpty()) {
            store.remove(next);
        } else {
            store.store(next);
        }
    }

    @Override
    public void updateStatus(ServiceCidr sc, List<Condition> conditions) {
        ServiceCidr current = state().<ServiceCidr>get(Kind.SERVICE_CIDR, null, sc.name()).orElse(sc);
        store.store(current.withConditions(conditions));
    }

    @Override
    public void recordEvent(KubeObject involved, String type, String reason, String message, String component) {
        recorder.event(involved, type, reason, message, component);
    }

    @Override
    public void requeueAt(Instant when) {
        ClusterState s = state();
        if (s.earliestRequeue == null || when.isBefore(s.earliestRequeue)) {
            s.earliestRequeue = when;
        }
    }

    @Override
    public List<Service> services() {
        return state().list(Kind.SERVICE);
    }

    /** Parsed once per set of ServiceCIDRs. */
    @Override
    public List<MetaAllocator.NamedPrefix> serviceCidrPrefixes() {
        ClusterState s = state();
        if (prefixCache == null || prefixCacheState != s || prefixCacheVersion != s.serviceCidrVersion) {
            prefixCache = MetaAllocator.prefixes(s.<ServiceCidr>list(Kind.SERVICE_CIDR));
            prefixCacheState = s;
            prefixCacheVersion = s.serviceCidrVersion;
        }
        return prefixCache;
    }

    void forgetPrefixes() {
        prefixCache = null;
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return state().get(Kind.SERVICE, namespace, name);
    }

    @Override
    public Optional<IpAddressObject> ipAddress(String name) {
        return state().get(Kind.IP_ADDRESS, null, name);
    }

    @Override
    public void createIpAddress(IpAddressObject ip) {
        if (state().get(Kind.IP_ADDRESS, null, ip.name()).isEmpty()) {
            store.store(IpAddressStrategy.prepareForCreate(ip, store.newMeta(ip.meta())));
        }
    }

    @Override
    public void recheckIpAddressAt(String name, Instant when) {
        state().recheckAt(when, Kind.IP_ADDRESS + "/" + name);
    }

    @Override
    public void deleteIpAddress(String name) {
        state().<IpAddressObject>get(Kind.IP_ADDRESS, null, name).ifPresent(store::remove);
    }

    @Override
    public boolean createServiceCidr(ServiceCidr sc) {
        try {
            api.create(sc);
            return true;
        } catch (ApiException e) {
            return false;
        }
    }

    /** The controller's own client writes the spec: the registry's update rules, no admission. */
    @Override
    public String updateServiceCidrSpec(ServiceCidr sc, List<String> cidrs) {
        ServiceCidr next = sc.withCidrs(cidrs);
        List<FieldError> errs = ServiceCidrStrategy.validateUpdate(next, sc);
        if (!errs.isEmpty()) {
            return new ApiException(Status.invalid(Kind.SERVICE_CIDR, sc.name(), errs,
                    state().settings.kubernetesVersion())).getMessage();
        }
        store.store(ServiceCidrStrategy.prepareForUpdate(next, sc));
        return null;
    }

    // ---- kube-controller-manager's node IPAM ----

    /**
     * The flags kubeadm gives kube-controller-manager: {@code --cluster-cidr}, the plan's Service range as its
     * {@code --service-cluster-ip-range}, and the node mask size of each family the cluster CIDR has.
     */
    @Override
    public NodeIpamConfig.Flags flags() {
        ClusterSettings s = state().settings;
        boolean v4 = false;
        boolean v6 = false;
        for (String part : s.clusterCIDR().split(",", -1)) {
            var c = IpParsing.parseCidrSloppy(part);
            if (c.isPresent()) {
                v4 |= c.get().address().family() == IpFamily.IPv4;
                v6 |= c.get().address().family() == IpFamily.IPv6;
            }
        }
        return new NodeIpamConfig.Flags(s.clusterCIDR(), 0, v4 ? s.nodeCIDRMaskSizeIPv4() : 0,
                v6 ? s.nodeCIDRMaskSizeIPv6() : 0, s.serviceClusterIPRange());
    }

    @Override
    public List<String> planNodes() {
        return state().settings.nodes();
    }

    @Override
    public List<RangeAllocator.NodeCidrs> nodeObjects() {
        List<RangeAllocator.NodeCidrs> out = new ArrayList<>();
        for (KeptObject k : state().kept()) {
            if (NodeObjects.isNode(k)) {
                out.add(new RangeAllocator.NodeCidrs(k.name(), NodeObjects.podCidrs(k)));
            }
        }
        return out;
    }

    @Override
    public NodeIpamState ipamState() {
        return state().nodeIpam;
    }

    @Override
    public void setIpamState(NodeIpamState next) {
        state().nodeIpam = next;
    }

    /** The node controller's PATCH: from no pod CIDRs to the allocated ones, which the Node's update rules allow. */
    @Override
    public void patchNodeCidrs(String node, List<String> podCidrs) {
        for (KeptObject k : state().kept()) {
            if (NodeObjects.isNode(k) && k.name().equals(node)) {
                KeptObject next = NodeObjects.withPodCidrs(k, podCidrs);
                if (KeptStrategy.validateUpdate(next, k).isEmpty()) {
                    state().keep(next);
                }
                return;
            }
        }
    }

    @Override
    public void recordNodeEvent(String node, String type, String reason, String message) {
        String uid = null;
        for (KeptObject k : state().kept()) {
            if (NodeObjects.isNode(k) && k.name().equals(node)
                    && k.content().get("metadata") instanceof java.util.Map<?, ?> meta && meta.get("uid") != null) {
                uid = String.valueOf(meta.get("uid"));
            }
        }
        recorder.event(new ObjectReference("v1", "Node", null, node, uid), type, reason, message,
                RangeAllocator.EVENT_COMPONENT);
    }
}
