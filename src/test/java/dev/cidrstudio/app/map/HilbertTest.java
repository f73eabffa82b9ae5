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
        assertEquals(referenceDistance(order, x, y), d);
        assertEquals((x << 32) | y, Hilbert.cell(order, d));
    }

    @Property
    void smallCurvesAreTheKnownOnes(@ForAll @IntRange(min = 0, max = 3) int d) {
        // Order 1: (0,0) (0,1) (1,1) (1,0).
        long[] cells = {0L, 1L, (1L << 32) | 1, 1L << 32};
        assertEquals(cells[d], Hilbert.cell(1, d));
    }

    /** The textbook one-level-at-a-time conversion, the reference the tables are tested against. */
    private static long referenceDistance(int order, long x, long y) {
        long d = 0;
        for (int i = order - 1; i >= 0; i--) {
            long s = 1L << i;
            long rx = (x & s) != 0 ? 1 : 0;
            long ry = (y & s) != 0 ? 1 : 0;
            d += s * s * ((3 * rx) ^ ry);
            if (ry == 0) {
                if (rx == 1) {
                    x = s - 1 - x;
                    y = s - 1 - y;
                }
                long tmp = x;
                x = y;
                y = tmp;
            }
            x &= s - 1;
            y &= s - 1;
        }
        return d;
    }
}
