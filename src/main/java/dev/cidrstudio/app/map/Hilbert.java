package dev.cidrstudio.app.map;



/**
 * The Hilbert curve on a square of side {@code 2^order}: distance along the curve to cell and back. Neighbouring
 * addresses stay neighbouring cells, and every aligned block of {@code 4^k} addresses is an aligned square of side
 * {@code 2^k}, so a CIDR block is always a square or a 2:1 rectangle on the map. Distances are unsigned 64-bit
 * values (order up to 32).
 *
 * <p>Both directions walk the bits from the top with a small state machine (the orientation of the current
 * sub-square: swap and complement of the remaining bits), two levels per step through tables built at start-up
 * from the textbook one-level rotation, so a conversion costs about {@code order / 2} table lookups.
 */
public final class Hilbert {

    /** States are (swap, complement x, complement y) packed into 3 bits; 0 is the identity. */
    private static final int STATES = 8;
    /** One level: quadrant (x bit << 1 | y bit) in state s gives the distance digit and the next state. */
    private static final int[] DIGIT = new int[STATES * 4];
    private static final int[] NEXT = new int[STATES * 4];
    /** The inverse: digit in state s gives the quadrant. */
    private static final int[] QUADRANT = new int[STATES * 4];
    /** Two levels at once: 4 bits in (x1 y1 x0 y0 as x1<<3|y1<<2|x0<<1|y0) give 4 digit bits and the state. */
    private static final int[] DIGIT2 = new int[STATES * 16];
    private static final int[] NEXT2 = new int[STATES * 16];
    private static final int[] QUADRANT2 = new int[STATES * 16];
    private static final int[] NEXT2_BY_DIGIT = new int[STATES * 16];

    static {
        for (int s = 0; s < STATES; s++) {
            for (int q = 0; q < 4; q++) {
                int[] seen = apply(s, q >> 1, q & 1);
                int rx = seen[0];
                int ry = seen[1];
                DIGIT[s * 4 + q] = (3 * rx) ^ ry;
                NEXT[s * 4 + q] = compose(s, rx, ry);
                QUADRANT[s * 4 + ((3 * rx) ^ ry)] = q;
            }
        }
        for (int s = 0; s < STATES; s++) {
            for (int bits = 0; bits < 16; bits++) {
                int q1 = bits >> 2;
                int q0 = bits & 3;
                int s1 = NEXT[s * 4 + q1];
                int digits = DIGIT[s * 4 + q1] << 2 | DIGIT[s1 * 4 + q0];
                DIGIT2[s * 16 + bits] = digits;
                NEXT2[s * 16 + bits] = NEXT[s1 * 4 + q0];
                int qx1 = q1 >> 1;
                int qy1 = q1 & 1;
                int qx0 = q0 >> 1;
                int qy0 = q0 & 1;
                // QUADRANT2 returns x bits in bits 3 and 1 and y bits in 2 and 0 as in the input layout.
                QUADRANT2[s * 16 + digits] = qx1 << 3 | qy1 << 2 | qx0 << 1 | qy0;
                NEXT2_BY_DIGIT[s * 16 + digits] = NEXT2[s * 16 + bits];
            }
        }
    }

    /** The bits a state shows the textbook algorithm for original bits (a, b). */
    private static int[] apply(int state, int a, int b) {
        boolean swap = (state & 4) != 0;
        int cx = (state >> 1) & 1;
        int cy = state & 1;
        int u = (swap ? b : a) ^ cx;
        int v = (swap ? a : b) ^ cy;
        return new int[] {u, v};
    }

    /** The state after the textbook rotation for quadrant (rx, ry) follows state {@code s}. */
    private static int compose(int s, int rx, int ry) {
        for (int t = 0; t < STATES; t++) {
            boolean same = true;
            for (int q = 0; q < 4 && same; q++) {
                int[] seen = apply(s, q >> 1, q & 1);
                int u = seen[0];
                int v = seen[1];
                if (ry == 0) {
                    if (rx == 1) {
                        u ^= 1;
                        v ^= 1;
                    }
                    int tmp = u;
                    u = v;
                    v = tmp;
                }
                int[] mine = apply(t, q >> 1, q & 1);
                same = mine[0] == u && mine[1] == v;
            }
            if (same) {
                return t;
            }
        }
        throw new IllegalStateException("Hilbert states do not close");
    }

    private Hilbert() {
    }

    /** The cell (x in the high 32 bits, y in the low 32 bits) at distance {@code d}. */
    public static long cell(int order, long d) {
        long x = 0;
        long y = 0;
        int s = 0;
        int i = order - 1;
        if ((order & 1) == 1) {
            int q = QUADRANT[s * 4 + (int) ((d >>> (2 * i)) & 3)];
            x = q >> 1;
            y = q & 1;
            s = NEXT[s * 4 + q];
            i--;
        }
        for (; i >= 1; i -= 2) {
            int digits = (int) ((d >>> (2 * (i - 1))) & 15);
            int q = QUADRANT2[s * 16 + digits];
            x = (x << 2) | ((q >> 2) & 2) | ((q >> 1) & 1);
            y = (y << 2) | ((q >> 1) & 2) | (q & 1);
            s = NEXT2_BY_DIGIT[s * 16 + digits];
        }
        return (x << 32) | y;
    }

    /** The distance along the curve of cell (x, y). */
    public static long distance(int order, long x, long y) {
        long d = 0;
        int s = 0;
        int i = order - 1;
        if ((order & 1) == 1) {
            int q = (int) (((x >>> i) & 1) << 1 | ((y >>> i) & 1));
            d = DIGIT[s * 4 + q];
            s = NEXT[s * 4 + q];
            i--;
        }
        for (; i >= 1; i -= 2) {
            int bits = (int) (((x >>> i) & 1) << 3 | ((y >>> i) & 1) << 2 | ((x >>> (i - 1)) & 1) << 1
                    | ((y >>> (i - 1)) & 1));
            d = (d << 4) | DIGIT2[s * 16 + bits];
            s = NEXT2[s * 16 + bits];
        }
        return d;
    }
}
