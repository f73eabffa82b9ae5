package dev.cidrstudio.app.map;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Draws a {@link MapSpace} through a {@link MapViewport} into ARGB pixels, with no JavaFX: each pixel is one
 * aligned block of addresses coloured by how full it is (semantic zoom), and once an address is bigger than a
 * pixel, each address by its band and by the namespace of the Service that holds it (colour plus a pattern, so
 * colour is not the only cue). The cost follows the pixels (and, for sparse IPv6 prefixes, the used addresses),
 * never the size of the prefix.
 */
public final class MapRenderer {

    /** The palette of one theme ({@link MapTheme} reads it from the theme's stylesheet). */
    public record Style(int outside, int freeDynamic, int freeStatic, int reserved, int heatLow, int heatHigh,
            int kubernetes, int overlap, int pending, int grid, int selection, int[] namespaces) {
    }

    /** How a namespace's addresses look: its colour and its pattern (0 solid, 1 diagonal, 2 dots, 3 rows). */
    public static int namespaceColor(Style style, int index) {
        int[] palette = style.namespaces();
        if (index >= 0 && index < palette.length) {
            return palette[index];
        }
        // Beyond the palette: hues a golden angle apart, so no two namespaces on the map share a colour.
        int k = Math.max(0, index - palette.length);
        double hue = (k * 137.50776405 + 17) % 360;
        double lum = (0.2126 * ((style.outside() >> 16) & 0xFF) + 0.7152 * ((style.outside() >> 8) & 0xFF)
                + 0.0722 * (style.outside() & 0xFF)) / 255;
        double saturation = 0.62 + 0.2 * ((k / 7) % 2);
        double brightness = lum < 0.5 ? 0.88 - 0.12 * ((k / 3) % 2) : 0.72 - 0.14 * ((k / 3) % 2);
        int rgb = java.awt.Color.HSBtoRGB((float) (hue / 360), (float) saturation, (float) brightness);
        int c = 0xFF000000 | (rgb & 0xFFFFFF);
        for (int p : palette) {
            if (p == c) {
                c ^= 0x010101;
            }
        }
        return c;
    }

    public static int namespacePattern(int index) {
        return Math.floorMod(index / 2 + index, 4);
    }

    private MapRenderer() {
    }

    /**
     * Renders the view. {@code namespaceOf} gives the namespace of the Service holding a used offset (null when
     * unknown); {@code namespaces} orders the namespaces for their colours. Only asked at address-level zoom.
     */
    public static int[] render(MapSpace space, MapViewport vp, Style style, LongFunction<String> namespaceOf,
            List<String> namespaces) {
        int[] px = new int[vp.width() * vp.height()];
        Arrays.fill(px, style.outside());
        if (vp.level() >= 0) {
            renderBlocks(space, vp, style, px);
        } else {
            renderCells(space, vp, style, px, namespaceOf, namespaces);
        }
        if (space.pendingDeletion()) {
            hatch(space, vp, px, style.pending());
        }
        return px;
    }

    private static int blend(int a, int b, double t) {
        int ar = (a >> 16) & 0xFF;
        int ag = (a >> 8) & 0xFF;
        int ab = a & 0xFF;
        int r = (int) Math.round(ar + (((b >> 16) & 0xFF) - ar) * t);
        int g = (int) Math.round(ag + (((b >> 8) & 0xFF) - ag) * t);
        int bl = (int) Math.round(ab + ((b & 0xFF) - ab) * t);
        return 0xFF000000 | (r << 16) | (g << 8) | bl;
    }

    /** The colour of a block by how full it is; any use at all shows. */
    static int heat(Style s, long used, long size) {
        double ratio = (double) used / (double) size;
        return blend(s.heatLow(), s.heatHigh(), Math.sqrt(Math.min(1, ratio)));
    }

    private static int free(MapSpace space, Style s, long start, int level) {
        if (level == 0) {
            return switch (space.band(start)) {
                case RESERVED -> s.reserved();
                case STATIC -> s.freeStatic();
                case DYNAMIC -> s.freeDynamic();
            };
        }
        // A block that starts the prefix begins with the network address; its colour is the band's.
        return space.band(start == 0 ? 1 : start) == MapSpace.Band.STATIC ? s.freeStatic() : s.freeDynamic();
    }

    private static void renderBlocks(MapSpace space, MapViewport vp, Style s, int[] px) {
        MapLayout layout = space.layout();
        int level = vp.level();
        long blocksX = layout.width() >>> level == 0 ? 1 : layout.width() >>> level;
        long blocksY = layout.height() >>> level == 0 ? 1 : layout.height() >>> level;
        int x0 = (int) Math.max(0, -vp.x());
        int y0 = (int) Math.max(0, -vp.y());
        int x1 = (int) Math.min(vp.width(), blocksX - vp.x());
        int y1 = (int) Math.min(vp.height(), blocksY - vp.y());
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        long size = level >= 32 ? Long.MAX_VALUE : 1L << (2 * level);
        int[] lut = new int[257];
        for (int i = 1; i < lut.length; i++) {
            lut[i] = blend(s.heatLow(), s.heatHigh(), Math.sqrt(i / 256.0));
        }
        // Blocks that hold a special address, by block coordinates: the static band, the reserved addresses, and
        // kubernetes.default (a sparse prefix never needs a block's first address otherwise).
        java.util.Map<Long, Integer> special = new java.util.HashMap<>();
        long staticBlocks = Math.min(4096, Math.max(1, (space.staticEnd() + size - 1) / size));
        for (long b = 0; b < staticBlocks; b++) {
            special.put(blockOf(layout, b * size, level), s.freeStatic());
        }
        if (level == 0) {
            special.put(blockOf(layout, 0, 0), s.reserved());
            if (space.reservedLast()) {
                special.put(blockOf(layout, space.lastOffset(), 0), s.reserved());
            }
        }
        long k = space.kubernetesOffset();
        long kBlock = k >= 0 ? blockOf(layout, k, level) : -1;
        boolean dense = space.dense();
        boolean overlaps = !space.overlaps().isEmpty();
        long[] counts = dense ? null : splat(space, vp, x0, y0, x1, y1);
        int freeDynamic = s.freeDynamic();
        int[] starts = dense ? space.blockStarts(level) : null;
        for (int y = y0; y < y1; y++) {
            long by = vp.y() + y;
            int row = y * vp.width();
            int tableRow = (int) (by * blocksX);
            for (int x = x0; x < x1; x++) {
                long bx = vp.x() + x;
                long used;
                long start = -1;
                if (dense) {
                    start = starts != null ? starts[tableRow + (int) bx] : layout.blockStart(level, bx, by);
                    used = level == 0 ? space.bit(start) : space.countBlock(start, level);
                } else {
                    used = counts[(y - y0) * (x1 - x0) + (x - x0)];
                }
                long key = (bx << 32) | by;
                int color;
                if (used == 0) {
                    Integer sp = special.isEmpty() ? null : special.get(key);
                    color = sp == null ? freeDynamic : sp;
                } else {
                    color = lut[(int) Math.max(1, Math.min(256, (used * 256 + size / 2) / size))];
                }
                if (key == kBlock) {
                    color = s.kubernetes();
                }
                if (overlaps && ((x + y) & 3) == 0) {
                    if (start < 0) {
                        start = layout.blockStart(level, bx, by);
                    }
                    if (space.overlapAt(start, start + size - 1) != null) {
                        color = s.overlap();
                    }
                }
                px[row + x] = color;
            }
        }
    }

    /** Block coordinates (x in the high 32 bits) of the block holding an offset at a level. */
    private static long blockOf(MapLayout layout, long offset, int level) {
        long cell = layout.cellOf(offset);
        return (((cell >>> 32) >>> level) << 32) | ((cell & 0xFFFF_FFFFL) >>> level);
    }

    /** Used addresses per visible block of a sparse prefix, from its used offsets. */
    private static long[] splat(MapSpace space, MapViewport vp, int x0, int y0, int x1, int y1) {
        long[] counts = new long[(x1 - x0) * (y1 - y0)];
        MapLayout layout = space.layout();
        int level = vp.level();
        for (long o : space.offsets()) {
            long cell = layout.cellOf(o);
            long bx = (cell >>> 32) >>> level;
            long by = (cell & 0xFFFF_FFFFL) >>> level;
            long x = bx - vp.x();
            long y = by - vp.y();
            if (x >= x0 && x < x1 && y >= y0 && y < y1) {
                counts[(int) ((y - y0) * (x1 - x0) + (x - x0))]++;
            }
        }
        return counts;
    }

    private static void renderCells(MapSpace space, MapViewport vp, Style s, int[] px,
            LongFunction<String> namespaceOf, List<String> namespaces) {
        MapLayout layout = space.layout();
        int shift = -vp.level();
        int cell = 1 << shift;
        long cx0 = Math.max(0, vp.x() >> shift);
        long cy0 = Math.max(0, vp.y() >> shift);
        long cx1 = Math.min(layout.width(), ((vp.x() + vp.width()) >> shift) + 1);
        long cy1 = Math.min(layout.height(), ((vp.y() + vp.height()) >> shift) + 1);
        boolean grid = cell >= 8;
        for (long cy = cy0; cy < cy1; cy++) {
            for (long cx = cx0; cx < cx1; cx++) {
                long offset = layout.offsetAt(cx, cy);
                int color;
                int pattern = 0;
                if (space.isUsed(offset)) {
                    String ns = namespaceOf == null ? null : namespaceOf.apply(offset);
                    int index = ns == null ? -1 : namespaces.indexOf(ns);
                    color = index < 0 ? s.heatHigh() : namespaceColor(s, index);
                    pattern = index < 0 ? 0 : namespacePattern(index);
                } else {
                    color = free(space, s, offset, 0);
                }
                if (offset == space.kubernetesOffset()) {
                    color = s.kubernetes();
                    pattern = 0;
                }
                boolean overlapped = !space.overlaps().isEmpty() && space.overlapAt(offset, offset) != null;
                long left = (cx << shift) - vp.x();
                long top = (cy << shift) - vp.y();
                for (int dy = 0; dy < cell; dy++) {
                    long y = top + dy;
                    if (y < 0 || y >= vp.height()) {
                        continue;
                    }
                    int row = (int) y * vp.width();
                    for (int dx = 0; dx < cell; dx++) {
                        long x = left + dx;
                        if (x < 0 || x >= vp.width()) {
                            continue;
                        }
                        int c = color;
                        if (grid && (dx == cell - 1 || dy == cell - 1)) {
                            c = s.grid();
                        } else if (cell >= 6 && patterned(pattern, dx, dy)) {
                            c = blend(color, 0xFFFFFFFF, 0.45);
                        } else if (overlapped && ((dx + dy) & 3) == 0) {
                            c = s.overlap();
                        }
                        px[row + (int) x] = c;
                    }
                }
            }
        }
    }

    private static boolean patterned(int pattern, int x, int y) {
        return switch (pattern) {
            case 1 -> ((x + y) & 3) == 0;
            case 2 -> x % 3 == 1 && y % 3 == 1;
            case 3 -> y % 3 == 0;
            default -> false;
        };
    }

    /** Diagonal stripes over the whole prefix (pending deletion). */
    private static void hatch(MapSpace space, MapViewport vp, int[] px, int color) {
        MapLayout layout = space.layout();
        long w = MapViewport.scaled(layout.width(), vp.level());
        long h = MapViewport.scaled(layout.height(), vp.level());
        for (int y = 0; y < vp.height(); y++) {
            long gy = vp.y() + y;
            if (gy < 0 || gy >= h) {
                continue;
            }
            for (int x = 0; x < vp.width(); x++) {
                long gx = vp.x() + x;
                if (gx >= 0 && gx < w && ((gx - gy) & 7) == 0) {
                    px[y * vp.width() + x] = color;
                }
            }
        }
    }
}
