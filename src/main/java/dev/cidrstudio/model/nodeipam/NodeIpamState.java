package dev.cidrstudio.model.nodeipam;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the node IPAM controller holds between its steps, as a value the simulation keeps with the rest of the
 * cluster: the flags it started with, its allocator (or why it could not start), the pod CIDRs it last saw of each
 * Node (its informer cache), the Nodes waiting for a retry, and the pod CIDRs of the Nodes that exist only as the
 * plan's node list (their {@code spec.podCIDRs}). The allocator inside is never changed: a step works on a copy.
 *
 * @param flags the flags the controller started with
 * @param allocator the range allocator, or null when the controller did not start
 * @param startError why the controller did not start (kube-controller-manager's error), or null
 * @param seen each known Node's {@code spec.podCIDRs} as the controller last saw them
 * @param retries Nodes whose allocation failed: how often, and when the work queue hands them out again
 * @param planNodeCidrs the pod CIDRs written to the Nodes of the plan's node list
 */
public record NodeIpamState(NodeIpamConfig.Flags flags, RangeAllocator allocator, String startError,
        Map<String, List<String>> seen, Map<String, Retry> retries, Map<String, List<String>> planNodeCidrs) {

    /** A Node back in the work queue: failures so far, and when it is due. */
    public record Retry(int failures, Instant due) {
    }

    public NodeIpamState {
        seen = Map.copyOf(seen);
        retries = Map.copyOf(retries);
        planNodeCidrs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(planNodeCidrs));
    }

    /** The pod CIDRs of a Node of the plan's node list, once the allocator has written them. */
    public List<String> planNodeCidrs(String node) {
        return planNodeCidrs.getOrDefault(node, List.of());
    }

    public Optional<String> error() {
        return Optional.ofNullable(startError);
    }
}
