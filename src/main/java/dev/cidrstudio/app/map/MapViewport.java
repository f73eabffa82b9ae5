package dev.cidrstudio.app.map;



/**
 * What part of a layout a view shows: at {@code level >= 0} each pixel is an aligned block of {@code 2^level} by
 * {@code 2^level} addresses; at {@code level < 0} each address is {@code 2^-level} pixels wide. {@code (x, y)} is
 * the view's top-left in pixels of that level, so panning moves whole pixels and blocks stay aligned.
 */
public record MapViewport(int level, long x, long y, int width, int height) {

    /** The closest zoom: an address 64 pixels wide. */
    public static final int MAX_ZOOM_IN = -6;

    /** The whole layout, as large as fits in {@code width x height}, centred. */
    public static MapViewport fit(MapLayout layout, int width, int height) {
        int level = MAX_ZOOM_IN;
        while (level < layout.order() && (scaled(layout.width(), level) > width
                || scaled(layout.height(), level) > height)) {
            level++;
        }
        long w = scaled(layout.width(), level);
        long h = scaled(layout.height(), level);
        return new MapViewport(level, -(width - w) / 2, -(height - h) / 2, width, height);
    }

    /** Cells in pixels at a level (or blocks, when the level is positive). */
    static long scaled(long cells, int level) {
        if (level >= 0) {
            return Math.max(1, cells >>> level);
        }
        int up = -level;
        return cells > (Long.MAX_VALUE >>> up) ? Long.MAX_VALUE : cells << up;
    }

    /** Moved by whole pixels. */
    public MapViewport panned(long dx, long dy) {
        return new MapViewport(level, x - dx, y - dy, width, height);
    }

    /** One zoom step in (or out, with {@code steps < 0}) keeping the pixel at {@code (px, py)} in place. */
    public MapViewport zoomed(int steps, int px, int py, MapLayout layout) {
        int target = Math.max(MAX_ZOOM_IN, Math.min(layout.order(), level - steps));
        int delta = level - target; // > 0 zooms in
        long gx = x + px;
        long gy = y + py;
        long nx = delta >= 0 ? (gx << delta) - px : (gx >> -delta) - px;
        long ny = delta >= 0 ? (gy << delta) - py : (gy >> -delta) - py;
        return new MapViewport(target, nx, ny, width, height);
    }

    public MapViewport resized(int w, int h) {
        return new MapViewport(level, x, y, w, h);
    }

    /** The cell under a view pixel, or -1 outside the layout (x in the high 32 bits, y in the low 32 bits). */
    public long cellAt(int px, int py, MapLayout layout) {
        long gx = x + px;
        long gy = y + py;
        long cx = level >= 0 ? gx << level : gx >> -level;
        long cy = level >= 0 ? gy << level : gy >> -level;
        if (gx < 0 || gy < 0 || cx >= layout.width() || cy >= layout.height()) {
            return -1;
        }
        return (cx << 32) | cy;
    }
}
