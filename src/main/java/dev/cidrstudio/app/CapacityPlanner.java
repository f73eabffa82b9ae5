package dev.cidrstudio.app;

import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Namespace;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Capacity questions answered with the real allocator on a copy of the plan: what happens when N Services are
 * added, how many more fit, and which ServiceCIDR would make room (the smallest that overlaps neither the Pod range
 * nor another ServiceCIDR and that the plan's policies allow).
 */
public final class CapacityPlanner {

    private CapacityPlanner() {
    }

    /** The Services to add: how many, where, with which IP family policy (and family for single-stack). */
    public record Request(int count, String namespace, String ipFamilyPolicy, IpFamily family, String namePrefix) {
    }

    /**
     * The outcome: how many were created, where their cluster IPs landed (per ServiceCIDR prefix), and the first
     * refusal with Kubernetes' message (null when all fit). {@code state} is the copy after the run.
     */
    public record WhatIf(Request request, int created, Map<String, Integer> landed, String failedService,
            String failure, ClusterState state, boolean cancelled) {

        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (failure == null && !cancelled) {
                sb.append("All ").append(String.format(java.util.Locale.ROOT, "%,d", created)).append(" Services fit.");
            } else if (cancelled) {
                sb.append("Cancelled after ").append(created).append(" Services.");
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "%,d", created)).append(" of ")
                        .append(String.format(java.util.Locale.ROOT, "%,d", request.count()))
                        .append(" fit; the range fills up at Service ").append(request.namespace()).append('/')
                        .append(failedService).append(":\n  ").append(failure);
            }
            landed.forEach((where, n) -> sb.append("\n  ").append(String.format(java.util.Locale.ROOT, "%,6d", n))
                    .append(" in ").append(where));
            return sb.toString();
        }
    }

    /** Creates the Services one by one on a copy of the plan, through the API server (validation, policies). */
    public static WhatIf whatIf(ApiServer api, Request r, BooleanSupplier cancelled) {
        return whatIf(api, r, cancelled, n -> { });
    }

    /** As {@link #whatIf(ApiServer, Request, BooleanSupplier)}, reporting each created Service's count. */
    public static WhatIf whatIf(ApiServer api, Request r, BooleanSupplier cancelled,
            IntConsumer progress) {
        // A copy, not a transaction: the what-if runs off the UI thread and its end state is the result.
        ApiServer copy = api.fork();
        Map<String, Integer> landed = new TreeMap<>();
        List<Map.Entry<String, Cidr>> prefixes = prefixes(copy.state());
        int created = 0;
        String failedService = null;
        String failure = null;
        boolean stopped = false;
        try {
            if (copy.find(Kind.NAMESPACE, null, r.namespace()).isEmpty()) {
                copy.create(new Namespace(ObjectMeta.named(r.namespace()), null));
            }
        } catch (ApiException e) {
            return new WhatIf(r, 0, landed, r.namespace(), e.status().message(), copy.state(), false);
        }
        for (int i = 1; i <= r.count(); i++) {
            if (cancelled.getAsBoolean()) {
                stopped = true;
                break;
            }
            String name = freeName(copy, r.namespace(), r.namePrefix(), i);
            try {
                Service s = (Service) copy.create(service(r, name));
                created++;
                progress.accept(created);
                for (String ip : s.spec().clusterIPs() == null ? List.<String>of() : s.spec().clusterIPs()) {
                    landed.merge(where(prefixes, ip), 1, Integer::sum);
                }
            } catch (ApiException e) {
                failedService = name;
                failure = e.status().message();
                break;
            }
        }
        return new WhatIf(r, created, landed, failedService, failure, copy.state(), stopped);
    }

    /**
     * Adds the Services to the plan itself, through its API server: as many as fit, stopping at the first refusal.
     * Returns how many were created and the refusal, if any. When {@code cancelled} turns true it throws
     * {@link CancellationException}, so the session's edit puts the plan back.
     */
    public static WhatIf apply(ApiServer api, Request r, BooleanSupplier cancelled) {
        Map<String, Integer> landed = new TreeMap<>();
        List<Map.Entry<String, Cidr>> prefixes = prefixes(api.state());
        int created = 0;
        try {
            if (api.find(Kind.NAMESPACE, null, r.namespace()).isEmpty()) {
                api.create(new Namespace(ObjectMeta.named(r.namespace()), null));
            }
            for (int i = 1; i <= r.count(); i++) {
                if (i % 100 == 0 && cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled after " + created + " Services");
                }
                String name = freeName(api, r.namespace(), r.namePrefix(), i);
                try {
                    Service s = (Service) api.create(service(r, name));
                    created++;
                    for (String ip : s.spec().clusterIPs() == null ? List.<String>of() : s.spec().clusterIPs()) {
                        landed.merge(where(prefixes, ip), 1, Integer::sum);
                    }
                } catch (ApiException e) {
                    return new WhatIf(r, created, landed, name, e.status().message(), api.state(), false);
                }
            }
        } catch (ApiException e) {
            return new WhatIf(r, created, landed, r.namespace(), e.status().message(), api.state(), false);
        }
        return new WhatIf(r, created, landed, null, null, api.state(), false);
    }

    /** The Services of a request, as they would be submitted. */
    public static Service service(Request r, String name) {
        ServiceSpec spec = ServiceSpec.empty().withType("ClusterIP").withPorts(List.of(ServicePort.tcp(80)))
                .withIpFamilyPolicy(r.ipFamilyPolicy());
        if ("SingleStack".equals(r.ipFamilyPolicy()) && r.family() != null) {
            spec = spec.withIpFamilies(List.of(r.family().name()));
        }
        return new Service(ObjectMeta.named(r.namespace(), name), spec, List.of());
    }

    /** {@code prefix-i}, or the next free number when that name is taken. */
    public static String freeName(ApiServer api, String namespace, String prefix, int i) {
        int n = i;
        while (api.find(Kind.SERVICE, namespace, prefix + "-" + n).isPresent()) {
            n += 1_000_000;
        }
        return prefix + "-" + n;
    }

    private static List<Map.Entry<String, Cidr>> prefixes(ClusterState s) {
        List<Map.Entry<String, Cidr>> out = new ArrayList<>();
        for (ServiceCidr sc : s.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            for (String c : sc.cidrsOrEmpty()) {
                IpParsing.parseCidrSloppy(c).ifPresent(w -> out.add(Map.entry(sc.name(), w.masked())));
            }
        }
        // The allocator serves an address from the most specific prefix holding it.
        out.sort((a, b) -> Integer.compare(b.getValue().prefixLength(), a.getValue().prefixLength()));
        return out;
    }

    private static String where(List<Map.Entry<String, Cidr>> prefixes, String ip) {
        Optional<IpAddress> a = IpParsing.parseIpSloppy(ip);
        for (Map.Entry<String, Cidr> e : prefixes) {
            if (a.isPresent() && e.getValue().contains(a.get())) {
                return e.getKey() + " " + e.getValue();
            }
        }
        return "no ServiceCIDR";
    }

    /** Free addresses per family in the ServiceCIDRs that serve allocations (overlaps counted once). */
    public static Map<IpFamily, BigInteger> free(ClusterState state) {
        Map<IpFamily, BigInteger> out = new LinkedHashMap<>();
        for (IpFamily f : IpFamily.values()) {
            List<long[]> ranges = new ArrayList<>();
            for (ServiceCidr sc : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
                if (!sc.servesAllocations()) {
                    continue;
                }
                for (String c : sc.cidrsOrEmpty()) {
                    var a = IpParsing.parseCidrSloppy(c).map(w -> CidrAllocator
                            .forCidr(w.masked())).orElse(null);
                    if (a == null || a.cidr().family() != f || a.usableSize() == 0) {
                        continue;
                    }
                    // {high 64 bits, first low, last low}: an allocator never spans more than one /64.
                    ranges.add(new long[] {a.firstAddress().hi(), a.firstAddress().lo(), a.lastAddress().lo()});
                }
            }
            ranges.sort((x, y) -> x[0] != y[0] ? Long.compareUnsigned(x[0], y[0])
                    : Long.compareUnsigned(x[1], y[1]));
            BigInteger total = BigInteger.ZERO;
            long[] cur = null;
            List<long[]> merged = new ArrayList<>();
            for (long[] r : ranges) {
                if (cur != null && cur[0] == r[0] && Long.compareUnsigned(r[1], cur[2] + 1) <= 0 && cur[2] != -1L) {
                    if (Long.compareUnsigned(r[2], cur[2]) > 0) {
                        cur[2] = r[2];
                    }
                } else {
                    cur = r.clone();
                    merged.add(cur);
                }
            }
            var used = state.used(f);
            for (long[] m : merged) {
                IpAddress first = f == IpFamily.IPv4 ? IpAddress.ipv4(m[1]) : IpAddress.ipv6(m[0], m[1]);
                IpAddress last = f == IpFamily.IPv4 ? IpAddress.ipv4(m[2]) : IpAddress.ipv6(m[0], m[2]);
                BigInteger size = new BigInteger(Long.toUnsignedString(m[2] - m[1])).add(BigInteger.ONE);
                total = total.add(size.subtract(BigInteger.valueOf(used.countInRange(first, last))));
            }
            out.put(f, total);
        }
        return out;
    }

    /** How many more Services of an IP family policy fit (a dual-stack one needs an address of each family). */
    public static BigInteger moreFit(ClusterState state, String ipFamilyPolicy, IpFamily family) {
        Map<IpFamily, BigInteger> free = free(state);
        List<IpFamily> serving = new ArrayList<>();
        for (IpFamily f : IpFamily.values()) {
            if (state.<ServiceCidr>list(Kind.SERVICE_CIDR).stream().anyMatch(sc -> sc.servesAllocations()
                    && sc.cidrsOrEmpty().stream().anyMatch(c -> IpParsing.parseCidrSloppy(c)
                            .map(w -> w.masked().family() == f).orElse(false)))) {
                serving.add(f);
            }
        }
        return switch (ipFamilyPolicy) {
            case "RequireDualStack" -> serving.size() < 2 ? BigInteger.ZERO
                    : free.get(IpFamily.IPv4).min(free.get(IpFamily.IPv6));
            case "PreferDualStack" -> serving.size() < 2 ? free.get(serving.isEmpty() ? IpFamily.IPv4
                    : serving.get(0)) : free.get(IpFamily.IPv4).min(free.get(IpFamily.IPv6));
            default -> free.get(family == null ? (serving.isEmpty() ? IpFamily.IPv4 : serving.get(0)) : family);
        };
    }

    /** A suggested ServiceCIDR: the prefix, its usable size, and why it was chosen. */
    public record Suggestion(String cidr, BigInteger usable, String reason) {
    }

    /**
     * The smallest prefix of a family with room for {@code needed} more addresses that overlaps neither the
     * cluster's Pod range nor any ServiceCIDR, is private (RFC 1918 or ULA), and that the plan's policies allow;
     * empty when none is found near the existing ranges.
     */
    public static Optional<Suggestion> suggest(ClusterState state, IpFamily family, long needed) {
        int hostBits = hostBitsFor(family, BigInteger.valueOf(needed));
        if (family == IpFamily.IPv4 && hostBits > 24 || family == IpFamily.IPv6 && hostBits > 64) {
            return Optional.empty();
        }
        return place(state, family, hostBits).map(c -> new Suggestion(c.toString(), usable(family, hostBits),
                "the smallest prefix with room for " + String.format(java.util.Locale.ROOT, "%,d", needed)
                        + " more; it overlaps neither the Pod range, a Node's pod range nor another ServiceCIDR, "
                        + "and the plan's policies allow it"));
    }

    /** The fewest host bits whose prefix has {@code needed} usable addresses. */
    static int hostBitsFor(IpFamily family, BigInteger needed) {
        int hostBits = 1;
        while (usable(family, hostBits).compareTo(needed) < 0 && hostBits < family.bits()) {
            hostBits++;
        }
        return hostBits;
    }

    /**
     * The first prefix with this many host bits, searched from the existing ranges and then the private blocks,
     * that overlaps neither the Pod range, a Node's pod range nor a ServiceCIDR, draws no warning, and that the
     * plan's policies allow.
     */
    static Optional<Cidr> place(ClusterState state, IpFamily family, int hostBits) {
        int prefix = family.bits() - hostBits;
        List<Cidr> taken = new ArrayList<>();
        for (String p : ServiceCidrEditor.cidrs(state.settings().clusterCIDR() == null ? ""
                : state.settings().clusterCIDR())) {
            IpParsing.parseCidrSloppy(p).ifPresent(w -> taken.add(w.masked()));
        }
        // The plan's Nodes' pod ranges (normally inside clusterCIDR, but a Node object may say otherwise).
        for (var k : state.kept()) {
            if ("Node".equals(k.kind()) && k.content().get("spec") instanceof Map<?, ?> spec
                    && spec.get("podCIDRs") instanceof List<?> podCidrs) {
                for (Object p : podCidrs) {
                    IpParsing.parseCidrSloppy(String.valueOf(p)).ifPresent(w -> taken.add(w.masked()));
                }
            }
        }
        List<Cidr> existing = new ArrayList<>();
        for (ServiceCidr sc : state.<ServiceCidr>list(Kind.SERVICE_CIDR)) {
            for (String c : sc.cidrsOrEmpty()) {
                IpParsing.parseCidrSloppy(c).ifPresent(w -> {
                    taken.add(w.masked());
                    existing.add(w.masked());
                });
            }
        }
        List<IpAddress> starts = new ArrayList<>();
        existing.sort(java.util.Comparator.naturalOrder());
        for (Cidr e : existing) {
            if (e.family() == family) {
                starts.add(Cidr.containing(e.network(), Math.min(prefix, e.prefixLength())).network());
            }
        }
        starts.add(IpParsing.parseIpSloppy(family == IpFamily.IPv4 ? "10.96.0.0" : "fd00:10:96::").orElseThrow());
        starts.add(IpParsing.parseIpSloppy(family == IpFamily.IPv4 ? "10.0.0.0" : "fd00::").orElseThrow());
        starts.add(IpParsing.parseIpSloppy(family == IpFamily.IPv4 ? "172.16.0.0" : "fd00::").orElseThrow());
        starts.add(IpParsing.parseIpSloppy(family == IpFamily.IPv4 ? "192.168.0.0" : "fd00::").orElseThrow());
        for (IpAddress start : starts) {
            Cidr c = Cidr.containing(start, prefix);
            for (int i = 0; i < 20_000; i++) {
                Cidr candidate = c;
                boolean free = taken.stream().noneMatch(t -> t.overlaps(candidate));
                if (free && ServiceCidrEditor.warnings(state, "suggested", List.of(candidate.toString())).isEmpty()) {
                    var verdict = PolicyWorkbench.serviceCidr(state, "suggested", List.of(candidate.toString()));
                    if (verdict.outcome() == PolicyWorkbench.Outcome.ALLOWED
                            || verdict.outcome() == PolicyWorkbench.Outcome.WARNING) {
                        return Optional.of(candidate);
                    }
                }
                IpAddress next = c.network().plus(1L << Math.min(63, hostBits));
                if (next.compareTo(c.network()) <= 0) {
                    break;
                }
                c = Cidr.containing(next, prefix);
            }
        }
        return Optional.empty();
    }

    static BigInteger usable(IpFamily family, int hostBits) {
        BigInteger size = BigInteger.ONE.shiftLeft(hostBits);
        return size.subtract(BigInteger.valueOf(family == IpFamily.IPv4 && hostBits > 1 ? 2 : 1));
    }
}
