package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.pod.PodRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one address-plan check: every overlap among the cluster's ranges (Service ranges, the Pod range, node blocks,
 * node addresses) and between them and the networks around it (the ones the plan declares and Docker's default
 * bridge), each named with its exact pair and why it matters. What a working cluster has by design is not reported:
 * a node block inside the Pod range of its family, a node's address inside the node subnet or VPC, the networks' own
 * nesting; a ServiceCIDR equal to an apiserver's flag (the default one) is one range, named both ways.
 */
public final class AddressPlanCheck {

    /** Docker's default bridge ({@code docker0}), on any node where Docker runs. */
    public static final String DOCKER_BRIDGE = "172.17.0.0/16";

    /** What a range is; the order is the order findings name their pair in. */
    public enum RangeKind {
        SERVICE_FLAG("Service range"), SERVICE_CIDR("ServiceCIDR"), POD_RANGE("Pod range"), NODE_BLOCK("node block"),
        NODE_ADDRESS("node address"), NETWORK("network"), DOCKER_BRIDGE("Docker's default bridge");

        private final String words;

        RangeKind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * Where a range is written: a document (the Cluster document when {@code kind} is "Cluster", else an object of
     * that kind and name) and the field's path in it; a null path when it is written nowhere.
     */
    public record Anchor(String kind, String name, String path) {
        static final Anchor NOWHERE = new Anchor(null, null, null);

        static Anchor cluster(String path) {
            return new Anchor("Cluster", null, path);
        }
    }

    /** A range of the plan: what it is, how it is named, the prefix, where it is written. */
    public record Range(RangeKind kind, String label, Cidr cidr, Anchor anchor,
            ClusterSettings.NetworkKind networkKind) {

        /** {@code Pod range 10.244.0.0/16 (clusterCIDR)}. */
        public String describe() {
            return kind.words() + " " + cidr + " (" + label + ")";
        }
    }

    /** One finding: the pair, how they meet ("contains", "is inside", "is the same as") and why it matters. */
    public record Overlap(Range a, Range b, String relation, String why) {

        public String message() {
            return a.describe() + " " + relation + " " + b.describe() + ": " + why;
        }
    }

    private AddressPlanCheck() {
    }

    /** Every overlap of the plan that a working cluster does not have by design. */
    public static List<Overlap> of(ClusterState state) {
        List<Range> ranges = ranges(state);
        List<int[]> pairs = new ArrayList<>();
        // Prefixes overlap only when one holds the other: sorted by address, each meets only those that follow
        // it up to its last address (a plan with thousands of Nodes is not compared pair by pair).
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            order.add(i);
        }
        order.sort((x, y) -> ranges.get(x).cidr().compareTo(ranges.get(y).cidr()));
        for (int p = 0; p < order.size(); p++) {
            Cidr outer = ranges.get(order.get(p)).cidr();
            for (int q = p + 1; q < order.size(); q++) {
                Cidr inner = ranges.get(order.get(q)).cidr();
                if (!outer.overlaps(inner)) {
                    if (inner.family() != outer.family() || inner.network().compareTo(outer.lastAddress()) > 0) {
                        break;
                    }
                    continue;
                }
                int i = order.get(p);
                int j = order.get(q);
                pairs.add(new int[] {Math.min(i, j), Math.max(i, j)});
            }
        }
        pairs.sort((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(x[1], y[1]));
        List<Overlap> out = new ArrayList<>();
        for (int[] pair : pairs) {
            Range a = ranges.get(pair[0]);
            Range b = ranges.get(pair[1]);
            if (expected(a, b) || saidOfABlock(ranges, a, b)) {
                continue;
            }
            String relation = a.cidr().equals(b.cidr()) ? "is the same as"
                    : a.cidr().containsCidr(b.cidr()) ? "contains" : "is inside";
            out.add(new Overlap(a, b, relation, why(a, b)));
        }
        return out;
    }

    /** The plan's ranges, in {@link RangeKind} order. */
    public static List<Range> ranges(ClusterState state) {
        ClusterSettings s = state.settings();
        List<Range> out = new ArrayList<>();
        Set<Cidr> flagCidrs = new LinkedHashSet<>();
        List<ClusterSettings.ApiServerSetting> servers = s.effectiveApiServers();
        for (int i = 0; i < servers.size(); i++) {
            String path = i == 0 || s.apiServers().get(i).serviceClusterIPRange() == null
                    ? "spec.serviceClusterIPRange" : "spec.apiServers[" + i + "].serviceClusterIPRange";
            for (Cidr c : cidrs(servers.get(i).serviceClusterIPRange())) {
                if (flagCidrs.add(c)) {
                    out.add(new Range(RangeKind.SERVICE_FLAG, servers.get(i).name() + " --service-cluster-ip-range",
                            c, Anchor.cluster(path), null));
                }
            }
        }
        for (ServiceCidr sc : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            for (Cidr c : cidrs(String.join(",", sc.cidrsOrEmpty()))) {
                // A ServiceCIDR equal to a flag's range (the default one) is that range: one entry naming both.
                int same = -1;
                for (int i = 0; i < out.size(); i++) {
                    if (out.get(i).kind() == RangeKind.SERVICE_FLAG && out.get(i).cidr().equals(c)) {
                        same = i;
                    }
                }
                if (same >= 0) {
                    Range flag = out.get(same);
                    out.set(same, new Range(flag.kind(), flag.label() + ", ServiceCIDR " + sc.name(), c,
                            flag.anchor(), null));
                } else {
                    out.add(new Range(RangeKind.SERVICE_CIDR, sc.name(), c, new Anchor("ServiceCIDR", sc.name(),
                            "spec.cidrs"), null));
                }
            }
        }
        for (Cidr c : cidrs(s.clusterCIDR())) {
            out.add(new Range(RangeKind.POD_RANGE, "clusterCIDR", c, Anchor.cluster("spec.clusterCIDR"), null));
        }
        List<Range> addresses = new ArrayList<>();
        for (int i = 0; i < s.nodes().size(); i++) {
            String node = s.nodes().get(i);
            if (nodeObject(state, node).isPresent()) {
                continue;
            }
            Anchor at = Anchor.cluster("spec.nodes[" + i + "]");
            List<Cidr> blocks = cidrs(String.join(",", state.nodePodCidrs(node)));
            for (Cidr c : blocks) {
                out.add(new Range(RangeKind.NODE_BLOCK, "Node " + node, c, at, null));
            }
            addresses.add(host(RangeKind.NODE_ADDRESS, "Node " + node + " InternalIP",
                    PodRuntime.nodeAddress(i, false), at));
            if (blocks.size() > 1) {
                addresses.add(host(RangeKind.NODE_ADDRESS, "Node " + node + " InternalIP",
                        PodRuntime.nodeAddress(i, true), at));
            }
        }
        for (KeptObject k : state.kept()) {
            if (!"v1".equals(k.apiVersion()) || !"Node".equals(k.kind())) {
                continue;
            }
            for (Cidr c : cidrs(String.join(",", state.nodePodCidrs(k.name())))) {
                out.add(new Range(RangeKind.NODE_BLOCK, "Node " + k.name(), c, new Anchor("Node", k.name(),
                        "spec.podCIDRs"), null));
            }
            if (k.content().get("status") instanceof Map<?, ?> status
                    && status.get("addresses") instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> a && "InternalIP".equals(a.get("type"))
                            && a.get("address") != null) {
                        addresses.add(host(RangeKind.NODE_ADDRESS, "Node " + k.name() + " InternalIP",
                                String.valueOf(a.get("address")), new Anchor("Node", k.name(),
                                        "status.addresses[" + i + "].address")));
                    }
                }
            }
        }
        addresses.removeIf(r -> r == null);
        out.addAll(addresses);
        for (int i = 0; i < s.networks().size(); i++) {
            ClusterSettings.Network n = s.networks().get(i);
            for (Cidr c : cidrs(n.cidr())) {
                out.add(new Range(RangeKind.NETWORK, n.kind() + " " + n.name(), c,
                        Anchor.cluster("spec.networks[" + i + "].cidr"), n.kind()));
            }
        }
        out.add(new Range(RangeKind.DOCKER_BRIDGE, "docker0", cidrs(DOCKER_BRIDGE).get(0), Anchor.NOWHERE, null));
        return out;
    }

    /**
     * What another finding already says: a node address inside a node block is reported with that block, not again
     * with the Pod range; a node block inside a Pod range that a network contains is reported with the Pod range.
     */
    static boolean saidOfABlock(List<Range> ranges, Range a, Range b) {
        if (a.kind() == RangeKind.POD_RANGE && b.kind() == RangeKind.NODE_ADDRESS) {
            return ranges.stream().anyMatch(r -> r.kind() == RangeKind.NODE_BLOCK && r.cidr().containsCidr(b.cidr()));
        }
        // A network around the whole Pod range is around its blocks too: the Pod range's finding says it.
        if (a.kind() == RangeKind.NODE_BLOCK && (b.kind() == RangeKind.NETWORK
                || b.kind() == RangeKind.DOCKER_BRIDGE)) {
            return ranges.stream().anyMatch(r -> r.kind() == RangeKind.POD_RANGE && r.cidr().containsCidr(a.cidr())
                    && b.cidr().containsCidr(r.cidr()));
        }
        return false;
    }

    /** What a working cluster has by design. */
    static boolean expected(Range a, Range b) {
        RangeKind x = a.kind();
        RangeKind y = b.kind();
        boolean aroundTheCluster = x == RangeKind.NETWORK || x == RangeKind.DOCKER_BRIDGE;
        if (aroundTheCluster && (y == RangeKind.NETWORK || y == RangeKind.DOCKER_BRIDGE)) {
            return true;
        }
        if (x == RangeKind.POD_RANGE && y == RangeKind.NODE_BLOCK && a.cidr().containsCidr(b.cidr())) {
            return true;
        }
        if (x == RangeKind.NODE_ADDRESS && y == RangeKind.NODE_ADDRESS) {
            return a.label().equals(b.label());
        }
        if (x == RangeKind.NODE_ADDRESS && y == RangeKind.NETWORK && b.cidr().containsCidr(a.cidr())) {
            return b.networkKind() == ClusterSettings.NetworkKind.NodeSubnet
                    || b.networkKind() == ClusterSettings.NetworkKind.VPC;
        }
        return false;
    }

    /** Why an overlap matters, by the kinds of the pair. */
    static String why(Range a, Range b) {
        RangeKind x = a.kind();
        RangeKind y = b.kind();
        boolean aService = x == RangeKind.SERVICE_FLAG || x == RangeKind.SERVICE_CIDR;
        if (aService && (y == RangeKind.SERVICE_FLAG || y == RangeKind.SERVICE_CIDR)) {
            return "a ClusterIP in both belongs to both; Kubernetes allows it, but deleting either leaves its "
                    + "addresses to the other, and apiservers with different ranges hand out different addresses";
        }
        if (aService && y == RangeKind.POD_RANGE) {
            return "a Pod and a Service could get the same address, and kube-proxy sends traffic for it to the "
                    + "Service; kube-controller-manager also never hands out the node blocks it touches";
        }
        if (aService && y == RangeKind.NODE_BLOCK) {
            return "Pods on that node could get a ClusterIP's address, and kube-proxy sends traffic for it to the "
                    + "Service";
        }
        if (aService && y == RangeKind.NODE_ADDRESS) {
            return "traffic to the node's own address would be taken for a Service's by kube-proxy";
        }
        if (x == RangeKind.POD_RANGE && y == RangeKind.NODE_BLOCK) {
            return "the block is not inside the Pod range: kube-controller-manager could hand the same addresses "
                    + "to another node";
        }
        if (x == RangeKind.NODE_BLOCK && y == RangeKind.NODE_BLOCK) {
            return "two nodes would give Pods the same addresses, and routes to one node's Pods reach the other";
        }
        if ((x == RangeKind.POD_RANGE || x == RangeKind.NODE_BLOCK) && y == RangeKind.NODE_ADDRESS) {
            return "a Pod could get the node's own address, and routes to the Pods capture traffic to the node";
        }
        if (x == RangeKind.NODE_ADDRESS && y == RangeKind.NODE_ADDRESS) {
            return "two nodes with one address: traffic for one reaches the other";
        }
        if (y == RangeKind.DOCKER_BRIDGE) {
            return "a node running Docker routes " + DOCKER_BRIDGE + " to its local docker0 bridge, so those "
                    + "addresses are unreachable from it";
        }
        if (y == RangeKind.NETWORK) {
            return switch (b.networkKind()) {
                case NodeSubnet, VPC -> "cluster addresses that are also the network's are routed to its hosts, "
                        + "or its hosts' traffic to the cluster";
                case OnPremises -> "the cluster cannot reach the on-premises hosts in that range: their traffic "
                        + "stays inside the cluster";
                case VPN -> "clients on the VPN cannot reach the cluster's addresses in that range, nor the cluster "
                        + "theirs";
                case Other -> "addresses in both are routed to only one of them";
            };
        }
        return "addresses in both are routed to only one of them";
    }

    /**
     * The overlaps of a plan (files with a Cluster document) as {@code check} warnings, each at the line of the first range of its pair (the
     * Cluster document's field, the ServiceCIDR's or the Node's); nothing when the files do not load as a plan
     * ({@code check} reports why).
     */
    public static List<Finding> findings(List<ManifestImport.Source> sources) {
        List<Overlap> overlaps;
        List<Decoded> docs;
        try {
            PlanLoader.Result plan = PlanLoader.load(sources);
            if (!plan.plan()) {
                return List.of();
            }
            overlaps = of(plan.api().state());
            // The source trees (for the lines) only when there is something to report: they cost memory.
            docs = overlaps.isEmpty() ? List.of() : ManifestImport.decode(sources);
        } catch (ManifestImport.ImportException e) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Overlap o : overlaps) {
            Located at = locate(docs, o.a().anchor());
            out.add(new Finding(Finding.Severity.WARNING, at.source() == null ? sources.get(0).name() : at.source(),
                    at.mark(), "address plan: " + o.message()));
        }
        return out;
    }

    private record Located(String source, Mark mark) {
    }

    /** The document and line an anchor names; the Service range flag for the default ServiceCIDR. */
    static Located locate(List<Decoded> docs, Anchor anchor) {
        if (anchor.path() == null) {
            return new Located(null, null);
        }
        for (Decoded d : docs) {
            boolean match = "Cluster".equals(anchor.kind()) ? d instanceof Decoded.Cluster
                    : d instanceof Decoded.Object o ? o.object().kind().kindName().equals(anchor.kind())
                            && o.object().name().equals(anchor.name())
                    : d instanceof Decoded.Other other && other.kind().equals(anchor.kind())
                            && anchor.name().equals(other.name());
            PMap raw = d instanceof Decoded.Cluster c ? c.raw() : d instanceof Decoded.Object o ? o.raw()
                    : d instanceof Decoded.Other other ? other.raw() : null;
            if (match) {
                return new Located(d.source(), raw == null ? d.mark() : walk(raw, anchor.path()));
            }
        }
        if ("ServiceCIDR".equals(anchor.kind())) {
            return locate(docs, Anchor.cluster("spec.serviceClusterIPRange"));
        }
        return new Located(null, null);
    }

    /** The mark of the node at a path like {@code spec.nodes[2]}, or of the deepest one found on the way. */
    static Mark walk(PMap root, String path) {
        PNode at = root;
        Mark mark = root.mark();
        for (String segment : path.split("\\.")) {
            int bracket = segment.indexOf('[');
            String key = bracket < 0 ? segment : segment.substring(0, bracket);
            if (!(at instanceof PMap m) || m.get(key) == null) {
                return mark;
            }
            at = m.get(key);
            mark = at.mark();
            if (bracket >= 0) {
                int index = Integer.parseInt(segment.substring(bracket + 1, segment.length() - 1));
                if (!(at instanceof PList l) || index >= l.items().size()) {
                    return mark;
                }
                at = l.items().get(index);
                mark = at.mark();
            }
        }
        return mark;
    }

    private static Optional<KeptObject> nodeObject(ClusterState state, String name) {
        return state.kept().stream().filter(k -> "v1".equals(k.apiVersion()) && "Node".equals(k.kind())
                && name.equals(k.name())).findFirst();
    }

    private static Range host(RangeKind kind, String label, String address, Anchor at) {
        return IpParsing.parseIpSloppy(address).map(ip -> new Range(kind, label, Cidr.containing(ip,
                ip.family() == IpFamily.IPv4 ? 32 : 128), at, null)).orElse(null);
    }

    private static List<Cidr> cidrs(String text) {
        List<Cidr> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",", -1)) {
            IpParsing.parseCidrSloppy(part.strip()).ifPresent(w -> out.add(w.masked()));
        }
        return out;
    }
}
