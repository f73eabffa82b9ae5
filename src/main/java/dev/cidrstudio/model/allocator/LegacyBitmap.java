package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;

/**
 * The legacy bitmap allocator ({@code ipallocator/bitmap.go}) over one range of {@code --service-cluster-ip-range},
 * as 1.33's dual write keeps it: the addresses it hands out are {@code [base+1, base+max]} with IPv6 capped at
 * 65535, in the same two bands as the ServiceCIDR allocator. While the dual write runs every allocation is mirrored
 * into it, so the addresses it holds are the IPAddress objects inside its window.
 */
public final class LegacyBitmap {

    /** {@code AllocationBitmap.Restore}: the range stored in etcd is not the one this apiserver was started with. */
    public static final String RANGE_MISMATCH = "the provided range does not match the current range";

    private static final int IPV6_WINDOW_PREFIX = 112;

    private final Cidr range;
    private final CidrAllocator window;

    private LegacyBitmap(Cidr range, CidrAllocator window) {
        this.range = range;
        this.window = window;
    }

    /** The bitmap of a flag range (1.33's flag checks keep it at 20 host bits at most). */
    public static LegacyBitmap forRange(Cidr range) {
        Cidr window = range.family() == IpFamily.IPv6 && range.prefixLength() < IPV6_WINDOW_PREFIX
                ? new Cidr(range.network(), IPV6_WINDOW_PREFIX) : range;
        return new LegacyBitmap(range, CidrAllocator.forCidr(window));
    }

    public Cidr range() {
        return range;
    }

    /** {@code CIDR().Contains(ip)}: the dual write touches the bitmap only for addresses of its range. */
    public boolean contains(IpAddress ip) {
        return range.contains(ip);
    }

    /** {@code AllocateNext}: a free address of the window, upper band first; {@code range is full} when none. */
    public IpAddress next(UsedAddressSet used, RandomSource random) throws AllocationException {
        if (window == null) {
            throw new AllocationException(AllocatorError.FULL);
        }
        return window.next(used, random);
    }
}
