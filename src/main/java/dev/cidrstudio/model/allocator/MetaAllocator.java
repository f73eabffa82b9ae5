package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The MetaAllocator of one IP family ({@code cidrallocator.go}): one {@link CidrAllocator} per distinct prefix among
 * the ServiceCIDRs of that family, shared by identical prefixes, ready when any ServiceCIDR referencing it serves.
 * It is rebuilt from the ServiceCIDR objects on demand, which is what the informer-driven original converges to.
 */
public final class MetaAllocator {

    /** One prefix: its allocator (null when Kubernetes refuses to build one), who references it, readiness. */
    public record Entry(Cidr cidr, CidrAllocator allocator, TreeSet<String> serviceCidrNames, boolean ready) {
    }

    private final IpFamily family;
    private final Map<String, Entry> entries;

    private MetaAllocator(IpFamily family, Map<String, Entry> entries) {
        this.family = family;
        this.entries = entries;
    }

    /**
     * Builds the allocator for {@code family} from the ServiceCIDRs. A shared prefix counts as ready if any
     * referencing ServiceCIDR is ready; Kubernetes gets the same answer except in an order-dependent corner case.
     */
    public static MetaAllocator build(IpFamily family, Collection<ServiceCidr> serviceCidrs) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ServiceCidr sc : serviceCidrs) {
            for (String text : sc.cidrsOrEmpty()) {
                var parsed = IpParsing.parseCidrSloppy(text);
                if (parsed.isEmpty() || IpParsing.goFamily(parsed.get().address()) != family
                        || parsed.get().address().isIpv4Mapped()) {
                    continue;
                }
                Cidr cidr = parsed.get().masked();
                String key = cidr.toString();
                Entry e = entries.get(key);
                TreeSet<String> names = e == null ? new TreeSet<>() : e.serviceCidrNames();
                names.add(sc.name());
                boolean ready = (e != null && e.ready()) || sc.servesAllocations();
                entries.put(key, new Entry(cidr, e == null ? CidrAllocator.forCidr(cidr) : e.allocator(), names,
                        ready));
            }
        }
        return new MetaAllocator(family, entries);
    }

    public IpFamily family() {
        return family;
    }

    public Collection<Entry> entries() {
        return entries.values();
    }

    /** {@code PrefixContainsIP}: inside the prefix, not its network address, not its IPv4 broadcast. */
    public static boolean prefixContainsIp(Cidr prefix, IpAddress ip) {
        if (!prefix.contains(ip) || ip.equals(prefix.network())) {
            return false;
        }
        return prefix.family() != IpFamily.IPv4 || !ip.equals(prefix.lastAddress());
    }

    /** {@code getAllocator(ip, true)} found one: a ready prefix contains the address. */
    public boolean servesAddress(IpAddress ip) {
        for (Entry e : entries.values()) {
            if (e.ready() && e.allocator() != null && prefixContainsIp(e.cidr(), ip)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code DryRun()}: "a random allocator" of the family, ready or not (the first one in Go's map order, a seeded
     * pick here); empty when there is none, which Kubernetes answers with an allocator that is never ready.
     */
    public Optional<Entry> dryRun(RandomSource random) {
        List<Entry> built = entries.values().stream().filter(e -> e.allocator() != null).toList();
        return built.isEmpty() ? Optional.empty()
                : Optional.of(built.get(random.nextInt(built.size())));
    }

    /**
     * {@code AllocateService}: the first ready allocator whose prefix contains the IP takes it. Any of them gives the
     * same answer, since they all read one store.
     */
    public void checkStatic(IpAddress ip, UsedAddressSet used) throws AllocationException {
        for (Entry e : entries.values()) {
            if (e.ready() && e.allocator() != null && prefixContainsIp(e.cidr(), ip)) {
                e.allocator().checkStatic(ip, used);
                return;
            }
        }
        throw new AllocationException(AllocatorError.MISMATCHED_NETWORK);
    }

    /**
     * {@code AllocateNextService}: try the allocators in Go's unspecified map order (a seeded shuffle here), going
     * on only past "full" and "not ready"; {@code range is full} when none can give an address.
     */
    public IpAddress next(UsedAddressSet used, RandomSource random) throws AllocationException {
        return next(used, random, ip -> { });
    }

    /** Creates the IPAddress object for an address the allocator picked; may fail as an API call can. */
    @FunctionalInterface
    public interface IpAddressCreator {
        void create(IpAddress ip) throws AllocationException;
    }

    /**
     * As {@link #next(UsedAddressSet, RandomSource)}, creating the IPAddress through {@code creator}: a failure other
     * than "full" or "not ready" aborts at once, without trying the other ServiceCIDRs
     * ({@code TestCIDRAllocateNextStopOnError}).
     */
    public IpAddress next(UsedAddressSet used, RandomSource random, IpAddressCreator creator)
            throws AllocationException {
        List<Entry> order = new ArrayList<>(entries.values());
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Entry t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        for (Entry e : order) {
            if (e.allocator() == null || !e.ready()) {
                continue;
            }
            try {
                IpAddress ip = e.allocator().next(used, random);
                creator.create(ip);
                return ip;
            } catch (AllocationException ex) {
                if (ex.error() != AllocatorError.FULL && ex.error() != AllocatorError.NOT_READY) {
                    throw ex;
                }
            }
        }
        throw new AllocationException(AllocatorError.FULL);
    }

    /** A ServiceCIDR's name with one of its prefixes, parsed once. */
    public record NamedPrefix(String serviceCidr, Cidr prefix) {
    }

    /** Every prefix of every ServiceCIDR, in ServiceCIDR order. */
    public static List<NamedPrefix> prefixes(Collection<ServiceCidr> serviceCidrs) {
        List<NamedPrefix> out = new ArrayList<>();
        for (ServiceCidr sc : serviceCidrs) {
            for (String text : sc.cidrsOrEmpty()) {
                IpParsing.parseCidrSloppy(text).ifPresent(w -> out.add(new NamedPrefix(sc.name(), w.masked())));
            }
        }
        return out;
    }

    /** {@code ContainsAddress} over prefixes parsed beforehand. */
    public static List<String> containingServiceCidrs(List<NamedPrefix> prefixes, IpAddress ip) {
        List<String> names = new ArrayList<>();
        for (NamedPrefix p : prefixes) {
            if (prefixContainsIp(p.prefix(), ip) && !names.contains(p.serviceCidr())) {
                names.add(p.serviceCidr());
            }
        }
        names.sort(null);
        return names;
    }

    /** The ServiceCIDR names whose prefixes contain the IP ({@code ContainsAddress}), sorted. */
    public static List<String> containingServiceCidrs(Collection<ServiceCidr> serviceCidrs, IpAddress ip) {
        List<String> names = new ArrayList<>();
        for (ServiceCidr sc : serviceCidrs) {
            for (String text : sc.cidrsOrEmpty()) {
                var parsed = IpParsing.parseCidrSloppy(text);
                if (parsed.isPresent() && prefixContainsIp(parsed.get().masked(), ip)) {
                    names.add(sc.name());
                    break;
                }
            }
        }
        names.sort(null);
        return names;
    }
}
