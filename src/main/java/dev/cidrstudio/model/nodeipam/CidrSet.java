package dev.cidrstudio.model.nodeipam;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import java.util.BitSet;

/**
 * kube-controller-manager's {@code cidrset.CidrSet}: the node blocks of one cluster CIDR as a bitmap, block
 * {@code i} being the {@code i}-th prefix of the node mask size inside the cluster CIDR. Blocks are handed out
 * round-robin from {@code nextCandidate}, so a released block is only handed out again once the allocator has gone
 * round. Nothing here is per address: a node block is an index.
 */
public final class CidrSet {

    /**
     * {@code clusterSubnetMaxDiff}: an IPv6 node mask may be at most 16 bits longer than the cluster mask (the
     * uncompressed bitmap); IPv4 has no such limit.
     */
    public static final int CLUSTER_SUBNET_MAX_DIFF = 16;

    /** {@code ErrCIDRRangeNoCIDRsRemaining}. */
    public static final String ERR_CIDR_RANGE_NO_CIDRS_REMAINING =
            "CIDR allocation failed; there are no remaining CIDRs left to allocate in the accepted range";
    /** {@code ErrCIDRSetSubNetTooBig}. */
    public static final String ERR_CIDR_SET_SUB_NET_TOO_BIG = "New CIDR set failed; the node CIDR size is too big";

    private final Cidr clusterCidr;
    private final int nodeMaskSize;
    private final long maxCidrs;
    private int allocatedCidrs;
    private int nextCandidate;
    private final BitSet used;

    private CidrSet(Cidr clusterCidr, int nodeMaskSize, long maxCidrs, int allocated, int next, BitSet used) {
        this.clusterCidr = clusterCidr;
        this.nodeMaskSize = nodeMaskSize;
        this.maxCidrs = maxCidrs;
        this.allocatedCidrs = allocated;
        this.nextCandidate = next;
        this.used = used;
    }

    /**
     * {@code NewCIDRSet}: the cluster CIDR (host bits already cleared, as Go's parser returns it) and the node mask
     * size. The caller has checked that the node mask is not shorter than the cluster mask.
     */
    public static CidrSet newCidrSet(Cidr clusterCidr, int nodeMaskSize) throws NodeIpamException {
        int diff = nodeMaskSize - clusterCidr.prefixLength();
        if (clusterCidr.family() == IpFamily.IPv6 && diff > CLUSTER_SUBNET_MAX_DIFF) {
            throw new NodeIpamException(ERR_CIDR_SET_SUB_NET_TOO_BIG);
        }
        if (diff < 0 || nodeMaskSize > clusterCidr.family().bits()) {
            throw new IllegalArgumentException("node mask /" + nodeMaskSize + " does not fit " + clusterCidr);
        }
        return new CidrSet(clusterCidr, nodeMaskSize, 1L << diff, 0, 0, new BitSet());
    }

    /** An independent copy (the simulation keeps allocator states as values and changes copies). */
    public CidrSet copy() {
        return new CidrSet(clusterCidr, nodeMaskSize, maxCidrs, allocatedCidrs, nextCandidate, (BitSet) used.clone());
    }

    public Cidr clusterCidr() {
        return clusterCidr;
    }

    public int nodeMaskSize() {
        return nodeMaskSize;
    }

    /** How many node blocks the cluster CIDR holds. */
    public long maxCidrs() {
        return maxCidrs;
    }

    /** How many node blocks are taken (allocated, occupied by Nodes, or filtered out for the Service range). */
    public int allocatedCidrs() {
        return allocatedCidrs;
    }

    /** Where the next search for a free block starts. */
    public int nextCandidate() {
        return nextCandidate;
    }

    public boolean isUsed(long index) {
        return index >= 0 && index < maxCidrs && index <= Integer.MAX_VALUE && used.get((int) index);
    }

    /**
     * {@code AllocateNext}: the first free block from {@code nextCandidate} on, wrapping round; the next search
     * starts after it.
     */
    public Cidr allocateNext() throws NodeIpamException {
        if (allocatedCidrs == maxCidrs) {
            throw new NodeIpamException(ERR_CIDR_RANGE_NO_CIDRS_REMAINING);
        }
        int candidate = used.nextClearBit(nextCandidate);
        if (candidate >= maxCidrs) {
            candidate = used.nextClearBit(0);
        }
        nextCandidate = (int) ((candidate + 1L) % maxCidrs);
        used.set(candidate);
        allocatedCidrs++;
        return indexToCidrBlock(candidate);
    }

    /** {@code Occupy}: marks every block the prefix touches as taken; taking a taken block again is no change. */
    public void occupy(Cidr cidr) throws NodeIpamException {
        int[] range = getBeginningAndEndIndices(cidr);
        int from = range[0];
        int to = range[1] + 1;
        allocatedCidrs += (to - from) - used.get(from, to).cardinality();
        used.set(from, to);
    }

    /** {@code Release}: frees every block the prefix touches; freeing a free block is no change. */
    public void release(Cidr cidr) throws NodeIpamException {
        int[] range = getBeginningAndEndIndices(cidr);
        int from = range[0];
        int to = range[1] + 1;
        allocatedCidrs -= used.get(from, to).cardinality();
        used.clear(from, to);
    }

    /**
     * {@code getBeginningAndEndIndices}: the first and last block a prefix touches; all of them when it is as large
     * as the cluster CIDR or larger.
     */
    int[] getBeginningAndEndIndices(Cidr cidr) throws NodeIpamException {
        boolean inRange = cidr.family() == clusterCidr.family()
                && (clusterCidr.contains(Cidr.containing(cidr.network(), clusterCidr.prefixLength()).network())
                || cidr.contains(Cidr.containing(clusterCidr.network(), cidr.prefixLength()).network()));
        if (!inRange) {
            throw new NodeIpamException("cidr " + cidr + " is out the range of cluster cidr " + clusterCidr);
        }
        int begin = 0;
        long end = maxCidrs - 1;
        if (clusterCidr.prefixLength() < cidr.prefixLength()) {
            begin = getIndexForIp(Cidr.containing(cidr.network(), nodeMaskSize).network());
            end = getIndexForIp(Cidr.containing(cidr.lastAddress(), nodeMaskSize).network());
        }
        return new int[] {begin, checkedIndex(end)};
    }

    /** {@code getIndexForIP}: the block an address falls in. */
    int getIndexForIp(IpAddress ip) throws NodeIpamException {
        long index;
        if (ip.family() == IpFamily.IPv4) {
            long x = (clusterCidr.network().lo() ^ ip.lo()) & 0xFFFF_FFFFL;
            index = shr(x, 32 - nodeMaskSize);
            if (index >= maxCidrs) {
                throw new NodeIpamException("CIDR: " + ip + "/" + nodeMaskSize
                        + " is out of the range of CIDR allocator");
            }
        } else {
            long hi = clusterCidr.network().hi() ^ ip.hi();
            long lo = clusterCidr.network().lo() ^ ip.lo();
            int shift = 128 - nodeMaskSize;
            // Go's big.Int shift, then Uint64(): the low 64 bits of the result.
            index = shift >= 64 ? shr(hi, shift - 64) : shr(lo, shift) | shl(hi, 64 - shift);
            if (Long.compareUnsigned(index, maxCidrs) >= 0) {
                throw new NodeIpamException("CIDR: " + ip + "/" + nodeMaskSize
                        + " is out of the range of CIDR allocator");
            }
        }
        return checkedIndex(index);
    }

    /** {@code indexToCIDRBlock}: the {@code index}-th node block, as Go computes it. */
    public Cidr indexToCidrBlock(long index) {
        IpAddress base = clusterCidr.network();
        if (base.family() == IpFamily.IPv4) {
            long j = shl(index, 32 - nodeMaskSize) & 0xFFFF_FFFFL;
            return new Cidr(IpAddress.ipv4(base.lo() | j), nodeMaskSize);
        }
        long left = base.hi();
        long right = base.lo();
        if (nodeMaskSize <= 64) {
            left |= shl(index, 64 - nodeMaskSize);
        } else {
            if (clusterCidr.prefixLength() < 64) {
                int btl = nodeMaskSize - 64;
                int indexMaxBit = 64 - Long.numberOfLeadingZeros(index);
                if (indexMaxBit > btl) {
                    left |= shr(index, btl);
                }
            }
            right |= shl(index, 128 - nodeMaskSize);
        }
        return Cidr.containing(IpAddress.ipv6(left, right), nodeMaskSize);
    }

    private static int checkedIndex(long index) {
        if (index > Integer.MAX_VALUE) {
            throw new IllegalStateException("node block index beyond the simulation's bitmap");
        }
        return (int) index;
    }

    /** Go's shifts: by 64 or more, nothing is left. */
    private static long shl(long v, int n) {
        return n >= 64 ? 0 : v << n;
    }

    private static long shr(long v, int n) {
        return n >= 64 ? 0 : v >>> n;
    }
}
