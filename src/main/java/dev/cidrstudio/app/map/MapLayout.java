package dev.cidrstudio.app.map;

import dev.cidrstudio.model.net.Cidr;

/**
 * Where each address of a prefix sits on the map: a Hilbert square of side {@code 2^(h/2)} for {@code h} host
 * bits, or, when {@code h} is odd, two such squares side by side (the lower half of the prefix on the left).
 * Prefixes with more than 64 host bits are laid out as their first /64 (the allocator never serves more).
 */
public record MapLayout(Cidr cidr, int hostBits, int order, int halves) {

    public static MapLayout of(Cidr cidr) {
        int h = Math.min(64, cidr.family().bits() - cidr.prefixLength());
        return new MapLayout(cidr, h, h / 2, h % 2 == 1 ? 2 : 1);
    }

    /** Width in cells (one cell per address). */
    public long width() {
        return (long) halves << order;
    }

    public long height() {
        return 1L << order;
    }

    /** Whether the layout covers the whole prefix (false for IPv6 prefixes shorter than /64). */
    public boolean complete() {
        return hostBits == cidr.family().bits() - cidr.prefixLength();
    }

    /** The cell of an address offset: x in the high 32 bits, y in the low 32 bits. */
    public long cellOf(long offset) {
        if (halves == 1) {
            return Hilbert.cell(order, offset);
        }
        long half = offset >>> (2 * order);
        long c = Hilbert.cell(order, offset & ((1L << (2 * order)) - 1));
        return c + ((half << order) << 32);
    }

    /** The address offset of a cell. */
    public long offsetAt(long x, long y) {
        long half = x >>> order;
        long d = Hilbert.distance(order, x & ((1L << order) - 1), y);
        return halves == 1 ? d : d + (half << (2 * order));
    }

    /**
     * The first address offset of the aligned block of side {@code 2^level} cells at block coordinates
     * {@code (bx, by)}; the block holds the {@code 4^level} addresses from there.
     */
    public long blockStart(int level, long bx, long by) {
        int o = order - level;
        long half = bx >>> o;
        long d = Hilbert.distance(o, bx & ((1L << o) - 1), by) << (2 * level);
        return halves == 1 ? d : d + (half << (2 * order));
    }

    /** The most blocks a level's table of block starts holds (4 MiB). */
    static final int TABLE_LIMIT = 1 << 20;

    /**
     * The first offset of every block at a level, row by row ({@code by * blocksX + bx}), when the level has at
     * most {@link #TABLE_LIMIT} blocks and offsets fit an int; else null. It depends only on the shape, so a
     * {@link MapSpace} computes it once per level and panning and redrawing then cost a lookup per pixel.
     */
    public int[] blockStarts(int level) {
        long blocksX = Math.max(1, width() >>> level);
        long blocksY = Math.max(1, height() >>> level);
        if (hostBits > 31 || blocksX * blocksY > TABLE_LIMIT) {
            return null;
        }
        int[] t = new int[(int) (blocksX * blocksY)];
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                t[(int) (by * blocksX + bx)] = (int) blockStart(level, bx, by);
            }
        }
        return t;
    }
}
