package dev.cidrstudio.app;

import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.IpFamily;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sizing against a headroom target: room for N more Services, or for a growth in per cent of today's, per IP
 * family; when the free addresses fall short, candidate ServiceCIDR prefixes of a few sizes, each placed where it
 * overlaps nothing and the policies allow it. Also the Used% figures and the Overview's threshold warning.
 */
public final class CapacitySizing {

    /** The Overview warns for a prefix whose allocated share reaches this. */
    public static final int WARN_PERCENT = 80;

    /** How many candidate sizes to offer: the smallest that fits, and each next size up. */
    static final int CANDIDATES = 3;

    /** The target: room for {@code more} Services and for {@code growthPercent} growth of today's, both. */
    public record Headroom(long more, int growthPercent) {
        public Headroom {
            if (more < 0 || growthPercent < 0) {
                throw new IllegalArgumentException("headroom must not be negative");
            }
        }
    }

    /** A prefix that would cover the shortfall: where it fits, its length and usable size. */
    public record Candidate(String cidr, int prefixLength, BigInteger usable) {
    }

    /** The sizing of one family. */
    public record Sizing(IpFamily family, long inUse, BigInteger free, long wanted, String basis,
            BigInteger shortfall, List<Candidate> candidates) {

        public boolean fits() {
            return shortfall.signum() == 0;
        }

        /** One paragraph for the window and the CLI. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(family).append(": ").append(n(inUse)).append(" in use, ").append(n(free)).append(" free. ")
                    .append("Target: ").append(basis).append(". ");
            if (fits()) {
                sb.append("The plan has room: no new ServiceCIDR is needed.");
            } else if (candidates.isEmpty()) {
                sb.append("Short by ").append(n(shortfall)).append("; no free private prefix that large was found "
                        + "near the existing ranges.");
            } else {
                sb.append("Short by ").append(n(shortfall)).append(": add a ServiceCIDR of at least /")
                        .append(candidates.get(0).prefixLength()).append('.');
            }
            return sb.toString();
        }
    }

    private CapacitySizing() {
    }

    /** The sizing of each family the plan's ServiceCIDRs serve. */
    public static List<Sizing> size(ClusterState state, Headroom h) {
        List<Sizing> out = new ArrayList<>();
        var free = CapacityPlanner.free(state);
        for (IpFamily f : IpFamily.values()) {
            if (free.get(f).signum() > 0 || state.used(f).size() > 0) {
                out.add(size(state, f, h));
            }
        }
        return out;
    }

    public static Sizing size(ClusterState state, IpFamily family, Headroom h) {
        long inUse = state.used(family).size();
        BigInteger free = CapacityPlanner.free(state).get(family);
        long byGrowth = BigDecimal.valueOf(inUse).multiply(BigDecimal.valueOf(h.growthPercent()))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
        long wanted = Math.addExact(h.more(), byGrowth);
        String basis;
        if (h.growthPercent() > 0 && h.more() > 0) {
            basis = "room for " + n(h.more()) + " more and " + h.growthPercent() + "% growth (" + n(byGrowth)
                    + " more): " + n(wanted) + " more";
        } else if (h.growthPercent() > 0) {
            basis = h.growthPercent() + "% growth (" + n(byGrowth) + " more)";
        } else {
            basis = "room for " + n(h.more()) + " more";
        }
        BigInteger shortfall = BigInteger.valueOf(wanted).subtract(free).max(BigInteger.ZERO);
        List<Candidate> candidates = new ArrayList<>();
        if (shortfall.signum() > 0) {
            int hostBits = CapacityPlanner.hostBitsFor(family, shortfall);
            int maxHostBits = family == IpFamily.IPv4 ? 24 : 64;
            for (int b = hostBits; b <= maxHostBits && candidates.size() < CANDIDATES; b++) {
                int bits = b;
                CapacityPlanner.place(state, family, bits).ifPresent(c -> candidates.add(
                        new Candidate(c.toString(), c.prefixLength(), CapacityPlanner.usable(family, bits))));
            }
        }
        return new Sizing(family, inUse, free, wanted, basis, shortfall, List.copyOf(candidates));
    }

    /** A share as the tables print it: one decimal, "<0.1%" for a small non-zero share, "0%" for none. */
    public static String percent(BigInteger part, BigInteger whole) {
        if (whole.signum() == 0 || part.signum() == 0) {
            return "0%";
        }
        BigDecimal p = new BigDecimal(part).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(whole), 1, RoundingMode.HALF_UP);
        if (p.signum() == 0) {
            return "<0.1%";
        }
        return p.stripTrailingZeros().toPlainString() + "%";
    }

    /** The Overview's warnings: each prefix whose allocated share is at least {@link #WARN_PERCENT}. */
    public static List<String> thresholdWarnings(ClusterState state) {
        List<String> out = new ArrayList<>();
        for (CapacityReport.Row r : CapacityReport.of(state)) {
            if (r.note() != null || r.usable().signum() == 0) {
                continue;
            }
            BigInteger allocated = BigInteger.valueOf(r.allocated());
            if (allocated.multiply(BigInteger.valueOf(100)).compareTo(r.usable()
                    .multiply(BigInteger.valueOf(WARN_PERCENT))) >= 0) {
                out.add("ServiceCIDR " + r.serviceCidr() + " " + r.cidr() + " is " + percent(allocated, r.usable())
                        + " allocated (" + n(r.free()) + " free), over the " + WARN_PERCENT
                        + "% mark: see Capacity for a prefix to add");
            }
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
