package dev.cidrstudio.app.map;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A prefix drawn as subnet calculators draw it: one bar from the network address to the last address, each column
 * a run of consecutive addresses coloured by band and by how many are allocated, with marks for the network and
 * broadcast addresses and kubernetes.default, and ticks at the start, the end of the static band and the end.
 * Costs one count per column, whatever the prefix's size.
 */
public final class LinearStrip {

    /** A tick under the bar: where (0 to 1 of the width) and what. */
    public record Tick(double at, String label) {
    }

    /** The bar's columns (ARGB) and its ticks. */
    public record Strip(int[] columns, List<Tick> ticks, List<Integer> marks) {
    }

    private LinearStrip() {
    }

    public static Strip render(MapSpace space, int width, MapRenderer.Style s) {
        int w = Math.max(1, width);
        BigInteger n = new BigInteger(Long.toUnsignedString(space.lastAddressOffset())).add(BigInteger.ONE);
        BigInteger cols = BigInteger.valueOf(w);
        int[] out = new int[w];
        List<Integer> marks = new ArrayList<>();
        long k = space.kubernetesOffset();
        for (int c = 0; c < w; c++) {
            BigInteger fromB = n.multiply(BigInteger.valueOf(c)).divide(cols);
            BigInteger toB = n.multiply(BigInteger.valueOf(c + 1L)).divide(cols).subtract(BigInteger.ONE);
            if (toB.compareTo(fromB) < 0) {
                toB = fromB;
            }
            long from = fromB.longValue();
            long to = toB.longValue();
            long used = space.countRange(from, to);
            BigInteger size = toB.subtract(fromB).add(BigInteger.ONE);
            int color;
            if (used > 0) {
                // A single allocation among millions of addresses still shows: at least a quarter's colour.
                long sz = size.bitLength() > 62 ? Long.MAX_VALUE : size.longValue();
                color = MapRenderer.heat(s, Math.max(used, (sz + 3) / 4), sz);
            } else {
                long probe = from == 0 && Long.compareUnsigned(to, 0) > 0 ? 1 : from;
                color = space.band(probe) == MapSpace.Band.STATIC ? s.freeStatic()
                        : space.band(probe) == MapSpace.Band.RESERVED ? s.reserved() : s.freeDynamic();
            }
            if (k >= 0 && Long.compareUnsigned(k, from) >= 0 && Long.compareUnsigned(k, to) <= 0) {
                color = s.kubernetes();
                marks.add(c);
            }
            if (space.overlapAt(from, to) != null) {
                color = s.overlap();
            }
            out[c] = color;
        }
        List<Tick> ticks = new ArrayList<>();
        ticks.add(new Tick(0, space.address(0).toString()));
        if (space.staticBandEnd() > 1) {
            double at = new java.math.BigDecimal(Long.toUnsignedString(space.staticBandEnd()))
                    .divide(new java.math.BigDecimal(n), java.math.MathContext.DECIMAL64).doubleValue();
            ticks.add(new Tick(at, "static | dynamic  " + space.address(space.staticBandEnd())));
        }
        ticks.add(new Tick(1, space.address(space.lastAddressOffset()).toString()));
        return new Strip(out, ticks, marks);
    }
}
