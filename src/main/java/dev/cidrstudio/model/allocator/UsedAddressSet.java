package dev.cidrstudio.model.allocator;

import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The set of addresses of one family that have an IPAddress object: the allocator's "informer cache". Addresses
 * are grouped in chunks of 4096; a chunk with few addresses keeps a short sorted list, a fuller one becomes a
 * bitmap. A filled range costs about one bit per address, a few scattered addresses in an IPv6 /64 a few bytes
 * each, and untouched space nothing.
 */
public final class UsedAddressSet {

    private static final int CHUNK_BITS = 12;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int WORDS = CHUNK_SIZE / 64;
    /** A sparse chunk turns into a bitmap when it would need as many bytes as the bitmap's 512 / 4. */
    private static final int SPARSE_LIMIT = 64;

    /** Chunk key: high 64 bits of the address and the chunk number within the low 64 bits. */
    private record ChunkKey(long hi, long chunk) implements Comparable<ChunkKey> {
        @Override
        public int compareTo(ChunkKey o) {
            int c = Long.compareUnsigned(hi, o.hi);
            return c != 0 ? c : Long.compareUnsigned(chunk, o.chunk);
        }
    }

    /** The used offsets of one chunk: sorted shorts while few, a 4096-bit bitmap once many. */
    private static final class Chunk {
        long[] bits;
        short[] sparse = new short[4];
        int count;

        Chunk copy() {
            Chunk c = new Chunk();
            c.bits = bits == null ? null : bits.clone();
            c.sparse = sparse == null ? null : sparse.clone();
            c.count = count;
            return c;
        }

        private int find(int i) {
            return Arrays.binarySearch(sparse, 0, count, (short) i);
        }

        boolean contains(int i) {
            if (bits != null) {
                return (bits[i >>> 6] & (1L << i)) != 0;
            }
            return find(i) >= 0;
        }

        boolean add(int i) {
            if (bits != null) {
                long mask = 1L << i;
                if ((bits[i >>> 6] & mask) != 0) {
                    return false;
                }
                bits[i >>> 6] |= mask;
                count++;
                return true;
            }
            int pos = find(i);
            if (pos >= 0) {
                return false;
            }
            if (count == SPARSE_LIMIT) {
                bits = new long[WORDS];
                for (int k = 0; k < count; k++) {
                    int o = sparse[k];
                    bits[o >>> 6] |= 1L << o;
                }
                sparse = null;
                return add(i);
            }
            int at = -pos - 1;
            if (count == sparse.length) {
                sparse = Arrays.copyOf(sparse, Math.min(SPARSE_LIMIT, sparse.length * 2));
            }
            System.arraycopy(sparse, at, sparse, at + 1, count - at);
            sparse[at] = (short) i;
            count++;
            return true;
        }

        boolean remove(int i) {
            if (bits != null) {
                long mask = 1L << i;
                if ((bits[i >>> 6] & mask) == 0) {
                    return false;
                }
                bits[i >>> 6] &= ~mask;
                count--;
                return true;
            }
            int pos = find(i);
            if (pos < 0) {
                return false;
            }
            System.arraycopy(sparse, pos + 1, sparse, pos, count - pos - 1);
            count--;
            return true;
        }

        /** The first free offset at or after {@code from} in this chunk, or -1. */
        int nextFree(int from) {
            if (bits != null) {
                for (int w = from >>> 6; w < WORDS; w++) {
                    long free = ~bits[w];
                    if (w == (from >>> 6)) {
                        free &= -1L << (from & 63);
                    }
                    if (free != 0) {
                        return (w << 6) + Long.numberOfTrailingZeros(free);
                    }
                }
                return -1;
            }
            int candidate = from;
            int pos = find(from);
            int k = pos >= 0 ? pos : -pos - 1;
            while (k < count && sparse[k] == candidate) {
                candidate++;
                k++;
            }
            return candidate < CHUNK_SIZE ? candidate : -1;
        }

        /** Used offsets in {@code [from, to]}. */
        long count(int from, int to) {
            if (bits != null) {
                long n = 0;
                for (int w = from >>> 6; w <= to >>> 6; w++) {
                    long word = bits[w];
                    if (w == (from >>> 6)) {
                        word &= -1L << (from & 63);
                    }
                    if (w == (to >>> 6) && (to & 63) != 63) {
                        word &= (1L << ((to & 63) + 1)) - 1;
                    }
                    n += Long.bitCount(word);
                }
                return n;
            }
            long n = 0;
            for (int k = 0; k < count; k++) {
                if (sparse[k] >= from && sparse[k] <= to) {
                    n++;
                }
            }
            return n;
        }

        long bytes() {
            return bits != null ? (long) WORDS * Long.BYTES : (long) sparse.length * Short.BYTES;
        }
    }

    private final IpFamily family;
    private final TreeMap<ChunkKey, Chunk> chunks = new TreeMap<>();
    private long size;
    private ChunkKey lastKey;
    private Chunk lastChunk;

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
        for (Map.Entry<ChunkKey, Chunk> e : chunks.entrySet()) {
            c.chunks.put(e.getKey(), e.getValue().copy());
        }
        c.size = size;
        return c;
    }

    private Chunk chunk(long hi, long lo, boolean create) {
        ChunkKey key = new ChunkKey(hi, lo >>> CHUNK_BITS);
        if (key.equals(lastKey)) {
            return lastChunk;
        }
        Chunk c = chunks.get(key);
        if (c == null && create) {
            c = new Chunk();
            chunks.put(key, c);
        }
        if (c != null) {
            lastKey = key;
            lastChunk = c;
        }
        return c;
    }

    private static int offset(long lo) {
        return (int) (lo & (CHUNK_SIZE - 1));
    }

    public boolean contains(IpAddress ip) {
        Chunk c = chunk(ip.hi(), ip.lo(), false);
        return c != null && c.contains(offset(ip.lo()));
    }

    /** Marks the address used; false if it already was. */
    public boolean add(IpAddress ip) {
        boolean added = chunk(ip.hi(), ip.lo(), true).add(offset(ip.lo()));
        if (added) {
            size++;
        }
        return added;
    }

    /** Marks the address free; false if it was not used. */
    public boolean remove(IpAddress ip) {
        Chunk c = chunk(ip.hi(), ip.lo(), false);
        if (c == null || !c.remove(offset(ip.lo()))) {
            return false;
        }
        size--;
        return true;
    }

    /**
     * The first free address in {@code [base+from, base+to]} (unsigned offsets, inclusive), as an offset from
     * {@code base}, or -1 when every address there is used. The range must not cross a 2^64 boundary.
     */
    public long nextFree(IpAddress base, long from, long to) {
        long hi = base.hi();
        long end = base.lo() + to;
        long a = base.lo() + from;
        while (true) {
            Chunk c = chunk(hi, a, false);
            if (c == null) {
                return a - base.lo();
            }
            long chunkStart = a & ~((long) CHUNK_SIZE - 1);
            int free = c.nextFree((int) (a - chunkStart));
            if (free >= 0) {
                long candidate = chunkStart + free;
                return Long.compareUnsigned(candidate, end) <= 0 ? candidate - base.lo() : -1;
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
        long count = 0;
        ChunkKey from = new ChunkKey(first.hi(), first.lo() >>> CHUNK_BITS);
        ChunkKey to = new ChunkKey(last.hi(), last.lo() >>> CHUNK_BITS);
        for (Map.Entry<ChunkKey, Chunk> e : chunks.subMap(from, true, to, true).entrySet()) {
            int lowOffset = e.getKey().equals(from) ? offset(first.lo()) : 0;
            int highOffset = e.getKey().equals(to) ? offset(last.lo()) : CHUNK_SIZE - 1;
            count += e.getValue().count(lowOffset, highOffset);
        }
        return count;
    }

    /**
     * Calls {@code action} with the offset from {@code first} of every used address in {@code [first, last]}
     * (same high 64 bits for IPv6), in address order. The cost grows with the used addresses, not the range.
     */
    public void forEachInRange(IpAddress first, IpAddress last, LongConsumer action) {
        anyInRange(first, last, o -> {
            action.accept(o);
            return false;
        });
    }

    /**
     * Whether {@code test} holds for the offset from {@code first} of some used address in {@code [first, last]}
     * (same high 64 bits for IPv6), tried in address order and stopping at the first that holds.
     */
    public boolean anyInRange(IpAddress first, IpAddress last, java.util.function.LongPredicate test) {
        ChunkKey from = new ChunkKey(first.hi(), first.lo() >>> CHUNK_BITS);
        ChunkKey to = new ChunkKey(last.hi(), last.lo() >>> CHUNK_BITS);
        for (Map.Entry<ChunkKey, Chunk> e : chunks.subMap(from, true, to, true).entrySet()) {
            int low = e.getKey().equals(from) ? offset(first.lo()) : 0;
            int high = e.getKey().equals(to) ? offset(last.lo()) : CHUNK_SIZE - 1;
            long base = (e.getKey().chunk() << CHUNK_BITS) - first.lo();
            Chunk c = e.getValue();
            if (c.bits != null) {
                for (int w = low >>> 6; w <= high >>> 6; w++) {
                    long word = c.bits[w];
                    while (word != 0) {
                        int bit = (w << 6) + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                        if (bit >= low && bit <= high && test.test(base + bit)) {
                            return true;
                        }
                    }
                }
            } else {
                for (int k = 0; k < c.count; k++) {
                    int o = c.sparse[k];
                    if (o >= low && o <= high && test.test(base + o)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Memory held for the used addresses, in bytes (for benchmarks and the capacity view). */
    public long bitmapBytes() {
        long n = 0;
        for (Chunk c : chunks.values()) {
            n += c.bytes();
        }
        return n;
    }
}
