package dev.cidrstudio.app.map;

import dev.cidrstudio.model.allocator.CidrAllocator;
import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One ServiceCIDR prefix ready to draw: its layout, a snapshot of the used addresses in it (a bitmap for up to
 * 2^26 addresses, else the sorted offsets), the reserved addresses and the KEP-3070 static band, the
 * {@code kubernetes.default} address, the ranges other ServiceCIDRs overlap, and whether it is pending deletion.
 * Built once per plan change (off the UI thread for big plans); drawing it costs what the view shows, not what the
 * prefix holds.
 */
public final class MapSpace {

    /** A range of offsets {@code [from, to]} (inclusive, unsigned) that another ServiceCIDR also covers. */
    public record Overlap(long from, long to, String serviceCidr) {
    }

    static final int DENSE_BITS = 26;

    private final String serviceCidr;
    private final MapLayout layout;
    private final long[] bits;
    private final long[] offsets;
    private final long used;
    private final long lastOffset;
    private final long staticEnd;
    private final boolean reservedLast;
    private final long kubernetesOffset;
    private final List<Overlap> overlaps;
    private final boolean pendingDeletion;
    /** Block starts per zoom level, computed on first use (see {@link MapLayout#blockStarts}). */
    private final java.util.Map<Integer, java.util.Optional<int[]>> blockStarts =
            new ConcurrentHashMap<>();

    private MapSpace(String serviceCidr, MapLayout layout, long[] bits, long[] offsets, long used, long lastOffset,
            long staticEnd, boolean reservedLast, long kubernetesOffset, List<Overlap> overlaps,
            boolean pendingDeletion) {
        this.serviceCidr = serviceCidr;
        this.layout = layout;
        this.bits = bits;
        this.offsets = offsets;
        this.used = used;
        this.lastOffset = lastOffset;
        this.staticEnd = staticEnd;
        this.reservedLast = reservedLast;
        this.kubernetesOffset = kubernetesOffset;
        this.overlaps = List.copyOf(overlaps);
        this.pendingDeletion = pendingDeletion;
    }

    /**
     * Prepares a prefix. {@code kubernetesDefault} is the cluster IP of {@code default/kubernetes} (or null);
     * {@code others} are the other ServiceCIDRs' prefixes of the same family with their names.
     */
    public static MapSpace of(String serviceCidr, Cidr cidr, UsedAddressSet usedSet, IpAddress kubernetesDefault,
            List<java.util.Map.Entry<String, Cidr>> others, boolean pendingDeletion) {
        MapLayout layout = MapLayout.of(cidr);
        int h = layout.hostBits();
        long last = h == 64 ? -1L : (1L << h) - 1;
        IpAddress first = cidr.network();
        IpAddress lastAddress = first.plus(last);
        long count = usedSet.countInRange(first, lastAddress);
        long[] bits = null;
        long[] offsets = null;
        if (h <= DENSE_BITS) {
            long[] b = new long[(int) Math.max(1, (1L << h) >>> 6)];
            usedSet.forEachInRange(first, lastAddress, o -> b[(int) (o >>> 6)] |= 1L << o);
            bits = b;
        } else {
            long[] o = new long[(int) Math.min(Integer.MAX_VALUE - 8, count)];
            int[] n = {0};
            usedSet.forEachInRange(first, lastAddress, off -> {
                if (n[0] < o.length) {
                    o[n[0]++] = off;
                }
            });
            offsets = o;
        }
        CidrAllocator a = CidrAllocator.forCidr(cidr);
        long staticEnd = a == null ? 0 : 1 + a.staticBandSize();
        long k = -1;
        if (kubernetesDefault != null && kubernetesDefault.family() == cidr.family()
                && cidr.contains(kubernetesDefault)) {
            k = kubernetesDefault.minus(first);
        }
        List<Overlap> overlaps = new java.util.ArrayList<>();
        for (var e : others) {
            Cidr o = e.getValue();
            if (o.family() != cidr.family() || !o.overlaps(cidr)) {
                continue;
            }
            if (o.containsCidr(cidr)) {
                overlaps.add(new Overlap(0, last, e.getKey()));
            } else {
                long from = o.network().minus(first);
                int oh = Math.min(64, o.family().bits() - o.prefixLength());
                long to = from + (oh == 64 ? -1L : (1L << oh) - 1);
                overlaps.add(new Overlap(from, to, e.getKey()));
            }
        }
        return new MapSpace(serviceCidr, layout, bits, offsets, count, last, staticEnd,
                cidr.family() == IpFamily.IPv4 && h > 1, k, overlaps, pendingDeletion);
    }

    public String serviceCidr() {
        return serviceCidr;
    }

    public MapLayout layout() {
        return layout;
    }

    public long used() {
        return used;
    }

    public boolean pendingDeletion() {
        return pendingDeletion;
    }

    public List<Overlap> overlaps() {
        return overlaps;
    }

    public long kubernetesOffset() {
        return kubernetesOffset;
    }

    long staticEnd() {
        return staticEnd;
    }

    boolean reservedLast() {
        return reservedLast;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** The layout's block starts at a level, or null when the level is too big to tabulate. */
    int[] blockStarts(int level) {
        return blockStarts.computeIfAbsent(level, l -> java.util.Optional.ofNullable(layout.blockStarts(l)))
                .orElse(null);
    }

    /** Whether the dense bitmap is kept (prefixes of up to 2^26 addresses). */
    boolean dense() {
        return bits != null;
    }

    long[] offsets() {
        return offsets;
    }

    /** 1 when the offset is used, else 0 (dense spaces only). */
    long bit(long offset) {
        return (bits[(int) (offset >>> 6)] >>> offset) & 1;
    }

    /** Used addresses among the {@code 4^level} starting at {@code start} (aligned). */
    long countBlock(long start, int level) {
        if (bits == null) {
            throw new IllegalStateException("sparse space");
        }
        if (level >= 3) {
            int from = (int) (start >>> 6);
            int words = 1 << (2 * level - 6);
            long n = 0;
            for (int i = 0; i < words; i++) {
                n += Long.bitCount(bits[from + i]);
            }
            return n;
        }
        int size = 1 << (2 * level);
        long mask = size == 64 ? -1L : ((1L << size) - 1) << (start & 63);
        return Long.bitCount(bits[(int) (start >>> 6)] & mask);
    }

    /** Used addresses among the offsets {@code [from, to]} (inclusive, unsigned, clipped to the prefix). */
    public long countRange(long from, long to) {
        if (Long.compareUnsigned(to, lastOffset) > 0) {
            to = lastOffset;
        }
        if (Long.compareUnsigned(from, to) > 0) {
            return 0;
        }
        if (bits != null) {
            int w0 = (int) (from >>> 6);
            int w1 = (int) (to >>> 6);
            long first = -1L << (from & 63);
            long last = (to & 63) == 63 ? -1L : (1L << ((to & 63) + 1)) - 1;
            if (w0 == w1) {
                return Long.bitCount(bits[w0] & first & last);
            }
            long n = Long.bitCount(bits[w0] & first) + Long.bitCount(bits[w1] & last);
            for (int i = w0 + 1; i < w1; i++) {
                n += Long.bitCount(bits[i]);
            }
            return n;
        }
        return upperIndex(to) - lowerIndex(from);
    }

    /** The index of the first kept offset at or above {@code v} (sparse spaces). */
    private int lowerIndex(long v) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(offsets[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The index after the last kept offset at or below {@code v} (sparse spaces). */
    private int upperIndex(long v) {
        int lo = 0;
        int hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(offsets[mid], v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first offset of the dynamic band (the static band is {@code [1, staticEnd)}). */
    public long staticBandEnd() {
        return staticEnd;
    }

    /** The prefix's last offset (unsigned; the first /64's for a longer IPv6 prefix). */
    public long lastAddressOffset() {
        return lastOffset;
    }

    /** Whether one address offset is used. */
    public boolean isUsed(long offset) {
        if (Long.compareUnsigned(offset, lastOffset) > 0) {
            return false;
        }
        if (bits != null) {
            return (bits[(int) (offset >>> 6)] & (1L << offset)) != 0;
        }
        int lo = 0;
        int hi = offsets.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Long.compareUnsigned(offsets[mid], offset);
            if (c == 0) {
                return true;
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return false;
    }

    /** What an address is, for the map's colours and the hover text. */
    public enum Band {
        /** The network address, or the IPv4 broadcast address: never allocated. */
        RESERVED,
        /** The lower band, where static (user-chosen) cluster IPs go first. */
        STATIC,
        DYNAMIC
    }

    public Band band(long offset) {
        if (offset == 0 || reservedLast && offset == lastOffset) {
            return Band.RESERVED;
        }
        return Long.compareUnsigned(offset, staticEnd) < 0 ? Band.STATIC : Band.DYNAMIC;
    }

    /** The other ServiceCIDR covering an offset, or null. */
    public String overlapAt(long from, long to) {
        for (Overlap o : overlaps) {
            if (Long.compareUnsigned(o.from(), to) <= 0 && Long.compareUnsigned(from, o.to()) <= 0) {
                return o.serviceCidr();
            }
        }
        return null;
    }

    /** The address at an offset. */
    public IpAddress address(long offset) {
        return layout.cidr().network().plus(offset);
    }
}
