package dev.cidrstudio.model.nodeipam;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import java.math.BigInteger;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many nodes and Pods one family of a cluster CIDR holds with kube-controller-manager's range allocator and the
 * host-local IPAM plugin on each node.
 *
 * <p>Nodes: the cluster CIDR holds {@code 2^(nodeMask - clusterMask)} node blocks; the blocks a Service range touches
 * are taken before any Node gets one ({@code filterOutServiceRange}), so they are not room for nodes.
 *
 * <p>Pods per node: the kubelet's {@code maxPods} (110 unless configured), but never more than host-local hands out
 * of the node's block. host-local ({@code containernetworking/plugins}, {@code plugins/ipam/host-local/backend/
 * allocator/range.go}, {@code Canonicalize} and {@code lastIP}; {@code allocator.go}, {@code RangeIter.Next}) starts
 * at the address after the network address, ends at the last address of the block less the IPv4 broadcast address,
 * and skips the gateway (the first address unless configured); it refuses a block with fewer than two host bits
 * ("Network ... too small to allocate from"). So an IPv4 block of {@code h >= 2} host bits gives {@code 2^h - 3}
 * Pod addresses (network, gateway, broadcast), an IPv6 block {@code 2^h - 2} (network, gateway), and a /31, /32,
 * /127 or /128 none.
 */
public final class NodeCapacity {

    /** The kubelet's {@code maxPods} default ({@code KubeletConfiguration.maxPods}). */
    public static final int KUBELET_DEFAULT_MAX_PODS = 110;

    private NodeCapacity() {
    }

    /**
     * One family's numbers.
     *
     * @param clusterCidr the family's cluster CIDR
     * @param nodeMask the node mask size
     * @param blocks the node blocks the cluster CIDR holds
     * @param serviceBlocks the blocks a Service range takes ({@code filterOutServiceRange})
     * @param usedBlocks the blocks the cluster's Nodes hold
     * @param waitingNodes Nodes that have no block of this family
     * @param maxPods the kubelet's {@code maxPods}
     * @param blockAddresses the Pod addresses host-local hands out of one block
     */
    public record Family(Cidr clusterCidr, int nodeMask, long blocks, long serviceBlocks, long usedBlocks,
            long waitingNodes, int maxPods, BigInteger blockAddresses) {

        public IpFamily family() {
            return clusterCidr.family();
        }

        /** The most nodes the range gives a block: every block but the Service range's. */
        public long maxNodes() {
            return blocks - serviceBlocks;
        }

        /** Blocks not yet handed out. */
        public long freeBlocks() {
            return Math.max(0, maxNodes() - usedBlocks);
        }

        /** The Pods one node runs: {@code maxPods}, or fewer when its block holds fewer addresses. */
        public long podsPerNode() {
            return blockAddresses.min(BigInteger.valueOf(maxPods)).longValueExact();
        }

        /** Whether the block, not {@code maxPods}, limits the Pods per node. */
        public boolean blockLimitsPods() {
            return blockAddresses.compareTo(BigInteger.valueOf(maxPods)) < 0;
        }

        /** The most Pods the cluster runs: max nodes times Pods per node. */
        public BigInteger maxClusterPods() {
            return BigInteger.valueOf(maxNodes()).multiply(BigInteger.valueOf(podsPerNode()));
        }

        /** Blocks missing for {@code more} new nodes besides the Nodes waiting today (0 when they fit). */
        public long shortForMoreNodes(long more) {
            return Math.max(0, more + waitingNodes - freeBlocks());
        }
    }

    /**
     * The numbers of one family.
     *
     * @param clusterCidr the cluster CIDR (host bits clear)
     * @param nodeMask the node mask size, not shorter than the cluster CIDR's
     * @param serviceRanges kube-controller-manager's Service ranges (other families are ignored)
     * @param nodeBlocks the pod CIDRs of the cluster's Nodes (other families and ranges outside are ignored)
     * @param waitingNodes Nodes without a pod CIDR of this family
     * @param maxPods the kubelet's {@code maxPods}
     */
    public static Family of(Cidr clusterCidr, int nodeMask, List<Cidr> serviceRanges, Collection<Cidr> nodeBlocks,
            long waitingNodes, int maxPods) {
        int diff = nodeMask - clusterCidr.prefixLength();
        if (diff < 0 || nodeMask > clusterCidr.family().bits() || diff > 62) {
            throw new IllegalArgumentException("node mask /" + nodeMask + " does not fit " + clusterCidr);
        }
        long blocks = 1L << diff;
        long serviceBlocks = 0;
        for (Cidr s : serviceRanges) {
            if (s.family() == clusterCidr.family() && s.overlaps(clusterCidr)) {
                serviceBlocks += blocksTouchedCount(clusterCidr, nodeMask, s);
            }
        }
        serviceBlocks = Math.min(blocks, serviceBlocks);
        Set<Cidr> used = new HashSet<>();
        for (Cidr n : nodeBlocks) {
            if (n.family() == clusterCidr.family() && clusterCidr.containsCidr(n) && n.prefixLength() >= nodeMask) {
                Cidr block = Cidr.containing(n.network(), nodeMask);
                if (serviceRanges.stream().noneMatch(block::overlaps)) {
                    used.add(block);
                }
            }
        }
        return new Family(clusterCidr, nodeMask, blocks, serviceBlocks, used.size(), waitingNodes, maxPods,
                hostLocalAddresses(clusterCidr.family(), nodeMask));
    }

    /** How many node blocks a Service range overlapping the cluster CIDR takes. */
    static long blocksTouchedCount(Cidr cluster, int nodeMask, Cidr service) {
        if (service.prefixLength() <= cluster.prefixLength()) {
            return 1L << (nodeMask - cluster.prefixLength());
        }
        if (service.prefixLength() >= nodeMask) {
            return 1;
        }
        return 1L << (nodeMask - service.prefixLength());
    }

    /** The Pod addresses host-local hands out of a block of this prefix length (see the class comment). */
    public static BigInteger hostLocalAddresses(IpFamily family, int prefixLength) {
        int hostBits = family.bits() - prefixLength;
        if (hostBits < 2) {
            return BigInteger.ZERO;
        }
        return BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.valueOf(family == IpFamily.IPv4 ? 3 : 2));
    }

    /**
     * The smallest range that fits a target.
     *
     * @param nodeMask the node mask: the longest whose block holds the Pods per node
     * @param clusterPrefix the longest cluster CIDR prefix with a block for every node at that mask
     * @param withPlanMask the cluster prefix needed with the plan's node mask, when it holds the Pods per node
     */
    public record Fit(IpFamily family, int nodeMask, int clusterPrefix, Optional<Integer> planMask,
            Optional<Integer> withPlanMask) {
    }

    /**
     * The smallest cluster range and node mask for {@code nodes} nodes of {@code podsPerNode} Pods each, in one
     * family; and the cluster range the plan's node mask needs. Empty when no prefix of the family is that large
     * or when IPv6 would need more than {@link CidrSet#CLUSTER_SUBNET_MAX_DIFF} bits between the masks.
     */
    public static Optional<Fit> smallestFit(IpFamily family, long nodes, long podsPerNode, Integer planMask) {
        if (nodes < 1 || podsPerNode < 1) {
            throw new IllegalArgumentException("nodes and Pods per node must be at least 1");
        }
        int mask = -1;
        for (int m = family.bits(); m >= 0; m--) {
            if (hostLocalAddresses(family, m).compareTo(BigInteger.valueOf(podsPerNode)) >= 0) {
                mask = m;
                break;
            }
        }
        if (mask < 0) {
            return Optional.empty();
        }
        Optional<Integer> cluster = clusterPrefixFor(family, mask, nodes);
        if (cluster.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> withPlan = Optional.empty();
        if (planMask != null && hostLocalAddresses(family, planMask).compareTo(BigInteger.valueOf(podsPerNode)) >= 0) {
            withPlan = clusterPrefixFor(family, planMask, nodes);
        }
        return Optional.of(new Fit(family, mask, cluster.get(), Optional.ofNullable(planMask), withPlan));
    }

    /** The longest cluster prefix holding {@code nodes} blocks of {@code nodeMask}, within the allocator's limits. */
    static Optional<Integer> clusterPrefixFor(IpFamily family, int nodeMask, long nodes) {
        int bits = 64 - Long.numberOfLeadingZeros(nodes - 1);
        int prefix = nodeMask - bits;
        if (prefix < 0 || family == IpFamily.IPv6 && bits > CidrSet.CLUSTER_SUBNET_MAX_DIFF) {
            return Optional.empty();
        }
        return Optional.of(prefix);
    }
}
