package dev.cidrstudio.io.manifest;

import dev.cidrstudio.io.yaml.Mark;
import dev.cidrstudio.io.yaml.PNode;
import dev.cidrstudio.io.yaml.PNode.PList;
import dev.cidrstudio.io.yaml.PNode.PMap;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.model.cluster.ServiceIpRangeFlag;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.nodeipam.NodeIpamConfig;
import dev.cidrstudio.model.nodeipam.NodeIpamException;
import dev.cidrstudio.model.validation.NameValidation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and writes CIDR Studio's {@code cidrstudio.dev/v1alpha1 Cluster} settings document. */
public final class ClusterDocuments {

    public static final String GROUP = "cidrstudio.dev";
    public static final String API_VERSION = GROUP + "/v1alpha1";
    public static final String KIND = "Cluster";
    static final Set<String> SPEC_FIELDS = Set.of("kubernetesVersion", "serviceClusterIPRange", "clusterCIDR",
            "nodeCIDRMaskSizeIPv4", "nodeCIDRMaskSizeIPv6", "nodeCIDRMaskSize", "clusterDomain", "nodes",
            "clusterDNS", "randomSeed", "apiServers", "networks");

    private ClusterDocuments() {
    }

    /**
     * The fields of a Cluster's {@code spec} written somewhere else (a training exercise's {@code spec.cluster});
     * problems name the field under {@code path}.
     */
    public static ClusterSettings decodeSpec(String source, PMap spec, String path) throws ManifestException {
        PMap doc = new PMap(java.util.Map.of("spec", spec), java.util.Map.of("spec", spec.mark()), spec.mark());
        try {
            return decode(source, doc, API_VERSION).settings();
        } catch (ManifestException e) {
            List<Problem> renamed = new ArrayList<>();
            for (Problem p : e.problems()) {
                String field = p.field() == null ? null : p.field().replaceFirst("^spec(?=\\.|\\[|$)", path);
                renamed.add(new Problem(p.source(), p.mark(), field, p.message().replace("spec.", path + "."),
                        p.kubeMessage()));
            }
            throw new ManifestException(renamed);
        }
    }

    static Decoded.Cluster decode(String source, PMap doc, String apiVersion) throws ManifestException {
        Fields f = new Fields(source, "");
        if (!API_VERSION.equals(apiVersion)) {
            f.problem(doc.keyMark("apiVersion"), "apiVersion", "unsupported version \"" + apiVersion
                    + "\"; expected " + API_VERSION, null);
        }
        f.knownKeys(doc, "", Set.of("apiVersion", "kind", "metadata", "spec"));
        ClusterSettings d = ClusterSettings.defaults();
        String name = d.name();
        PMap meta = f.map(doc, "metadata", "", "");
        if (meta != null) {
            f.knownKeys(meta, "metadata", Set.of("name"));
            String n = f.str(meta, "name", "metadata", "");
            if (n != null) {
                name = n;
            }
        }
        PMap spec = f.map(doc, "spec", "", "");
        KubeVersion version = d.kubernetesVersion();
        String range = d.serviceClusterIPRange();
        String clusterCidr = d.clusterCIDR();
        int maskV4 = d.nodeCIDRMaskSizeIPv4();
        int maskV6 = d.nodeCIDRMaskSizeIPv6();
        String domain = d.clusterDomain();
        List<String> nodes = d.nodes();
        String dns = d.clusterDNS();
        long seed = d.randomSeed();
        List<ClusterSettings.ApiServerSetting> apiServers = List.of();
        List<ClusterSettings.Network> networks = List.of();
        if (spec != null) {
            f.knownKeys(spec, "spec", SPEC_FIELDS);
            String v = f.lenientStr(spec, "kubernetesVersion", "spec");
            if (v != null) {
                version = KubeVersion.parse(v);
                if (version == null) {
                    f.problem(spec.get("kubernetesVersion").mark(), "spec.kubernetesVersion",
                            "unsupported value \"" + v + "\": supported values: \"1.33\", \"1.34\", \"1.35\"", null);
                    version = d.kubernetesVersion();
                }
            }
            String r = f.str(spec, "serviceClusterIPRange", "spec", "");
            if (r != null) {
                range = r;
                ServiceIpRangeFlag flag = ServiceIpRangeFlag.parse(r, version);
                for (String e : flag.errors()) {
                    f.problem(spec.get("serviceClusterIPRange").mark(), "spec.serviceClusterIPRange",
                            "kube-apiserver would not start: " + e, null);
                }
            }
            String cc = f.str(spec, "clusterCIDR", "spec", "");
            if (cc != null) {
                clusterCidr = cc;
                checkClusterCidr(f, spec.get("clusterCIDR").mark(), cc);
            }
            // kube-controller-manager's --node-cidr-mask-size-ipv4 and -ipv6; plans before them wrote
            // nodeCIDRMaskSize: {ipv4, ipv6}, which is still read.
            Mark maskV4Mark = null;
            Mark maskV6Mark = null;
            PMap masks = f.map(spec, "nodeCIDRMaskSize", "spec", "");
            if (masks != null) {
                if (spec.get("nodeCIDRMaskSizeIPv4") != null || spec.get("nodeCIDRMaskSizeIPv6") != null) {
                    f.problem(spec.keyMark("nodeCIDRMaskSize"), "spec.nodeCIDRMaskSize", "give the node masks "
                            + "either as spec.nodeCIDRMaskSizeIPv4 and spec.nodeCIDRMaskSizeIPv6 or in the older "
                            + "spec.nodeCIDRMaskSize, not both", null);
                }
                f.knownKeys(masks, "spec.nodeCIDRMaskSize", Set.of("ipv4", "ipv6"));
                Long m4 = maskField(f, masks, "ipv4", "spec.nodeCIDRMaskSize.ipv4", 32);
                Long m6 = maskField(f, masks, "ipv6", "spec.nodeCIDRMaskSize.ipv6", 128);
                if (m4 != null) {
                    maskV4 = m4.intValue();
                    maskV4Mark = masks.get("ipv4").mark();
                }
                if (m6 != null) {
                    maskV6 = m6.intValue();
                    maskV6Mark = masks.get("ipv6").mark();
                }
            }
            Long m4 = maskField(f, spec, "nodeCIDRMaskSizeIPv4", "spec.nodeCIDRMaskSizeIPv4", 32);
            Long m6 = maskField(f, spec, "nodeCIDRMaskSizeIPv6", "spec.nodeCIDRMaskSizeIPv6", 128);
            if (m4 != null) {
                maskV4 = m4.intValue();
                maskV4Mark = spec.get("nodeCIDRMaskSizeIPv4").mark();
            }
            if (m6 != null) {
                maskV6 = m6.intValue();
                maskV6Mark = spec.get("nodeCIDRMaskSizeIPv6").mark();
            }
            if (f.problems.isEmpty()) {
                checkNodeIpam(f, clusterCidr, spec.get("clusterCIDR") == null ? doc.mark()
                        : spec.get("clusterCIDR").mark(), maskV4, maskV4Mark, maskV6, maskV6Mark);
            }
            String dom = f.str(spec, "clusterDomain", "spec", "");
            if (dom != null) {
                domain = dom;
                for (String e : NameValidation.isDns1123Subdomain(dom)) {
                    f.problem(spec.get("clusterDomain").mark(), "spec.clusterDomain", e, null);
                }
            }
            PList nl = f.list(spec, "nodes", "spec", "", "");
            if (nl != null) {
                nodes = new ArrayList<>();
                for (int i = 0; i < nl.items().size(); i++) {
                    String p = "spec.nodes[" + i + "]";
                    PNode item = nl.items().get(i);
                    if (!(item instanceof PMap nm)) {
                        f.problem(item.mark(), p, "expected a mapping like {name: worker0}", null);
                        continue;
                    }
                    f.knownKeys(nm, p, Set.of("name"));
                    String n = f.str(nm, "name", p, "");
                    if (n == null) {
                        f.problem(nm.mark(), p + ".name", "required", null);
                        continue;
                    }
                    for (String e : NameValidation.isDns1123Subdomain(n)) {
                        f.problem(nm.get("name").mark(), p + ".name", e, null);
                    }
                    if (nodes.contains(n)) {
                        f.problem(nm.get("name").mark(), p + ".name", "duplicate node name \"" + n + "\"", null);
                    }
                    nodes.add(n);
                }
            }
            String cd = f.str(spec, "clusterDNS", "spec", "");
            if (cd != null) {
                dns = cd;
                if (!cd.equals(ClusterSettings.DNS_AUTO) && !cd.equals(ClusterSettings.DNS_NONE)) {
                    for (String e : IpParsing.ipProblems(cd)) {
                        f.problem(spec.get("clusterDNS").mark(), "spec.clusterDNS",
                                "must be \"auto\", \"none\" or an IP address: " + e, null);
                    }
                }
            }
            Long rs = f.integer(spec, "randomSeed", "spec", "", "int64");
            if (rs != null) {
                seed = rs;
            }
            apiServers = apiServers(f, spec, version);
            networks = networks(f, spec);
        }
        f.flushUnknown();
        if (!f.problems.isEmpty()) {
            throw new ManifestException(f.problems);
        }
        return new Decoded.Cluster(new ClusterSettings(name, version, range, clusterCidr, maskV4, maskV6, domain,
                nodes, dns, seed, apiServers, networks), doc, source, doc.mark());
    }

    /**
     * {@code spec.apiServers}: the control plane's kube-apiservers, the first one with {@code serviceClusterIPRange}
     * and the others with it too unless they give their own (apiservers that disagree).
     */
    private static List<ClusterSettings.ApiServerSetting> apiServers(Fields f, PMap spec, KubeVersion version) {
        PList list = f.list(spec, "apiServers", "spec", "", "");
        if (list == null) {
            return List.of();
        }
        List<ClusterSettings.ApiServerSetting> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String p = "spec.apiServers[" + i + "]";
            PNode item = list.items().get(i);
            if (!(item instanceof PMap m)) {
                f.problem(item.mark(), p, "expected a mapping like {name: kube-apiserver}", null);
                continue;
            }
            f.knownKeys(m, p, Set.of("name", "serviceClusterIPRange"));
            String n = f.str(m, "name", p, "");
            if (n == null) {
                f.problem(m.mark(), p + ".name", "required", null);
                continue;
            }
            for (String e : NameValidation.isDns1123Subdomain(n)) {
                f.problem(m.get("name").mark(), p + ".name", e, null);
            }
            if (out.stream().anyMatch(a -> a.name().equals(n))) {
                f.problem(m.get("name").mark(), p + ".name", "duplicate kube-apiserver name \"" + n + "\"", null);
            }
            String r = f.str(m, "serviceClusterIPRange", p, "");
            if (r != null && i == 0) {
                f.problem(m.get("serviceClusterIPRange").mark(), p + ".serviceClusterIPRange", "the first "
                        + "kube-apiserver runs with spec.serviceClusterIPRange; give its flag there", null);
            } else if (r != null) {
                for (String e : ServiceIpRangeFlag.parse(r, version).errors()) {
                    f.problem(m.get("serviceClusterIPRange").mark(), p + ".serviceClusterIPRange",
                            "kube-apiserver would not start: " + e, null);
                }
            }
            out.add(new ClusterSettings.ApiServerSetting(n, r));
        }
        return out;
    }

    /** {@code spec.networks}: the networks declared around the cluster, each with a name, a CIDR and a kind. */
    private static List<ClusterSettings.Network> networks(Fields f, PMap spec) {
        PList list = f.list(spec, "networks", "spec", "", "");
        if (list == null) {
            return List.of();
        }
        List<ClusterSettings.Network> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String p = "spec.networks[" + i + "]";
            PNode item = list.items().get(i);
            if (!(item instanceof PMap m)) {
                f.problem(item.mark(), p, "expected a mapping like {name: office, cidr: 192.168.0.0/16, kind: "
                        + "OnPremises}", null);
                continue;
            }
            f.knownKeys(m, p, Set.of("name", "cidr", "kind"));
            String n = f.str(m, "name", p, "");
            String c = f.str(m, "cidr", p, "");
            String k = f.str(m, "kind", p, "");
            if (n == null || n.isBlank()) {
                if (m.get("name") == null || n != null) {
                    f.problem(m.get("name") == null ? m.mark() : m.get("name").mark(), p + ".name", "required",
                            null);
                }
                continue;
            }
            if (out.stream().anyMatch(x -> x.name().equals(n))) {
                f.problem(m.get("name").mark(), p + ".name", "duplicate network name \"" + n + "\"", null);
            }
            if (c == null) {
                if (m.get("cidr") == null) {
                    f.problem(m.mark(), p + ".cidr", "required", null);
                }
                continue;
            }
            if (IpParsing.parseCidrSloppy(c).isEmpty()) {
                f.problem(m.get("cidr").mark(), p + ".cidr", "\"" + c + "\": " + IpParsing.INVALID_CIDR, null);
                continue;
            }
            ClusterSettings.NetworkKind kind = ClusterSettings.NetworkKind.Other;
            if (k != null) {
                kind = java.util.Arrays.stream(ClusterSettings.NetworkKind.values())
                        .filter(v -> v.name().equals(k)).findFirst().orElse(null);
                if (kind == null) {
                    f.problem(m.get("kind").mark(), p + ".kind", "Unsupported value: \"" + k + "\": supported "
                            + "values: \"NodeSubnet\", \"VPC\", \"OnPremises\", \"VPN\", \"Other\"", null);
                    continue;
                }
            }
            out.add(new ClusterSettings.Network(n, c, kind));
        }
        return out;
    }

    /** A node mask size field: an int within the family's bits, else a problem naming it. */
    private static Long maskField(Fields f, PMap in, String key, String field, int bits) {
        int dot = field.lastIndexOf('.');
        Long m = f.integer(in, key, field.substring(0, dot), "", "int");
        if (m != null && (m < 1 || m > bits)) {
            f.problem(in.get(key).mark(), field, "must be between 1 and " + bits, null);
            return null;
        }
        return m;
    }

    /**
     * What kube-controller-manager says of each family's cluster CIDR and node mask when its node IPAM controller
     * starts (the mask no shorter than the cluster CIDR's, IPv6 at most 16 bits longer), and the simulation's own
     * limit on node blocks; each problem names the mask field, or the cluster CIDR when the mask is the default.
     * The simulated kubeadm passes the mask flag of each family the cluster CIDR has, so a mask for the other family
     * is kept for when it is added.
     */
    private static void checkNodeIpam(Fields f, String clusterCidr, Mark clusterMark, int maskV4, Mark maskV4Mark,
            int maskV6, Mark maskV6Mark) {
        for (String part : clusterCidr.split(",", -1)) {
            var c = IpParsing.parseCidrSloppy(part);
            if (c.isEmpty()) {
                return;
            }
            boolean v6 = IpParsing.goFamily(c.get().address()) == dev.cidrstudio.model.net.IpFamily.IPv6;
            var flags = new NodeIpamConfig.Flags(part, 0, v6 ? 0 : maskV4, v6 ? maskV6 : 0, "");
            Mark at = v6 ? maskV6Mark : maskV4Mark;
            String field = at == null ? "spec.clusterCIDR" : v6 ? "spec.nodeCIDRMaskSizeIPv6"
                    : "spec.nodeCIDRMaskSizeIPv4";
            try {
                NodeIpamConfig config = NodeIpamConfig.process(flags);
                config.simulationLimit().ifPresent(m -> f.problem(at == null ? clusterMark : at, field, m, null));
            } catch (NodeIpamException e) {
                f.problem(at == null ? clusterMark : at, field, "kube-controller-manager would not start: "
                        + e.getMessage(), null);
            }
        }
    }

    private static void checkClusterCidr(Fields f, Mark mark, String value) {
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            f.problem(mark, "spec.clusterCIDR", "may hold at most two CIDRs, one per IP family", null);
            return;
        }
        List<String> families = new ArrayList<>();
        for (String p : parts) {
            var c = IpParsing.parseCidrSloppy(p);
            if (c.isEmpty()) {
                f.problem(mark, "spec.clusterCIDR", "\"" + p + "\": " + IpParsing.INVALID_CIDR, null);
                return;
            }
            families.add(IpParsing.goFamily(c.get().address()).name());
        }
        if (families.size() == 2 && families.get(0).equals(families.get(1))) {
            f.problem(mark, "spec.clusterCIDR", "the two CIDRs must be of different IP families", null);
        }
    }

    /** The document as a plain map in the exact shape the plan format uses. */
    public static Map<String, Object> encode(ClusterSettings s) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", API_VERSION);
        doc.put("kind", KIND);
        doc.put("metadata", Map.of("name", s.name()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("kubernetesVersion", s.kubernetesVersion().text());
        spec.put("serviceClusterIPRange", s.serviceClusterIPRange());
        spec.put("clusterCIDR", s.clusterCIDR());
        spec.put("nodeCIDRMaskSizeIPv4", s.nodeCIDRMaskSizeIPv4());
        spec.put("nodeCIDRMaskSizeIPv6", s.nodeCIDRMaskSizeIPv6());
        spec.put("clusterDomain", s.clusterDomain());
        List<Object> nodes = new ArrayList<>();
        for (String n : s.nodes()) {
            nodes.add(Map.of("name", n));
        }
        spec.put("nodes", nodes);
        spec.put("clusterDNS", s.clusterDNS());
        spec.put("randomSeed", s.randomSeed());
        if (!s.apiServers().isEmpty()) {
            List<Object> servers = new ArrayList<>();
            for (ClusterSettings.ApiServerSetting a : s.apiServers()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", a.name());
                if (a.serviceClusterIPRange() != null) {
                    m.put("serviceClusterIPRange", a.serviceClusterIPRange());
                }
                servers.add(m);
            }
            spec.put("apiServers", servers);
        }
        if (!s.networks().isEmpty()) {
            List<Object> networks = new ArrayList<>();
            for (ClusterSettings.Network n : s.networks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", n.name());
                m.put("cidr", n.cidr());
                m.put("kind", n.kind().name());
                networks.add(m);
            }
            spec.put("networks", networks);
        }
        doc.put("spec", spec);
        return doc;
    }
}
