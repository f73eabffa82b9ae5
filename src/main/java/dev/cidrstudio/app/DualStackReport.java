package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.PodHostsReader;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.hosts.PodAddresses;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks the "Validate IPv4/IPv6 dual-stack" page for a plan: the cluster's ranges, each Node's pod CIDRs and
 * addresses, each Pod's addresses, and each Service's families and cluster IPs, with a verdict and the reason.
 */
public final class DualStackReport {

    private DualStackReport() {
    }

    /** One line of the page, checked. */
    public record Item(boolean pass, String subject, String reason) {
        public String describe() {
            return (pass ? "PASS  " : "FAIL  ") + subject + ": " + reason;
        }
    }

    public static List<Item> of(ApiServer api) {
        ClusterSettings s = api.settings();
        List<Item> items = new ArrayList<>();
        items.add(pair("Cluster service-cluster-ip-range", split(s.serviceClusterIPRange())));
        List<String> clusterCidr = split(s.clusterCIDR());
        items.add(pair("Cluster cluster-cidr", clusterCidr));
        List<KeptObject> nodes = api.state().kept().stream().filter(k -> "Node".equals(k.kind())).toList();
        if (nodes.isEmpty()) {
            List<Cidr> cidrs = clusterCidr.stream().map(c -> IpParsing.parseCidr(c).orElseThrow()).toList();
            for (int i = 0; i < s.nodes().size(); i++) {
                List<String> pod = PodAddresses.nodePodCidrs(cidrs, s.nodeCIDRMaskSizeIPv4(), s.nodeCIDRMaskSizeIPv6(),
                        i).stream().map(Cidr::toString).toList();
                items.add(pair("Node " + s.nodes().get(i) + " spec.podCIDRs (allocated from cluster-cidr)", pod));
            }
        }
        for (KeptObject n : nodes) {
            Map<String, Object> spec = map(n.content().get("spec"));
            items.add(pair("Node " + n.name() + " spec.podCIDRs", strings(spec.get("podCIDRs"))));
            Object addresses = map(n.content().get("status")).get("addresses");
            if (addresses instanceof List<?> list) {
                List<String> internal = new ArrayList<>();
                for (Object a : list) {
                    Map<String, Object> m = map(a);
                    if ("InternalIP".equals(m.get("type")) && m.get("address") instanceof String ip) {
                        internal.add(ip);
                    }
                }
                items.add(pair("Node " + n.name() + " InternalIP addresses", internal));
            }
        }
        for (PodHostsReader.PodDocument pod : HostsPreview.podsOf(api)) {
            String subject = "Pod " + pod.pod().namespace() + "/" + pod.pod().name() + " status.podIPs";
            if (pod.pod().hostNetwork()) {
                items.add(new Item(true, subject, "hostNetwork: the Pod has the node's addresses"));
            } else if (pod.statusPodIps().isEmpty()) {
                items.add(pair(subject + " (assigned by the plan)", HostsPreview.assignedIps(s)));
            } else {
                items.add(pair(subject, pod.statusPodIps()));
            }
        }
        boolean dualCluster = families(split(s.serviceClusterIPRange())).size() == 2;
        for (Service svc : api.<Service>list(Kind.SERVICE, null)) {
            items.add(service(svc, dualCluster));
        }
        return items;
    }

    private static Item service(Service svc, boolean dualCluster) {
        var spec = svc.spec();
        String subject = "Service " + svc.namespace() + "/" + svc.name();
        if ("ExternalName".equals(spec.type())) {
            return new Item(true, subject, "ExternalName: no cluster IPs, no families");
        }
        String policy = spec.ipFamilyPolicy();
        List<String> fams = spec.ipFamiliesOrEmpty();
        List<String> ips = spec.clusterIPsOrEmpty();
        String shown = policy + " " + String.join(",", fams) + (ips.isEmpty() ? "" : " -> " + String.join(", ", ips));
        int expected = "SingleStack".equals(policy) ? 1 : "RequireDualStack".equals(policy) || dualCluster ? 2 : 1;
        if (fams.size() != expected) {
            return new Item(false, subject, shown + ": " + policy + " on this cluster should give " + expected
                    + " famil" + (expected == 1 ? "y" : "ies"));
        }
        boolean headless = ips.size() == 1 && "None".equals(ips.get(0));
        if (!headless) {
            if (ips.size() != fams.size()) {
                return new Item(false, subject, shown + ": one cluster IP per family expected");
            }
            for (int i = 0; i < ips.size(); i++) {
                Optional<IpFamily> f = IpParsing.parseIpSloppy(ips.get(i)).map(IpParsing::goFamily);
                if (f.isEmpty() || !f.get().name().equals(fams.get(i))) {
                    return new Item(false, subject, shown + ": clusterIPs[" + i + "] is not " + fams.get(i));
                }
            }
        }
        return new Item(true, subject, shown);
    }

    /** Exactly one IPv4 and one IPv6 entry. */
    private static Item pair(String subject, List<String> values) {
        Set<IpFamily> fams = families(values);
        String shown = values.isEmpty() ? "none" : String.join(", ", values);
        boolean pass = values.size() == 2 && fams.size() == 2;
        return new Item(pass, subject, shown + (pass ? " (one IPv4, one IPv6)"
                : values.size() > 2 ? ": more than one per family" : ": needs one IPv4 and one IPv6"));
    }

    private static Set<IpFamily> families(List<String> values) {
        Set<IpFamily> out = EnumSet.noneOf(IpFamily.class);
        for (String v : values) {
            String ip = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
            IpParsing.parseIpSloppy(ip).ifPresent(a -> out.add(IpParsing.goFamily(a)));
        }
        return out;
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        }
        return out;
    }
}
