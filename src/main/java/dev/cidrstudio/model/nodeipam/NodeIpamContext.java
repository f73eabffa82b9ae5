package dev.cidrstudio.model.nodeipam;

import java.time.Instant;
import java.util.List;

/** What the node IPAM controller sees of the cluster and the writes it makes. */
public interface NodeIpamContext {

    Instant now();

    /** kube-controller-manager's flags as the plan sets them. */
    NodeIpamConfig.Flags flags();

    /** The names of the plan's node list, in order: Nodes that registered when the cluster started. */
    List<String> planNodes();

    /** The Node objects, in the order they came, with their {@code spec.podCIDRs}. */
    List<RangeAllocator.NodeCidrs> nodeObjects();

    /** The controller's state from its last step, or null before it first ran. */
    NodeIpamState ipamState();

    void setIpamState(NodeIpamState state);

    /** The controller's PATCH of a Node object's {@code spec.podCIDR} and {@code spec.podCIDRs}. */
    void patchNodeCidrs(String node, List<String> podCidrs);

    /** {@code RecordNodeStatusChange}: an event on the Node. */
    void recordNodeEvent(String node, String type, String reason, String message);

    /** The work queue's {@code AddRateLimited}: run again at {@code when}. */
    void requeueAt(Instant when);
}
