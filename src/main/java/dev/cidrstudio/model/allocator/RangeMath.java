package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpFamily;

/**
 * The size arithmetic of Kubernetes' ClusterIP allocators, one method per Go function. Sizes that can reach
 * 2^64 - 1 are unsigned longs (read them with {@link Long#toUnsignedString(long)}).
 */
public final class RangeMath {

    /** KEP-3070: ranges of at most this many addresses are not split into bands. */
    public static final long MIN_BAND_SPLIT_SIZE = 16;
    /** KEP-3070: the static (lower) band never exceeds this many addresses. */
    public static final long MAX_STATIC_BAND = 256;
    private static final long LEGACY_IPV6_CAP = 65536;

    private RangeMath() {
    }

    /** {@code k8s.io/utils/net.RangeSize}: 2^hostBits, with its old overflow guards. */
    public static long rangeSize(Cidr cidr) {
        int h = cidr.hostBits();
        int bits = cidr.family().bits();
        if (bits == 32 && h >= 31 || bits == 128 && h >= 127) {
            return 0;
        }
        if (h >= 63) {
            return Long.MAX_VALUE;
        }
        return 1L << h;
    }

    /** {@code hostsPerNetwork} of the IPAddress-based allocator: the usable size, unsigned. */
    public static long hostsPerNetwork(Cidr cidr) {
        int h = cidr.hostBits();
        if (h >= 64) {
            return -1L; // MaxUint64
        }
        long total = 1L << h;
        if (cidr.family() == IpFamily.IPv4) {
            return Math.max(0, total - 2);
        }
        return total - 1;
    }

    /** The usable size of the legacy bitmap allocator (before 1.33, and its dual-write mirror in 1.33). */
    public static long legacyBitmapSize(Cidr cidr) {
        long max = rangeSize(cidr);
        if (cidr.family() == IpFamily.IPv6) {
            max = Math.min(max, LEGACY_IPV6_CAP);
        } else {
            max--;
        }
        max--;
        return Math.max(0, max);
    }

    /** {@code calculateRangeOffset}: the size of the static (lower) band. */
    public static long calculateRangeOffset(Cidr cidr) {
        long cidrSize = rangeSize(cidr);
        if (cidrSize <= MIN_BAND_SPLIT_SIZE) {
            return 0;
        }
        return Math.min(Math.max(MIN_BAND_SPLIT_SIZE, cidrSize / 16), MAX_STATIC_BAND);
    }
}
