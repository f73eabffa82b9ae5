package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The map's layout: a bijection, neighbours stay neighbours, and aligned blocks are squares. */
class MapLayoutPropertiesTest {

    static Cidr cidr(String s) {
        return IpParsing.parseCidrSloppy(s).orElseThrow().masked();
    }

    @Property
    void cellAndOffsetAreInverse(@ForAll @IntRange(min = 0, max = 32) int prefix, @ForAll long raw) {
        MapLayout l = MapLayout.of(Cidr.containing(cidr("10.0.0.0/8").network(), prefix));
        long size = l.hostBits() == 64 ? 0 : 1L << l.hostBits();
        long offset = size == 0 ? raw : Math.floorMod(raw, size);
        long cell = l.cellOf(offset);
        long x = cell >>> 32;
        long y = cell & 0xFFFF_FFFFL;
        assertTrue(x < l.width() && y < l.height());
        assertEquals(offset, l.offsetAt(x, y));
    }

    @Property
    void consecutiveAddressesAreNeighbouringCells(@ForAll @IntRange(min = 96, max = 128) int prefix,
            @ForAll long raw) {
        MapLayout l = MapLayout.of(Cidr.containing(cidr("fd00::/64").network(), prefix));
        long size = l.hostBits() == 64 ? 0 : 1L << l.hostBits();
        if (size == 1) {
            return;
        }
        long offset = size == 0 ? raw : Math.floorMod(raw, size - 1);
        if (size == 0 && offset == -1L) {
            return;
        }
        long a = l.cellOf(offset);
        long b = l.cellOf(offset + 1);
        long dist = Math.abs((a >>> 32) - (b >>> 32)) + Math.abs((a & 0xFFFF_FFFFL) - (b & 0xFFFF_FFFFL));
        // Within one Hilbert square neighbours touch; the two halves of an odd prefix meet at one edge.
        assertTrue(dist == 1 || l.halves() == 2 && offset + 1 == size / 2, "distance " + dist);
    }

    @Property
    void anAlignedBlockIsASquareStartingWhereItsAddressesStart(@ForAll @IntRange(min = 2, max = 12) int order,
            @ForAll @IntRange(min = 0, max = 12) int level, @ForAll @LongRange(min = 0, max = 1L << 24) long b) {
        if (level > order) {
            return;
        }
        MapLayout l = MapLayout.of(Cidr.containing(cidr("10.0.0.0/8").network(), 32 - 2 * order));
        long blocks = 1L << (order - level);
        long bx = b % blocks;
        long by = (b / blocks) % blocks;
        long start = l.blockStart(level, bx, by);
        assertEquals(0, start % (1L << (2 * level)));
        long size = 1L << (2 * level);
        for (long i : new long[] {0, size / 3, size - 1}) {
            long cell = l.cellOf(start + i);
            assertEquals(bx, (cell >>> 32) >>> level);
            assertEquals(by, (cell & 0xFFFF_FFFFL) >>> level);
        }
    }

    @Property
    void theMapCountsEveryUsedAddressOnceAtAnyZoom(@ForAll @IntRange(min = 0, max = 8) int level,
            @ForAll List<@IntRange(min = 0, max = 65535) Integer> used) {
        Cidr c = cidr("10.96.0.0/16");
        UsedAddressSet set = new UsedAddressSet(c.family());
        used.forEach(o -> set.add(c.network().plus(o)));
        MapSpace space = MapSpace.of("s", c, set, null, List.of(), false);
        long total = 0;
        long blocks = 256 >> level;
        for (long y = 0; y < blocks; y++) {
            for (long x = 0; x < blocks; x++) {
                total += space.countBlock(space.layout().blockStart(level, x, y), level);
            }
        }
        assertEquals(set.size(), total);
    }
}
