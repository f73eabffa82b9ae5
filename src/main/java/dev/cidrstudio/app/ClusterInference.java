package dev.cidrstudio.app;

import dev.cidrstudio.io.manifest.Decoded;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster settings for a dump that comes without a Cluster document: the {@code kubernetes} ServiceCIDR names the
 * apiserver's range; failing that, the smallest prefix holding every Service IP of a family stands in for it.
 */
public final class ClusterInference {

    /** The settings, and a note saying where they came from (null when nothing was inferred). */
    public record Inferred(ClusterSettings settings, String note) {
    }

    private ClusterInference() {
    }

    public static Inferred infer(List<Decoded> docs) {
        ClusterSettings base = ClusterSettings.defaults().withClusterDNS(ClusterSettings.DNS_NONE);
        List<KubeObject> objects = new ArrayList<>();
        for (Decoded d : docs) {
            if (d instanceof Decoded.Object o) {
                objects.add(o.object());
            }
        }
        for (KubeObject o : objects) {
            if (o instanceof ServiceCidr sc && ServiceCidr.DEFAULT_NAME.equals(sc.name()) && !sc.cidrsOrEmpty().isEmpty()) {
                String range = String.join(",", sc.cidrsOrEmpty());
                return new Inferred(base.withServiceClusterIPRange(range), "serviceClusterIPRange " + range
                        + " taken from the imported \"kubernetes\" ServiceCIDR");
            }
        }
        Map<IpFamily, Cidr> span = new EnumMap<>(IpFamily.class);
        Map<IpFamily, IpAddress> lowest = new EnumMap<>(IpFamily.class);
        Map<IpFamily, IpAddress> highest = new EnumMap<>(IpFamily.class);
        IpFamily primary = null;
        for (KubeObject o : objects) {
            if (!(o instanceof Service s)) {
                continue;
            }
            for (String text : s.spec().clusterIPsOrEmpty()) {
                var ip = IpParsing.parseIpSloppy(text);
                if (ip.isEmpty()) {
                    continue;
                }
                IpAddress a = ip.get().isIpv4Mapped() ? IpAddress.ipv4(ip.get().lo() & 0xFFFF_FFFFL) : ip.get();
                span.merge(a.family(), Cidr.containing(a, a.family().bits()), ClusterInference::widen);
                lowest.merge(a.family(), a, (x, y) -> x.compareTo(y) <= 0 ? x : y);
                highest.merge(a.family(), a, (x, y) -> x.compareTo(y) >= 0 ? x : y);
                if ("default".equals(s.namespace()) && "kubernetes".equals(s.name()) && primary == null) {
                    primary = a.family();
                }
            }
        }
        if (span.isEmpty()) {
            return new Inferred(ClusterSettings.defaults(), null);
        }
        if (primary == null) {
            primary = span.containsKey(IpFamily.IPv4) ? IpFamily.IPv4 : IpFamily.IPv6;
        }
        List<String> ranges = new ArrayList<>();
        for (IpFamily f : span.containsKey(primary.other()) ? List.of(primary, primary.other()) : List.of(primary)) {
            ranges.add(allocatable(atLeastEight(span.get(f)), lowest.get(f), highest.get(f)).toString());
        }
        String range = String.join(",", ranges);
        return new Inferred(base.withServiceClusterIPRange(range), "serviceClusterIPRange " + range
                + " inferred from the Services' cluster IPs (the import has no \"kubernetes\" ServiceCIDR; put the "
                + "real value in a Cluster document)");
    }

    /**
     * The settings a new, untouched plan should take before this import, when the import says its cluster's Service
     * range differs: the {@code kubernetes} ServiceCIDR's range, or (without one) the range inferred from the
     * Services' IPs when some of them lie outside the plan's range. Every apiserver gets the one flag.
     */
    public static java.util.Optional<Inferred> forNewPlan(List<Decoded> docs, ClusterSettings current) {
        Inferred inferred = infer(docs);
        if (inferred.note() == null) {
            return java.util.Optional.empty();
        }
        String range = inferred.settings().serviceClusterIPRange();
        boolean fromObject = inferred.note().contains("taken from");
        if (range.equals(current.serviceClusterIPRange()) && current.apiServers().stream()
                .allMatch(a -> a.serviceClusterIPRange() == null || a.serviceClusterIPRange().equals(range))) {
            return java.util.Optional.empty();
        }
        if (!fromObject && allInside(docs, current.serviceClusterIPRange())) {
            return java.util.Optional.empty();
        }
        List<ClusterSettings.ApiServerSetting> servers = current.apiServers().stream()
                .map(a -> new ClusterSettings.ApiServerSetting(a.name(), null)).toList();
        ClusterSettings adopted = current.withServiceClusterIPRange(range).withApiServers(servers);
        return java.util.Optional.of(new Inferred(adopted, "the new plan's kube-apiserver"
                + (servers.size() > 1 ? "s now run" : " now runs") + " with --service-cluster-ip-range=" + range
                + " (was " + current.serviceClusterIPRange() + "): " + inferred.note()));
    }

    private static boolean allInside(List<Decoded> docs, String ranges) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String r : ranges.split(",")) {
            IpParsing.parseCidr(r.trim()).ifPresent(cidrs::add);
        }
        for (Decoded d : docs) {
            if (d instanceof Decoded.Object o && o.object() instanceof Service s) {
                for (String text : s.spec().clusterIPsOrEmpty()) {
                    var ip = IpParsing.parseIpSloppy(text);
                    if (ip.isPresent() && cidrs.stream().noneMatch(c -> c.contains(ip.get()))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The smallest prefix holding both. */
    static Cidr widen(Cidr a, Cidr b) {
        int len = Math.min(a.prefixLength(), b.prefixLength());
        while (len > 0 && !Cidr.containing(a.network(), len).contains(b.network())) {
            len--;
        }
        return Cidr.containing(a.network(), len);
    }

    /**
     * The usual default range when it holds every address; else the prefix widened until no Service IP is an
     * address the allocator keeps back (the network address, and for IPv4 the broadcast address).
     */
    static Cidr allocatable(Cidr c, IpAddress low, IpAddress high) {
        if (c.family() == IpFamily.IPv4 && USUAL_IPV4.containsCidr(c)) {
            return USUAL_IPV4;
        }
        int len = c.prefixLength();
        Cidr r = c;
        while (len > 0 && (r.network().equals(low)
                || (c.family() == IpFamily.IPv4 && r.lastAddress().equals(high)))) {
            len--;
            r = Cidr.containing(c.network(), len);
        }
        return r;
    }

    private static final Cidr USUAL_IPV4 = Cidr.containing(IpAddress.ipv4(0x0A60_0000L), 12);

    /** kube-apiserver wants at least 8 addresses. */
    private static Cidr atLeastEight(Cidr c) {
        int max = c.family().bits() - 3;
        return c.prefixLength() > max ? Cidr.containing(c.network(), max) : c;
    }
}
