package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HilbertTest {

    @Property
    void theTablesAgreeWithTheTextbookCurve(@ForAll @IntRange(min = 0, max = 32) int order, @ForAll long rx,
            @ForAll long ry) {
        long mask = order == 32 ? 0xFFFF_FFFFL : (1L << order) - 1;
        long x = rx & mask;
        long y = ry & mask;
        long d = Hilbert.distance(order, x, y);
        assertEquals(Hilbert.referenceDistance(order, x, y), d);
        assertEquals((x << 32) | y, Hilbert.cell(order, d));
    }

    @Property
    void smallCurvesAreTheKnownOnes(@ForAll @IntRange(min = 0, max = 3) int d) {
        // Order 1: (0,0) (0,1) (1,1) (1,0).
        long[] cells = {0L, 1L, (1L << 32) | 1, 1L << 32};
        assertEquals(cells[d], Hilbert.cell(1, d));
    }
}
