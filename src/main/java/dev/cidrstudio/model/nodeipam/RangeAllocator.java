package dev.cidrstudio.model.nodeipam;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kube-controller-manager's {@code rangeAllocator}: one {@link CidrSet} per cluster CIDR (one per IP family), the
 * Service ranges filtered out, the blocks of the Nodes that already have pod CIDRs occupied at start, then a block
 * from each set for every Node that has none, and the blocks of a deleted Node released.
 */
public final class RangeAllocator {

    /** The reason of the event recorded on a Node when no block is left ({@code RecordNodeStatusChange}). */
    public static final String CIDR_NOT_AVAILABLE = "CIDRNotAvailable";
    /** The event recorder's source component. */
    public static final String EVENT_COMPONENT = "cidrAllocator";

    /** A Node as the allocator sees it: its name and {@code spec.podCIDRs}. */
    public record NodeCidrs(String name, List<String> podCidrs) {
        public NodeCidrs {
            podCidrs = podCidrs == null ? List.of() : List.copyOf(podCidrs);
        }
    }

    /** What {@code AllocateOrOccupyCIDR} did. */
    public sealed interface Outcome {
        /** The Node had pod CIDRs: their blocks are marked taken. */
        record Occupied() implements Outcome {
        }

        /** A block from each set, to be written to the Node's {@code spec.podCIDRs}. */
        record Allocated(List<Cidr> cidrs) implements Outcome {
            public Allocated {
                cidrs = List.copyOf(cidrs);
            }

            public List<String> strings() {
                return cidrs.stream().map(Cidr::toString).toList();
            }
        }

        /**
         * No block was left in set {@code index} ({@code CIDRNotAvailable} is recorded on the Node); blocks taken
         * from the sets before it stay taken, as in Go.
         */
        record NotAvailable(int index, String error) implements Outcome {
        }

        /** The Node's pod CIDRs could not be occupied (garbage, or outside the cluster CIDRs). */
        record Failed(String error) implements Outcome {
        }
    }

    private final List<Cidr> clusterCidrs;
    private final List<CidrSet> cidrSets;

    private RangeAllocator(List<Cidr> clusterCidrs, List<CidrSet> cidrSets) {
        this.clusterCidrs = List.copyOf(clusterCidrs);
        this.cidrSets = cidrSets;
    }

    /**
     * {@code NewCIDRRangeAllocator}: the sets, the Service ranges filtered out, then the pod CIDRs of the Nodes that
     * have them occupied; a Node whose pod CIDRs cannot be occupied stops the controller from starting.
     */
    public static RangeAllocator create(NodeIpamConfig config, List<NodeCidrs> existing) throws NodeIpamException {
        List<CidrSet> sets = new ArrayList<>();
        for (int i = 0; i < config.clusterCidrs().size(); i++) {
            sets.add(CidrSet.newCidrSet(config.clusterCidrs().get(i), config.nodeCidrMaskSizes().get(i)));
        }
        RangeAllocator ra = new RangeAllocator(config.clusterCidrs(), sets);
        config.serviceCidr().ifPresent(ra::filterOutServiceRange);
        config.secondaryServiceCidr().ifPresent(ra::filterOutServiceRange);
        for (NodeCidrs node : existing) {
            if (!node.podCidrs().isEmpty()) {
                ra.occupyCidrs(node);
            }
        }
        return ra;
    }

    /** An independent copy. */
    public RangeAllocator copy() {
        return new RangeAllocator(clusterCidrs, new ArrayList<>(cidrSets.stream().map(CidrSet::copy).toList()));
    }

    public List<CidrSet> cidrSets() {
        return List.copyOf(cidrSets);
    }

    /** The set at {@code index}, to change (the vectors occupy blocks directly, as the Go tests do). */
    public CidrSet cidrSet(int index) {
        return cidrSets.get(index);
    }

    /**
     * {@code filterOutServiceRange}: a Service range that overlaps a cluster CIDR takes the blocks it touches;
     * an error is only logged.
     */
    void filterOutServiceRange(Cidr serviceCidr) {
        for (int idx = 0; idx < clusterCidrs.size(); idx++) {
            Cidr cidr = clusterCidrs.get(idx);
            if (cidr.family() != serviceCidr.family() || !cidr.overlaps(serviceCidr)) {
                continue;
            }
            try {
                cidrSets.get(idx).occupy(serviceCidr);
            } catch (NodeIpamException e) {
                // kube-controller-manager logs "Error filtering out service cidr out cluster cidr" and goes on.
            }
        }
    }

    /** {@code occupyCIDRs}: marks a Node's pod CIDRs as taken, in the set of the same index. */
    void occupyCidrs(NodeCidrs node) throws NodeIpamException {
        for (int idx = 0; idx < node.podCidrs().size(); idx++) {
            String cidr = node.podCidrs().get(idx);
            Optional<Cidr> podCidr = parse(cidr);
            if (podCidr.isEmpty()) {
                throw new NodeIpamException("failed to parse node " + node.name() + ", CIDR "
                        + node.podCidrs().get(0));
            }
            if (idx >= cidrSets.size()) {
                throw new NodeIpamException("node:" + node.name() + " has an allocated cidr: " + cidr
                        + " at index:" + idx + " that does not exist in cluster cidrs configuration");
            }
            try {
                cidrSets.get(idx).occupy(podCidr.get());
            } catch (NodeIpamException e) {
                throw new NodeIpamException("failed to mark cidr[" + podCidr.get() + "] at idx [" + idx
                        + "] as occupied for node: " + node.name() + ": " + e.getMessage());
            }
        }
    }

    /**
     * {@code AllocateOrOccupyCIDR}: a Node with pod CIDRs has them occupied; a Node without gets the next block of
     * every set, or {@link Outcome.NotAvailable} when a set has none left.
     */
    public Outcome allocateOrOccupyCidr(NodeCidrs node) {
        if (!node.podCidrs().isEmpty()) {
            try {
                occupyCidrs(node);
                return new Outcome.Occupied();
            } catch (NodeIpamException e) {
                return new Outcome.Failed(e.getMessage());
            }
        }
        List<Cidr> allocated = new ArrayList<>();
        for (int idx = 0; idx < cidrSets.size(); idx++) {
            try {
                allocated.add(cidrSets.get(idx).allocateNext());
            } catch (NodeIpamException e) {
                return new Outcome.NotAvailable(idx, "failed to allocate cidr from cluster cidr at idx:" + idx + ": "
                        + e.getMessage());
            }
        }
        return new Outcome.Allocated(allocated);
    }

    /** {@code ReleaseCIDR}: frees the blocks of a deleted Node's pod CIDRs. */
    public void releaseCidr(NodeCidrs node) throws NodeIpamException {
        for (int idx = 0; idx < node.podCidrs().size(); idx++) {
            String cidr = node.podCidrs().get(idx);
            Optional<Cidr> podCidr = parse(cidr);
            if (podCidr.isEmpty()) {
                throw new NodeIpamException("failed to parse CIDR " + cidr + " on Node " + node.name()
                        + ": invalid CIDR address: " + cidr);
            }
            if (idx >= cidrSets.size()) {
                throw new NodeIpamException("node:" + node.name() + " has an allocated cidr: " + cidr
                        + " at index:" + idx + " that does not exist in cluster cidrs configuration");
            }
            try {
                cidrSets.get(idx).release(podCidr.get());
            } catch (NodeIpamException e) {
                throw new NodeIpamException("error when releasing CIDR " + cidr + ": " + e.getMessage());
            }
        }
    }

    /** The event message {@code RecordNodeStatusChange} writes. */
    public static String statusChangeMessage(String node, String status) {
        return "Node " + node + " status is now: " + status;
    }

    /** Go's {@code netutils.ParseCIDRSloppy}: the network of the prefix as written. */
    static Optional<Cidr> parse(String text) {
        return IpParsing.parseCidrSloppy(text).map(IpParsing.WrittenCidr::masked);
    }
}
