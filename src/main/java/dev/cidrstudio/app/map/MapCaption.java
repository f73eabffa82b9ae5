package dev.cidrstudio.app.map;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the map says in words beside its pixels: the prefix's first and last address, the scale of the current
 * view, a note on how the curve runs, address labels at the corners of the blocks on screen, and the marks that
 * keep a sparse allocation visible when the view is far out.
 */
public final class MapCaption {

    /**
     * A label drawn on the map: its screen position (the block corner), the address there, and which corner of
     * its block that is (so the label is drawn inside the block: leftwards from a right corner, upwards from a
     * bottom one).
     */
    public record Label(double x, double y, String text, boolean right, boolean bottom) {
    }

    /** Smallest side, in screen pixels, a used block is drawn with when few are on screen. */
    public static final double MIN_MARK = 4;

    /** Above this many used map pixels on screen the view is not sparse and no marks are added. */
    public static final int MARK_LIMIT = 4096;

    private MapCaption() {
    }

    /** "start 10.97.0.0, end 10.97.15.255" (the first /64 for a longer IPv6 prefix). */
    public static String range(MapLayout layout) {
        IpAddress first = layout.cidr().network();
        IpAddress last = layout.hostBits() >= 64 ? IpAddress.ipv6(first.hi(), -1L)
                : first.plus((1L << layout.hostBits()) - 1);
        return "start " + first + ", end " + last;
    }

    /** "1 px = 256 addresses" or "1 address = 4 px" for a view drawn at {@code screenScale}. */
    public static String scale(MapViewport v, double screenScale) {
        if (v.level() < 0) {
            double side = Math.pow(2, -v.level()) * screenScale;
            return "1 address = " + px(side) + " px";
        }
        double perMapPixel = Math.pow(4, v.level());
        double perScreenPixel = perMapPixel / (screenScale * screenScale);
        if (perScreenPixel < 1) {
            return "1 address = " + px(Math.sqrt(1 / perScreenPixel)) + " px";
        }
        long n = Math.round(perScreenPixel);
        return "1 px = " + (screenScale == 1 ? "" : "~") + String.format(Locale.ROOT, "%,d", n)
                + (n == 1 ? " address" : " addresses");
    }

    private static String px(double side) {
        return side == Math.rint(side) ? String.valueOf((long) side) : String.format(Locale.ROOT, "%.1f", side);
    }

    /**
     * The prefix the view is on: the whole prefix when all of it is on screen, else the aligned square of the
     * largest power-of-two side that fits the visible part, around the view's centre. On the Hilbert layout every
     * aligned square of side {@code 2^k} cells holds {@code 4^k} consecutive addresses, so it is a prefix of the
     * layout's own. Empty when nothing of the layout is on screen.
     */
    public static Optional<Cidr> visiblePrefix(MapLayout layout, MapViewport v) {
        long[] xs = cells(v.x(), v.width(), v.level(), layout.width());
        long[] ys = cells(v.y(), v.height(), v.level(), layout.height());
        if (xs == null || ys == null) {
            return Optional.empty();
        }
        if (xs[0] == 0 && ys[0] == 0 && xs[1] == layout.width() - 1 && ys[1] == layout.height() - 1) {
            return Optional.of(shownPrefix(layout));
        }
        long span = Math.min(xs[1] - xs[0], ys[1] - ys[0]) + 1;
        int k = Math.min(layout.order(), 63 - Long.numberOfLeadingZeros(span));
        long cx = (xs[0] + xs[1]) / 2;
        long cy = (ys[0] + ys[1]) / 2;
        long first = layout.blockStart(k, cx >>> k, cy >>> k);
        return Optional.of(Cidr.containing(layout.cidr().network().plus(first), layout.cidr().family().bits() - 2 * k));
    }

    /** The prefix the layout draws: the prefix itself, or its first /64 for a shorter IPv6 prefix. */
    static Cidr shownPrefix(MapLayout layout) {
        int bits = layout.cidr().family().bits();
        return Cidr.containing(layout.cidr().network(), bits - layout.hostBits());
    }

    /** The first and last cell a view span covers, clamped to the layout, or null when it covers none. */
    private static long[] cells(long from, int pixels, int level, long size) {
        long a = level >= 0 ? from << level : from >> -level;
        long end = from + Math.max(1, pixels) - 1;
        long b = level >= 0 ? ((end + 1) << level) - 1 : end >> -level;
        a = Math.max(0, a);
        b = Math.min(size - 1, b);
        return a > b ? null : new long[] {a, b};
    }

    /**
     * Where the view is, as a breadcrumb from the prefix down to the prefix on screen:
     * "10.97.0.0/20 \u203a 10.97.4.0/22 \u203a 10.97.6.0/24" (the middle steps elided past four), or "all of
     * 10.97.0.0/20".
     */
    public static String breadcrumb(MapLayout layout, MapViewport v) {
        Optional<Cidr> shown = visiblePrefix(layout, v);
        if (shown.isEmpty()) {
            return "off the prefix (Fit brings it back)";
        }
        Cidr top = shownPrefix(layout);
        Cidr end = shown.get();
        if (end.equals(top)) {
            return "all of " + top;
        }
        List<String> steps = new ArrayList<>();
        int first = top.prefixLength() + (layout.halves() == 2 ? 1 : 2);
        for (int len = first; len < end.prefixLength(); len += 2) {
            steps.add(Cidr.containing(end.network(), len).toString());
        }
        steps.add(end.toString());
        if (steps.size() > 3) {
            steps = List.of(steps.get(0), "\u2026", steps.get(steps.size() - 2), steps.get(steps.size() - 1));
        }
        return top + " \u203a " + String.join(" \u203a ", steps);
    }

    /** How the Hilbert curve runs through the prefix. */
    public static String curve(MapLayout layout) {
        String run = "Hilbert curve: addresses run from the top-left corner to the top-right one, and neighbouring "
                + "addresses stay close, so every aligned block of 4 (2x2 pixels), 16, 64... is one square";
        return layout.halves() == 2 ? run + "; the lower half of the prefix is the left square, the upper half the "
                + "right" : run;
    }

    /**
     * Labels for the blocks on screen: the view is cut into blocks at least {@code minSide} screen pixels wide and
     * each visible block's first address is labelled at the corner of the curve where it starts. At most
     * {@code max} labels; none when even the coarsest level gives more.
     */
    public static List<Label> labels(MapSpace space, MapViewport v, double screenScale, double minSide, int max) {
        MapLayout layout = space.layout();
        List<Label> out = new ArrayList<>();
        // Cells (addresses) per screen pixel side at this view.
        double cellPx = Math.pow(2, -v.level()) * screenScale;
        int level = 0;
        while (level < layout.order() && cellPx * (1L << level) < minSide) {
            level++;
        }
        long side = 1L << level;
        long blocksX = Math.max(1, layout.width() >>> level);
        long blocksY = Math.max(1, layout.height() >>> level);
        // The visible range of cells.
        double cx0 = (v.x()) / Math.pow(2, -v.level());
        double cy0 = (v.y()) / Math.pow(2, -v.level());
        double cx1 = cx0 + v.width() / Math.pow(2, -v.level());
        double cy1 = cy0 + v.height() / Math.pow(2, -v.level());
        long bx0 = Math.max(0, (long) Math.floor(cx0 / side));
        long by0 = Math.max(0, (long) Math.floor(cy0 / side));
        long bx1 = Math.min(blocksX - 1, (long) Math.floor(cx1 / side));
        long by1 = Math.min(blocksY - 1, (long) Math.floor(cy1 / side));
        if (bx1 < bx0 || by1 < by0 || (bx1 - bx0 + 1) * (by1 - by0 + 1) > max) {
            return out;
        }
        for (long by = by0; by <= by1; by++) {
            for (long bx = bx0; bx <= bx1; bx++) {
                long start = layout.blockStart(level, bx, by);
                long cell = layout.cellOf(start);
                long cx = cell >>> 32;
                long cy = cell & 0xFFFF_FFFFL;
                // The corner of the block nearest the start cell.
                boolean right = (cx - bx * side) * 2 >= side;
                boolean bottom = (cy - by * side) * 2 >= side;
                double x = right ? (bx + 1) * side : bx * side;
                double y = bottom ? (by + 1) * side : by * side;
                double sx = (x - cx0) * Math.pow(2, -v.level()) * screenScale;
                double sy = (y - cy0) * Math.pow(2, -v.level()) * screenScale;
                out.add(new Label(sx, sy, space.address(start).toString(), right, bottom));
            }
        }
        return out;
    }

    /**
     * The map pixels (indices into the rendered image) that hold a used address, a kubernetes.default or an
     * overlap, when there are few enough to mark; empty when the view is dense or a map pixel is already large.
     */
    public static int[] marks(int[] px, MapViewport v, double screenScale, MapRenderer.Style s) {
        double pixelSide = (v.level() < 0 ? Math.pow(2, -v.level()) : 1) * screenScale;
        if (pixelSide >= MIN_MARK) {
            return new int[0];
        }
        int[] found = new int[Math.min(px.length, MARK_LIMIT)];
        int n = 0;
        for (int i = 0; i < px.length; i++) {
            int c = px[i];
            if (c == s.outside() || c == s.freeDynamic() || c == s.freeStatic() || c == s.reserved()
                    || c == s.pending() || c == s.grid()) {
                continue;
            }
            if (n == found.length) {
                return new int[0];
            }
            found[n++] = i;
        }
        return java.util.Arrays.copyOf(found, n);
    }
}
