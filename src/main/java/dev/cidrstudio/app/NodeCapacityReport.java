package dev.cidrstudio.app;

import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.nodeipam.NodeCapacity;
import dev.cidrstudio.model.nodeipam.NodeIpamConfig;
import dev.cidrstudio.model.nodeipam.NodeIpamException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The plan's node and Pod capacity, per family of its cluster CIDR: max nodes, the blocks its nodes hold, room left,
 * Pods per node and in all ({@link NodeCapacity}), a what-if for more nodes, and the smallest range for a target.
 */
public final class NodeCapacityReport {

    /**
     * The report: the families, or why kube-controller-manager would not start with the plan's flags.
     *
     * @param families one entry per cluster CIDR, in flag order
     * @param error kube-controller-manager's error, or null
     * @param nodes the cluster's Nodes (the plan's node list and the Node objects)
     */
    public record Report(List<NodeCapacity.Family> families, String error, int nodes) {
    }

    /** A target: this many nodes in all, this many Pods on each. */
    public record Target(long nodes, long podsPerNode) {
        public Target {
            if (nodes < 0 || podsPerNode < 0) {
                throw new IllegalArgumentException("the target must not be negative");
            }
        }
    }

    private NodeCapacityReport() {
    }

    /** The report with the kubelet's {@code maxPods} on every node. */
    public static Report of(ClusterState state, int maxPods) {
        ClusterSettings s = state.settings();
        List<String> nodes = nodeNames(state);
        NodeIpamConfig config;
        try {
            config = NodeIpamConfig.process(flags(s));
        } catch (NodeIpamException e) {
            return new Report(List.of(), "kube-controller-manager would not start: " + e.getMessage(), nodes.size());
        }
        List<Cidr> serviceRanges = new ArrayList<>();
        config.serviceCidr().ifPresent(serviceRanges::add);
        config.secondaryServiceCidr().ifPresent(serviceRanges::add);
        List<NodeCapacity.Family> families = new ArrayList<>();
        for (int i = 0; i < config.clusterCidrs().size(); i++) {
            Cidr cluster = config.clusterCidrs().get(i);
            List<Cidr> blocks = new ArrayList<>();
            long waiting = 0;
            for (String node : nodes) {
                boolean has = false;
                for (String text : state.nodePodCidrs(node)) {
                    Optional<Cidr> c = IpParsing.parseCidrSloppy(text).map(IpParsing.WrittenCidr::masked);
                    if (c.isPresent() && c.get().family() == cluster.family()) {
                        blocks.add(c.get());
                        has = true;
                    }
                }
                waiting += has ? 0 : 1;
            }
            families.add(NodeCapacity.of(cluster, config.nodeCidrMaskSizes().get(i), serviceRanges, blocks, waiting,
                    maxPods));
        }
        return new Report(families, null, nodes.size());
    }

    /** kube-controller-manager's flags as the simulated kubeadm passes them (a mask for each family it has). */
    static NodeIpamConfig.Flags flags(ClusterSettings s) {
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

    /** The plan's node list, then the Node objects not in it. */
    static List<String> nodeNames(ClusterState state) {
        Set<String> names = new LinkedHashSet<>(state.settings().nodes());
        for (KeptObject k : state.kept()) {
            if ("v1".equals(k.apiVersion()) && "Node".equals(k.kind())) {
                names.add(k.name());
            }
        }
        return List.copyOf(names);
    }

    /** The table lines: one row per family. */
    public static String table(Report r) {
        StringBuilder sb = new StringBuilder("FAMILY\tCLUSTER CIDR\tNODE MASK\tMAX NODES\tUSED\tFREE\tPODS/NODE"
                + "\tMAX PODS\n");
        for (NodeCapacity.Family f : r.families()) {
            sb.append(String.join("\t", f.family().name(), f.clusterCidr().toString(), "/" + f.nodeMask(),
                    n(f.maxNodes()), n(f.usedBlocks()), n(f.freeBlocks()), n(f.podsPerNode()),
                    n(f.maxClusterPods()))).append('\n');
        }
        return sb.toString();
    }

    /** The notes under the table: Service blocks, Pods limited by the block, Nodes waiting for a block. */
    public static List<String> notes(Report r) {
        List<String> out = new ArrayList<>();
        for (NodeCapacity.Family f : r.families()) {
            String fam = f.family() + " " + f.clusterCidr() + ": ";
            if (f.serviceBlocks() > 0) {
                out.add(fam + n(f.serviceBlocks()) + " of " + n(f.blocks()) + " node blocks overlap the Service "
                        + "range and are never handed out");
            }
            if (f.blockLimitsPods()) {
                out.add(fam + "a /" + f.nodeMask() + " block gives host-local " + n(f.blockAddresses())
                        + " Pod addresses, fewer than maxPods " + f.maxPods() + ": the block, not maxPods, limits "
                        + "Pods per node");
            }
            if (f.waitingNodes() > 0) {
                out.add(fam + n(f.waitingNodes()) + " node(s) have no block");
            }
        }
        return out;
    }

    /** The what-if for {@code more} new nodes: one line per family. */
    public static List<String> whatIfMoreNodes(Report r, long more) {
        List<String> out = new ArrayList<>();
        for (NodeCapacity.Family f : r.families()) {
            long shortBy = f.shortForMoreNodes(more);
            out.add(f.family() + ": +" + n(more) + " nodes: " + (shortBy == 0 ? "fits (" + n(f.freeBlocks()
                    - more - f.waitingNodes()) + " blocks left)" : "short by " + n(shortBy) + " blocks"));
        }
        return out;
    }

    /** Whether the plan holds the target in every family: enough nodes, and the Pods on each. */
    public static boolean fits(Report r, Target t) {
        if (r.error() != null) {
            return false;
        }
        for (NodeCapacity.Family f : r.families()) {
            if (f.maxNodes() < t.nodes() || f.podsPerNode() < t.podsPerNode()) {
                return false;
            }
        }
        return true;
    }

    /** The target against each family, with the smallest range that holds it. */
    public static List<String> sizing(Report r, Target t) {
        List<String> out = new ArrayList<>();
        for (NodeCapacity.Family f : r.families()) {
            StringBuilder sb = new StringBuilder();
            sb.append(f.family()).append(": target ");
            if (t.nodes() > 0 && t.podsPerNode() > 0) {
                sb.append(n(t.nodes())).append(" nodes of ").append(n(t.podsPerNode())).append(" Pods: ");
            } else if (t.nodes() > 0) {
                sb.append(n(t.nodes())).append(" nodes: ");
            } else {
                sb.append(n(t.podsPerNode())).append(" Pods per node: ");
            }
            boolean nodesFit = f.maxNodes() >= t.nodes();
            boolean podsFit = f.podsPerNode() >= t.podsPerNode();
            if (nodesFit && podsFit) {
                sb.append("fits (").append(n(f.maxNodes())).append(" nodes of ").append(n(f.podsPerNode()))
                        .append(" Pods).");
            } else {
                if (!nodesFit) {
                    sb.append("short by ").append(n(t.nodes() - f.maxNodes())).append(" node blocks");
                }
                if (!podsFit) {
                    sb.append(nodesFit ? "" : "; ").append(n(f.podsPerNode())).append(" Pods per node (")
                            .append(f.blockLimitsPods() ? "the /" + f.nodeMask() + " block's addresses"
                                    : "maxPods " + f.maxPods()).append(")");
                }
                sb.append('.');
            }
            // Without a node or Pod target, the smallest fit keeps today's: the plan's nodes, its Pods per node.
            long fitNodes = t.nodes() > 0 ? t.nodes() : Math.max(1, r.nodes());
            long fitPods = t.podsPerNode() > 0 ? t.podsPerNode() : f.podsPerNode();
            if (fitPods > 0) {
                var fit = NodeCapacity.smallestFit(f.family(), fitNodes, fitPods, f.nodeMask());
                if (fit.isEmpty()) {
                    sb.append(" No ").append(f.family()).append(" range holds ").append(n(fitNodes))
                            .append(" nodes of ").append(n(fitPods)).append(" Pods with kube-controller-manager's "
                                    + "range allocator.");
                } else {
                    var x = fit.get();
                    sb.append(" Smallest for ").append(n(fitNodes)).append(" nodes of ").append(n(fitPods))
                            .append(" Pods: cluster /").append(x.clusterPrefix()).append(" with node mask /")
                            .append(x.nodeMask());
                    x.withPlanMask().ifPresent(p -> sb.append("; with the plan's node mask /").append(f.nodeMask())
                            .append(": cluster /").append(p));
                    sb.append('.');
                }
            }
            if (t.podsPerNode() > f.maxPods()) {
                sb.append(" Raise the kubelet's maxPods (").append(f.maxPods()).append(") too.");
            }
            out.add(sb.toString());
        }
        return out;
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String n(BigInteger v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
