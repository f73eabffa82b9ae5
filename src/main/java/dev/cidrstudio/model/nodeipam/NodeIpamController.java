package dev.cidrstudio.model.nodeipam;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's node IPAM controller with the range allocator, one step at a time: it starts (or
 * restarts, when its flags change) by occupying the pod CIDRs the Nodes already have, then handles what its Node
 * informer would deliver since the last step. A Node added without pod CIDRs gets a block of every cluster CIDR
 * (written to {@code spec.podCIDRs}); a deleted Node's blocks are released; when no block is left the Node gets a
 * {@code CIDRNotAvailable} event and goes back to the work queue with the default controller rate limiter's
 * back-off (5 ms doubling up to 1000 s), so it gets a block once one is free.
 *
 * <p>The Nodes of the plan's node list registered when the cluster started, before any other: when the controller
 * starts they get their blocks afresh, in order, after the blocks other Nodes already hold.
 */
public final class NodeIpamController {

    /** The default controller rate limiter's per-item exponential back-off. */
    static final Duration BASE_DELAY = Duration.ofMillis(5);
    static final Duration MAX_DELAY = Duration.ofSeconds(1000);

    private NodeIpamController() {
    }

    /** One step: start if needed, then the deletes, adds and updates seen since the last step, and due retries. */
    public static void sync(NodeIpamContext ctx) {
        NodeIpamConfig.Flags flags = ctx.flags();
        List<RangeAllocator.NodeCidrs> objects = ctx.nodeObjects();
        NodeIpamState st = ctx.ipamState();
        if (st == null || !st.flags().equals(flags) || st.allocator() == null) {
            st = start(flags, objects);
            ctx.setIpamState(st);
        }
        if (st.allocator() == null) {
            return;
        }
        Set<String> objectNames = new HashSet<>();
        objects.forEach(o -> objectNames.add(o.name()));
        Map<String, List<String>> planNodeCidrs = new LinkedHashMap<>();
        List<RangeAllocator.NodeCidrs> nodes = new ArrayList<>();
        for (String name : ctx.planNodes()) {
            if (!objectNames.contains(name) && !planNodeCidrs.containsKey(name)) {
                List<String> cidrs = st.planNodeCidrs(name);
                planNodeCidrs.put(name, cidrs);
                nodes.add(new RangeAllocator.NodeCidrs(name, cidrs));
            }
        }
        nodes.addAll(objects);
        if (!hasWork(st, nodes, ctx.now())) {
            return;
        }
        RangeAllocator allocator = st.allocator().copy();
        Map<String, List<String>> seen = new HashMap<>(st.seen());
        Map<String, NodeIpamState.Retry> retries = new HashMap<>(st.retries());
        Set<String> present = new HashSet<>();
        nodes.forEach(n -> present.add(n.name()));
        for (String gone : new ArrayList<>(seen.keySet())) {
            if (!present.contains(gone)) {
                try {
                    allocator.releaseCidr(new RangeAllocator.NodeCidrs(gone, seen.get(gone)));
                } catch (NodeIpamException e) {
                    // kube-controller-manager reports "error while processing CIDR Release" and goes on.
                }
                seen.remove(gone);
                retries.remove(gone);
            }
        }
        // A Node object with the name of a Node of the plan's list is that Node as written: the blocks the plan's
        // Node held are given back, and the object's own are taken below.
        for (Map.Entry<String, List<String>> planned : st.planNodeCidrs().entrySet()) {
            String name = planned.getKey();
            if (objectNames.contains(name) && !planned.getValue().isEmpty()
                    && planned.getValue().equals(seen.get(name))) {
                try {
                    allocator.releaseCidr(new RangeAllocator.NodeCidrs(name, planned.getValue()));
                } catch (NodeIpamException e) {
                    // As for any release: logged and ignored.
                }
                seen.remove(name);
            }
        }
        List<Runnable> writes = new ArrayList<>();
        for (RangeAllocator.NodeCidrs node : nodes) {
            List<String> last = seen.get(node.name());
            NodeIpamState.Retry retry = retries.get(node.name());
            boolean retryDue = retry != null && !retry.due().isAfter(ctx.now());
            if (Objects.equals(last, node.podCidrs()) && !retryDue) {
                continue;
            }
            seen.put(node.name(), node.podCidrs());
            if (!node.podCidrs().isEmpty()) {
                allocator.allocateOrOccupyCidr(node);
                retries.remove(node.name());
                continue;
            }
            if (retry != null && !retryDue) {
                continue;
            }
            RangeAllocator.Outcome outcome = allocator.allocateOrOccupyCidr(node);
            if (outcome instanceof RangeAllocator.Outcome.Allocated a) {
                seen.put(node.name(), a.strings());
                retries.remove(node.name());
                if (planNodeCidrs.containsKey(node.name())) {
                    planNodeCidrs.put(node.name(), a.strings());
                } else {
                    writes.add(() -> ctx.patchNodeCidrs(node.name(), a.strings()));
                }
            } else if (outcome instanceof RangeAllocator.Outcome.NotAvailable) {
                writes.add(() -> ctx.recordNodeEvent(node.name(), "Warning", RangeAllocator.CIDR_NOT_AVAILABLE,
                        RangeAllocator.statusChangeMessage(node.name(), RangeAllocator.CIDR_NOT_AVAILABLE)));
                int failures = retry == null ? 0 : retry.failures();
                Instant due = ctx.now().plus(backoff(failures));
                retries.put(node.name(), new NodeIpamState.Retry(failures + 1, due));
                ctx.requeueAt(due);
            }
        }
        ctx.setIpamState(new NodeIpamState(flags, allocator, null, seen, retries, planNodeCidrs));
        writes.forEach(Runnable::run);
    }

    /**
     * The controller starting: the flags processed and the allocator created with the Nodes that have pod CIDRs.
     * One that could not start tries again at the next step, as kube-controller-manager restarts.
     */
    static NodeIpamState start(NodeIpamConfig.Flags flags, List<RangeAllocator.NodeCidrs> objects) {
        try {
            NodeIpamConfig config = NodeIpamConfig.process(flags);
            var limit = config.simulationLimit();
            if (limit.isPresent()) {
                return new NodeIpamState(flags, null, limit.get(), Map.of(), Map.of(), Map.of());
            }
            return new NodeIpamState(flags, RangeAllocator.create(config, objects), null, Map.of(), Map.of(),
                    Map.of());
        } catch (NodeIpamException e) {
            return new NodeIpamState(flags, null, e.getMessage(), Map.of(), Map.of(), Map.of());
        }
    }

    /** Whether anything changed since the last step or a retry is due. */
    static boolean hasWork(NodeIpamState st, List<RangeAllocator.NodeCidrs> nodes, Instant now) {
        if (nodes.size() != st.seen().size()) {
            return true;
        }
        for (RangeAllocator.NodeCidrs n : nodes) {
            if (!n.podCidrs().equals(st.seen().get(n.name()))) {
                return true;
            }
            NodeIpamState.Retry r = st.retries().get(n.name());
            if (r != null && !r.due().isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    /** {@code ItemExponentialFailureRateLimiter.When}: 5 ms times 2^failures, at most 1000 s. */
    static Duration backoff(int failures) {
        if (failures >= 30) {
            return MAX_DELAY;
        }
        Duration d = BASE_DELAY.multipliedBy(1L << failures);
        return d.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : d;
    }
}
