package dev.cidrstudio.model.hosts;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.model.field.FieldError;
import dev.cidrstudio.model.field.GoValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/** Pod addresses: what a fresh node hands its first Pod, and the kubelet's {@code sortPodIPs} for status and env. */
public final class PodAddresses {

    private PodAddresses() {
    }

    /**
     * The first node's pod CIDRs: the first block of each {@code --cluster-cidr} entry, one per family, in flag order.
     */
    public static List<Cidr> firstNodePodCidrs(List<Cidr> clusterCidrs, int maskIpv4, int maskIpv6) {
        List<Cidr> out = new ArrayList<>();
        for (Cidr c : clusterCidrs) {
            int mask = c.family() == IpFamily.IPv4 ? maskIpv4 : maskIpv6;
            out.add(new Cidr(c.network(), Math.max(mask, c.prefixLength())));
        }
        return out;
    }

    /**
     * The pod CIDRs the range allocator gives the node with index {@code index}: the index-th block of each
     * {@code --cluster-cidr} entry (nodes are served in order from an empty cluster).
     */
    public static List<Cidr> nodePodCidrs(List<Cidr> clusterCidrs, int maskIpv4, int maskIpv6, int index) {
        List<Cidr> out = new ArrayList<>();
        for (Cidr c : firstNodePodCidrs(clusterCidrs, maskIpv4, maskIpv6)) {
            int width = c.family() == IpFamily.IPv4 ? 32 : 128;
            int hostBits = width - c.prefixLength();
            IpAddress base = c.network();
            IpAddress start = hostBits >= 64
                    ? IpAddress.ipv6(base.hi() + ((long) index << (hostBits - 64)), base.lo())
                    : base.plus((long) index << hostBits);
            out.add(new Cidr(start, c.prefixLength()));
        }
        return out;
    }

    /** The first Pod's addresses on a node: host-local IPAM skips the network address and the gateway (.1). */
    public static List<String> firstPodIps(List<Cidr> nodePodCidrs) {
        List<String> out = new ArrayList<>();
        for (Cidr c : nodePodCidrs) {
            out.add(c.network().plus(2).toString());
        }
        return out;
    }

    /**
     * {@code sortPodIPs}: the first IP of the node's primary family, then the first of the other family; everything
     * else dropped; each re-printed in canonical form. Unparseable IPs are skipped.
     */
    public static List<String> statusPodIps(List<String> criIps, IpFamily nodePrimary) {
        Optional<IpAddress> primary = Optional.empty();
        Optional<IpAddress> secondary = Optional.empty();
        for (String s : criIps) {
            Optional<IpAddress> ip = IpParsing.parseIpSloppy(s);
            if (ip.isEmpty()) {
                continue;
            }
            boolean isPrimary = IpParsing.goFamily(ip.get()) == nodePrimary;
            if (isPrimary && primary.isEmpty()) {
                primary = ip;
            } else if (!isPrimary && secondary.isEmpty()) {
                secondary = ip;
            }
        }
        List<String> out = new ArrayList<>();
        primary.ifPresent(ip -> out.add(canonical(ip)));
        secondary.ifPresent(ip -> out.add(canonical(ip)));
        return out;
    }

    private static String canonical(IpAddress ip) {
        return ip.isIpv4Mapped() ? IpAddress.ipv4(ip.lo() & 0xffffffffL).toString() : ip.toString();
    }
    /** {@code validatePodIPs}: each a valid IP, no duplicates, at most one per family. */
    public static List<FieldError> validateStatusPodIps(List<String> ips) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<Object> families = new HashSet<>();
        for (int i = 0; i < ips.size(); i++) {
            String ip = ips.get(i);
            Optional<IpAddress> parsed = IpParsing.parseIpSloppy(ip);
            if (parsed.isEmpty()) {
                errs.add(FieldError.invalidString("status.podIPs[" + i + "]", ip, IpParsing.INVALID_IP));
                continue;
            }
            if (!seen.add(ip)) {
                errs.add(FieldError.duplicate("status.podIPs[" + i + "]", new GoValue.Rendered("core.PodIP{IP:"
                        + GoValue.quote(ip) + "}", "{\"IP\":" + GoValue.json(ip, true) + "}")));
            }
            families.add(IpParsing.goFamily(parsed.get()));
        }
        if (errs.isEmpty() && ips.size() > 1 && (ips.size() > 2 || families.size() < 2)) {
            StringBuilder v = new StringBuilder("[]core.PodIP{");
            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < ips.size(); i++) {
                v.append(i > 0 ? ", " : "").append("core.PodIP{IP:").append(GoValue.quote(ips.get(i))).append('}');
                json.append(i > 0 ? "," : "").append("{\"IP\":").append(GoValue.json(ips.get(i), true)).append('}');
            }
            errs.add(FieldError.invalid("status.podIPs", new GoValue.Rendered(v.append('}').toString(),
                    json.append(']').toString()),
                    "may specify no more than one IP for each IP family"));
        }
        return errs;
    }

}
