package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;

/**
 * The IPAddress-based allocator of one ServiceCIDR prefix ({@code ipallocator.go}): the usable range, the KEP-3070
 * static/dynamic band split, and the random-start scan. It holds no state of its own; "used" is read from the
 * family's {@link UsedAddressSet}, exactly as the real one reads its IPAddress informer.
 */
public final class CidrAllocator {

    public static final int SHORTEST_IPV6_PREFIX = 64;

    private final Cidr cidr;
    private final IpAddress first;
    private final long size;
    private final long rangeOffset;

    private CidrAllocator(Cidr cidr) {
        this.cidr = cidr;
        this.first = cidr.network().plus(1);
        this.size = RangeMath.hostsPerNetwork(cidr);
        this.rangeOffset = RangeMath.calculateRangeOffset(cidr);
    }

    /** The message Kubernetes logs when it cannot build an allocator for a prefix, or null when it can. */
    public static String creationError(Cidr cidr) {
        if (cidr.family() == IpFamily.IPv6 && cidr.prefixLength() < SHORTEST_IPV6_PREFIX) {
            return "shortest allowed prefix length for service CIDR is 64, got " + cidr.prefixLength();
        }
        return null;
    }

    /** An allocator for the prefix, or null when Kubernetes would refuse to build one (IPv6 shorter than /64). */
    public static CidrAllocator forCidr(Cidr cidr) {
        return creationError(cidr) == null ? new CidrAllocator(cidr) : null;
    }

    public Cidr cidr() {
        return cidr;
    }

    /** Usable addresses (unsigned; 2^64 - 1 for an IPv6 /64). */
    public long usableSize() {
        return size;
    }

    /** Size of the static (lower) band. */
    public long staticBandSize() {
        return Math.min(rangeOffset, size);
    }

    public IpAddress firstAddress() {
        return first;
    }

    public IpAddress lastAddress() {
        return first.plus(size - 1);
    }

    /** First address of the dynamic (upper) band. */
    public IpAddress dynamicBandStart() {
        return first.plus(rangeOffset);
    }

    /** True when the address is allocatable here: in {@code [first, last]}. */
    public boolean inRange(IpAddress ip) {
        if (size == 0 || ip.family() != cidr.family() || !cidr.contains(ip)) {
            return false;
        }
        long off = ip.minus(first);
        return ip.compareTo(first) >= 0 && Long.compareUnsigned(off, size) < 0;
    }

    public boolean inStaticBand(IpAddress ip) {
        return inRange(ip) && Long.compareUnsigned(ip.minus(first), rangeOffset) < 0;
    }

    /** {@code AllocateService}: a static request. The band does not matter. */
    public void checkStatic(IpAddress ip, UsedAddressSet used) throws AllocationException {
        if (!inRange(ip)) {
            throw new AllocationException(AllocatorError.NOT_IN_RANGE,
                    String.format(AllocatorError.NOT_IN_RANGE.text(), ip));
        }
        if (used.contains(ip)) {
            throw new AllocationException(AllocatorError.ALLOCATED);
        }
    }

    /**
     * {@code AllocateNextService}: a random start in the upper band, scanning upward with wrap-around; then the
     * lower band the same way; {@code range is full} when both are full. The address is not marked used here.
     */
    public IpAddress next(UsedAddressSet used, RandomSource random) throws AllocationException {
        long dynamicSize = size - rangeOffset;
        if (size == 0 || Long.compareUnsigned(rangeOffset, size) >= 0) {
            throw new AllocationException(AllocatorError.FULL);
        }
        long found = scan(used, rangeOffset, dynamicSize, random.nextUnsigned(dynamicSize));
        if (found != -1) {
            return first.plus(found);
        }
        if (rangeOffset > 0) {
            found = scan(used, 0, rangeOffset, random.nextInt((int) rangeOffset));
            if (found != -1) {
                return first.plus(found);
            }
        }
        throw new AllocationException(AllocatorError.FULL);
    }

    /** Scans the band {@code [bandStart, bandStart+bandSize)} from {@code bandStart+start}, wrapping once. */
    private long scan(UsedAddressSet used, long bandStart, long bandSize, long start) {
        long bandEnd = bandStart + bandSize - 1;
        long hit = used.nextFree(first, bandStart + start, bandEnd);
        if (hit != -1 || start == 0) {
            return hit;
        }
        return used.nextFree(first, bandStart, bandStart + start - 1);
    }
}
