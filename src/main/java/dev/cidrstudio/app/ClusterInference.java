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
        ranges.add(atLeastEight(span.get(primary)).toString());
        if (span.containsKey(primary.other())) {
            ranges.add(atLeastEight(span.get(primary.other())).toString());
        }
        String range = String.join(",", ranges);
        return new Inferred(base.withServiceClusterIPRange(range), "serviceClusterIPRange " + range
                + " inferred from the Services' cluster IPs (the import has no \"kubernetes\" ServiceCIDR; put the "
                + "real value in a Cluster document)");
    }

    /** The smallest prefix holding both. */
    static Cidr widen(Cidr a, Cidr b) {
        int len = Math.min(a.prefixLength(), b.prefixLength());
        while (len > 0 && !Cidr.containing(a.network(), len).contains(b.network())) {
            len--;
        }
        return Cidr.containing(a.network(), len);
    }

    /** kube-apiserver wants at least 8 addresses. */
    private static Cidr atLeastEight(Cidr c) {
        int max = c.family().bits() - 3;
        return c.prefixLength() > max ? Cidr.containing(c.network(), max) : c;
    }
}
