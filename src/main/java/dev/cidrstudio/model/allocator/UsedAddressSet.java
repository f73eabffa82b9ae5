package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import java.util.Map;
import java.util.TreeMap;

/**
 * The set of addresses of one family that have an IPAddress object: the allocator's "informer cache". It is a
 * sparse bitmap of 4096-address chunks, so a range costs about one bit per address in use and nothing for the
 * untouched parts of an IPv6 /64.
 */
public final class UsedAddressSet {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int WORDS = CHUNK_SIZE / 64;

    /** Chunk key: high 64 bits of the address and the chunk number within the low 64 bits. */
    private record ChunkKey(long hi, long chunk) implements Comparable<ChunkKey> {
        @Override
        public int compareTo(ChunkKey o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(chunk, o.chunk);
        }
    }

    private final IpFamily family;
    private final TreeMap<ChunkKey, long[]> chunks = new TreeMap<>();
    private long size;
    private ChunkKey lastKey;
    private long[] lastChunk;

    public UsedAddressSet(IpFamily family) {
        this.family = family;
    }

    public IpFamily family() {
        return family;
    }

    public long size() {
        return size;
    }

    public UsedAddressSet copy() {
        UsedAddressSet c = new UsedAddressSet(family);
        for (Map.Entry<ChunkKey, long[]> e : chunks.entrySet()) {
            c.chunks.put(e.getKey(), e.getValue().clone());
        }
        c.size = size;
        return c;
    }

    private long[] chunk(long hi, long lo, boolean create) {
        ChunkKey key = new ChunkKey(hi, lo >>> CHUNK_BITS);
        if (key.equals(lastKey)) {
            return lastChunk;
        }
        long[] bits = chunks.get(key);
        if (bits == null && create) {
            bits = new long[WORDS];
            chunks.put(key, bits);
        }
        if (bits != null) {
            lastKey = key;
            lastChunk = bits;
        }
        return bits;
    }

    public boolean contains(IpAddress ip) {
        long[] bits = chunk(ip.hi(), ip.lo(), false);
        if (bits == null) {
            return false;
        }
        int i = (int) (ip.lo() & (CHUNK_SIZE - 1));
        return (bits[i >>> 6] & (1L << i)) != 0;
    }

    /** Marks the address used; false if it already was. */
    public boolean add(IpAddress ip) {
        long[] bits = chunk(ip.hi(), ip.lo(), true);
        int i = (int) (ip.lo() & (CHUNK_SIZE - 1));
        long mask = 1L << i;
        if ((bits[i >>> 6] & mask) != 0) {
            return false;
        }
        bits[i >>> 6] |= mask;
        size++;
        return true;
    }

    /** Marks the address free; false if it was not used. */
    public boolean remove(IpAddress ip) {
        long[] bits = chunk(ip.hi(), ip.lo(), false);
        if (bits == null) {
            return false;
        }
        int i = (int) (ip.lo() & (CHUNK_SIZE - 1));
        long mask = 1L << i;
        if ((bits[i >>> 6] & mask) == 0) {
            return false;
        }
        bits[i >>> 6] &= ~mask;
        size--;
        return true;
    }

    /**
     * The first free address in {@code [base+from, base+to]} (unsigned offsets, inclusive), as an offset from
     * {@code base}, or -1 when every address there is used. The range must not cross a 2^64 boundary.
     */
    public long nextFree(IpAddress base, long from, long to) {
        long hi = base.hi();
        long start = base.lo() + from;
        long end = base.lo() + to;
        long a = start;
        while (true) {
            long[] bits = chunk(hi, a, false);
            long chunkStart = a & ~((long) CHUNK_SIZE - 1);
            if (bits == null) {
                return a - base.lo();
            }
            int idx = (int) (a - chunkStart);
            for (int w = idx >>> 6; w < WORDS; w++) {
                long free = ~bits[w];
                if (w == (idx >>> 6)) {
                    free &= -1L << (idx & 63);
                }
                if (free != 0) {
                    long candidate = chunkStart + ((long) w << 6) + Long.numberOfTrailingZeros(free);
                    return Long.compareUnsigned(candidate, end) <= 0 ? candidate - base.lo() : -1;
                }
            }
            long next = chunkStart + CHUNK_SIZE;
            if (next == 0 || Long.compareUnsigned(next, end) > 0) {
                return -1;
            }
            a = next;
        }
    }

    /** How many used addresses lie in {@code [first, last]} (same high 64 bits for IPv6). */
    public long countInRange(IpAddress first, IpAddress last) {
        long hi = first.hi();
        long lo = first.lo();
        long hiEnd = last.lo();
        long count = 0;
        for (Map.Entry<ChunkKey, long[]> e : chunks.subMap(new ChunkKey(hi, lo >>> CHUNK_BITS), true,
                new ChunkKey(last.hi(), hiEnd >>> CHUNK_BITS), true).entrySet()) {
            long chunkStart = e.getKey().chunk() << CHUNK_BITS;
            long[] bits = e.getValue();
            for (int w = 0; w < WORDS; w++) {
                long word = bits[w];
                if (word == 0) {
                    continue;
                }
                long wordStart = chunkStart + ((long) w << 6);
                if (e.getKey().hi() == hi && Long.compareUnsigned(wordStart + 63, lo) < 0) {
                    continue;
                }
                if (e.getKey().hi() == last.hi() && Long.compareUnsigned(wordStart, hiEnd) > 0) {
                    continue;
                }
                for (long m = word; m != 0; m &= m - 1) {
                    long addr = wordStart + Long.numberOfTrailingZeros(m);
                    boolean afterStart = e.getKey().hi() != hi || Long.compareUnsigned(addr, lo) >= 0;
                    boolean beforeEnd = e.getKey().hi() != last.hi() || Long.compareUnsigned(addr, hiEnd) <= 0;
                    if (afterStart && beforeEnd) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    /** Approximate memory held by the bitmap, in bytes (for benchmarks and the capacity view). */
    public long bitmapBytes() {
        return (long) chunks.size() * WORDS * Long.BYTES;
    }
}
