package dev.cidrstudio.app.map;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The address map of a plan: one {@link MapSpace} per ServiceCIDR prefix (IPv4 ones, then IPv6 ones), the
 * namespaces in a fixed order for their colours, and what lies at an address (its IPAddress object and Service,
 * its band). A snapshot: built from the cluster state at one moment, safe to use from any thread.
 */
public final class AddressMap {

    /** What the map says about one address. */
    public record Spot(String serviceCidr, IpAddress address, MapSpace.Band band, boolean used,
            String ipAddressObject, String namespace, String service, boolean kubernetesDefault, String overlap) {

        /** One line for a hover tip or a status bar. */
        public String describe() {
            StringBuilder sb = new StringBuilder(address.toString()).append("  ").append(switch (band) {
                case RESERVED -> "reserved (network or broadcast address)";
                case STATIC -> "static band";
                case DYNAMIC -> "dynamic band";
            });
            if (used) {
                sb.append("  IPAddress ").append(ipAddressObject == null ? address.toString() : ipAddressObject);
                if (service != null) {
                    sb.append(" -> Service ").append(namespace).append('/').append(service);
                }
            } else if (band != MapSpace.Band.RESERVED) {
                sb.append("  free");
            }
            if (kubernetesDefault) {
                sb.append("  (kubernetes.default)");
            }
            if (overlap != null) {
                sb.append("  also in ServiceCIDR ").append(overlap);
            }
            return sb.append("  [").append(serviceCidr).append(']').toString();
        }
    }

    private final ClusterState state;
    private final List<MapSpace> spaces;
    private final List<String> namespaces;

    private AddressMap(ClusterState state, List<MapSpace> spaces, List<String> namespaces) {
        this.state = state;
        this.spaces = List.copyOf(spaces);
        this.namespaces = List.copyOf(namespaces);
    }

    /** Builds the map of a state (a snapshot the caller no longer changes). */
    public static AddressMap of(ClusterState state) {
        return of(state, null);
    }

    /**
     * As {@link #of(ClusterState)}, showing only the addresses held by Services of one namespace (all when
     * {@code onlyNamespace} is null); the namespaces keep their colours.
     */
    public static AddressMap of(ClusterState state, String onlyNamespace) {
        Map<IpFamily, dev.cidrstudio.model.allocator.UsedAddressSet> used = new java.util.EnumMap<>(IpFamily.class);
        for (IpFamily f : IpFamily.values()) {
            used.put(f, onlyNamespace == null ? state.used(f) : new dev.cidrstudio.model.allocator.UsedAddressSet(f));
        }
        if (onlyNamespace != null) {
            for (IpAddressObject ip : state.<IpAddressObject>list(Kind.IP_ADDRESS)) {
                if (ip.parentRef() != null && onlyNamespace.equals(ip.parentRef().namespace())) {
                    IpParsing.parseIpSloppy(ip.name()).ifPresent(a -> used.get(a.family()).add(a));
                }
            }
        }
        List<ServiceCidr> cidrs = state.list(Kind.SERVICE_CIDR);
        List<Map.Entry<String, Cidr>> all = new ArrayList<>();
        for (ServiceCidr sc : cidrs) {
            for (String text : sc.cidrsOrEmpty()) {
                IpParsing.parseCidrSloppy(text).ifPresent(w -> all.add(Map.entry(sc.name(), w.masked())));
            }
        }
        List<IpAddress> kubernetes = state.<Service>get(Kind.SERVICE, "default", "kubernetes")
                .map(AddressMap::clusterIps).orElse(List.of());
        List<MapSpace> spaces = new ArrayList<>();
        for (IpFamily family : IpFamily.values()) {
            for (ServiceCidr sc : cidrs) {
                for (Map.Entry<String, Cidr> e : all) {
                    if (!e.getKey().equals(sc.name()) || e.getValue().family() != family) {
                        continue;
                    }
                    List<Map.Entry<String, Cidr>> others = all.stream().filter(o -> !o.getKey().equals(sc.name()))
                            .toList();
                    IpAddress k = kubernetes.stream().filter(a -> a.family() == family).findFirst().orElse(null);
                    spaces.add(MapSpace.of(sc.name(), e.getValue(), used.get(family), k, others,
                            sc.meta().beingDeleted()));
                }
            }
        }
        TreeSet<String> ns = new TreeSet<>();
        for (IpAddressObject ip : state.<IpAddressObject>list(Kind.IP_ADDRESS)) {
            if (ip.parentRef() != null && ip.parentRef().namespace() != null) {
                ns.add(ip.parentRef().namespace());
            }
        }
        return new AddressMap(state, spaces, new ArrayList<>(ns));
    }

    private static List<IpAddress> clusterIps(Service s) {
        List<IpAddress> out = new ArrayList<>();
        List<String> ips = s.spec().clusterIPs() == null ? List.of() : s.spec().clusterIPs();
        for (String ip : ips) {
            IpParsing.parseIpSloppy(ip).ifPresent(out::add);
        }
        return out;
    }

    public List<MapSpace> spaces() {
        return spaces;
    }

    /** The namespaces of the plan's allocated addresses, sorted: index i gets colour and pattern i. */
    public List<String> namespaces() {
        return namespaces;
    }

    /** The namespace of the Service holding an address, or null. */
    public String namespaceOf(IpAddress address) {
        return state.<IpAddressObject>get(Kind.IP_ADDRESS, null, address.toString())
                .map(o -> o.parentRef() == null ? null : o.parentRef().namespace()).orElse(null);
    }

    /** What is at an offset of a space. */
    public Spot spot(MapSpace space, long offset) {
        IpAddress a = space.address(offset);
        boolean used = space.isUsed(offset);
        Optional<IpAddressObject> obj = used ? state.get(Kind.IP_ADDRESS, null, a.toString()) : Optional.empty();
        String ns = obj.map(o -> o.parentRef() == null ? null : o.parentRef().namespace()).orElse(null);
        String svc = obj.map(o -> o.parentRef() == null ? null : o.parentRef().name()).orElse(null);
        return new Spot(space.serviceCidr(), a, space.band(offset), used, obj.map(KubeObject::name).orElse(null), ns,
                svc, offset == space.kubernetesOffset(), space.overlapAt(offset, offset));
    }

    /** Used and total addresses of a space, as "1,234 of 4,094 used (30.1%)". */
    public static String summary(MapSpace space) {
        java.math.BigInteger usable = java.math.BigInteger.ONE.shiftLeft(space.layout().hostBits())
                .subtract(java.math.BigInteger.valueOf(space.layout().cidr().family() == IpFamily.IPv4
                        && space.layout().hostBits() > 1 ? 2 : 1));
        String pct = usable.signum() == 0 ? "" : " (" + dev.cidrstudio.app.CapacitySizing.percent(
                java.math.BigInteger.valueOf(space.used()), usable) + ")";
        String total = usable.bitLength() > 50 ? "2^" + space.layout().hostBits() + " - 1"
                : String.format(java.util.Locale.ROOT, "%,d", usable);
        return String.format(java.util.Locale.ROOT, "%,d of %s used", space.used(), total) + pct;
    }
}
