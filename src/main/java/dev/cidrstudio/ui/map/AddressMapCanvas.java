package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.MapViewport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * One ServiceCIDR prefix drawn as a Hilbert map on a Canvas: the pixels come from {@link MapRenderer} (never one
 * node per address), the wheel or +/- zooms around the pointer, dragging or the arrow keys pan, 0 fits the whole
 * prefix, hovering reports the address under the pointer and a click selects it.
 */
public final class AddressMapCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapRenderer.Style> style = new SimpleObjectProperty<>(MapRenderer.Style.LIGHT);
    private final ReadOnlyObjectWrapper<AddressMap.Spot> hover = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AddressMap.Spot> selected = new ReadOnlyObjectWrapper<>();
    private final AddressMap map;
    private final MapSpace space;
    private MapViewport viewport;
    /**
     * Screen pixels per map pixel: zoom levels are powers of two, so a fitted prefix is then enlarged by this
     * factor (between 1 and 2, drawn without smoothing) to fill its panel.
     */
    private double scale = 1;
    private boolean fitted = true;
    private double dragX;
    private double dragY;
    private int[] pixels = new int[0];

    public AddressMapCanvas(AddressMap map, MapSpace space) {
        this.map = map;
        this.space = space;
        getChildren().add(canvas);
        getStyleClass().add("address-map");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setAccessibleText("Address map of " + space.serviceCidr() + " " + space.layout().cidr() + ": "
                + AddressMap.summary(space));
        setPrefSize(360, 360);
        setMinSize(160, 200);
        style.addListener((o, a, b) -> redraw());
        setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                zoom(e.getDeltaY() > 0 ? 1 : -1, (int) (e.getX() / scale), (int) (e.getY() / scale));
            }
            e.consume();
        });
        setOnMousePressed(e -> {
            requestFocus();
            dragX = e.getX();
            dragY = e.getY();
        });
        setOnMouseDragged(e -> {
            long dx = Math.round((e.getX() - dragX) / scale);
            long dy = Math.round((e.getY() - dragY) / scale);
            if (dx != 0 || dy != 0) {
                dragX += dx * scale;
                dragY += dy * scale;
                pan(dx, dy);
            }
        });
        Tooltip tip = new Tooltip();
        tip.setShowDelay(javafx.util.Duration.millis(250));
        tip.setHideDelay(javafx.util.Duration.ZERO);
        Tooltip.install(this, tip);
        tip.setOnShowing(e -> {
            AddressMap.Spot s = hover.get();
            tip.setText(s == null ? AddressMap.summary(space) : s.describe().replace("  ", "\n"));
        });
        setOnMouseMoved(e -> {
            hover.set(spotAt(e.getX(), e.getY()));
            AddressMap.Spot s = hover.get();
            if (tip.isShowing()) {
                tip.setText(s == null ? AddressMap.summary(space) : s.describe().replace("  ", "\n"));
            }
        });
        setOnMouseExited(e -> hover.set(null));
        setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                AddressMap.Spot s = spotAt(e.getX(), e.getY());
                if (s != null) {
                    selected.set(s);
                    redraw();
                }
            }
        });
        setOnKeyPressed(e -> {
            KeyCode k = e.getCode();
            int cx = (int) (getWidth() / 2 / scale);
            int cy = (int) (getHeight() / 2 / scale);
            switch (k) {
                case PLUS, ADD, EQUALS -> zoom(1, cx, cy);
                case MINUS, SUBTRACT -> zoom(-1, cx, cy);
                case DIGIT0, NUMPAD0 -> fit();
                case LEFT -> pan(32, 0);
                case RIGHT -> pan(-32, 0);
                case UP -> pan(0, 32);
                case DOWN -> pan(0, -32);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    public MapSpace space() {
        return space;
    }

    public ObjectProperty<MapRenderer.Style> paletteProperty() {
        return style;
    }

    public ReadOnlyObjectProperty<AddressMap.Spot> pointedProperty() {
        return hover.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AddressMap.Spot> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Screen pixels per map pixel (for tests). */
    public double scale() {
        return scale;
    }

    /** The current viewport (for tests and export). */
    public MapViewport viewport() {
        return viewport;
    }

    /** The last frame's pixels, row by row (ARGB). */
    public int[] pixels() {
        return pixels.clone();
    }

    public void zoom(int steps, int px, int py) {
        if (viewport == null) {
            return;
        }
        fitted = false;
        viewport = viewport.zoomed(steps, px, py, space.layout());
        redraw();
    }

    public void pan(long dx, long dy) {
        if (viewport == null) {
            return;
        }
        fitted = false;
        viewport = viewport.panned(dx, dy);
        redraw();
    }

    /** Zooms to an address (eight pixels an address, or closer for small prefixes), centred, and selects it. */
    public void reveal(long offset) {
        int w = Math.max(1, (int) Math.ceil(getWidth() / scale));
        int h = Math.max(1, (int) Math.ceil(getHeight() / scale));
        int level = Math.min(MapViewport.fit(space.layout(), w, h).level(), -3);
        long cell = space.layout().cellOf(offset);
        long px = (cell >>> 32) << -level;
        long py = (cell & 0xFFFF_FFFFL) << -level;
        int half = 1 << (-level - 1);
        viewport = new MapViewport(level, px + half - w / 2, py + half - h / 2, w, h);
        fitted = false;
        redraw();
        selected.set(map.spot(space, offset));
        redraw();
    }

    /** Shows the whole prefix. */
    public void fit() {
        fitted = true;
        fitTo(Math.max(1, (int) getWidth()), Math.max(1, (int) getHeight()));
        redraw();
    }

    /** The whole prefix at the largest power-of-two level that fits, then enlarged to fill the panel. */
    private void fitTo(int w, int h) {
        MapViewport v = MapViewport.fit(space.layout(), w, h);
        double cw = Math.max(1, v.level() >= 0 ? Math.max(1, space.layout().width() >>> v.level())
                : space.layout().width() << -v.level());
        double ch = Math.max(1, v.level() >= 0 ? Math.max(1, space.layout().height() >>> v.level())
                : space.layout().height() << -v.level());
        scale = Math.max(1, Math.min(1.999, Math.min(w / cw, h / ch)));
        int vw = Math.max(1, (int) Math.ceil(w / scale));
        int vh = Math.max(1, (int) Math.ceil(h / scale));
        viewport = new MapViewport(v.level(), -(long) ((vw - cw) / 2), -(long) ((vh - ch) / 2), vw, vh);
    }

    private AddressMap.Spot spotAt(double screenX, double screenY) {
        int x = (int) (screenX / scale);
        int y = (int) (screenY / scale);
        if (viewport == null || x < 0 || y < 0 || x >= viewport.width() || y >= viewport.height()) {
            return null;
        }
        long cell = viewport.cellAt(x, y, space.layout());
        if (cell < 0) {
            return null;
        }
        long offset = space.layout().offsetAt(cell >>> 32, cell & 0xFFFF_FFFFL);
        return map.spot(space, offset);
    }

    @Override
    protected void layoutChildren() {
        int w = Math.max(1, (int) snapSizeX(getWidth()));
        int h = Math.max(1, (int) snapSizeY(getHeight()));
        if (canvas.getWidth() != w || canvas.getHeight() != h || viewport == null) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            if (viewport == null || fitted) {
                fitTo(w, h);
            } else {
                viewport = viewport.resized(Math.max(1, (int) Math.ceil(w / scale)),
                        Math.max(1, (int) Math.ceil(h / scale)));
            }
            redraw();
        }
    }

    private void redraw() {
        if (viewport == null) {
            return;
        }
        pixels = MapRenderer.render(space, viewport, style.get(),
                o -> map.namespaceOf(space.address(o)), map.namespaces());
        WritableImage img = new WritableImage(viewport.width(), viewport.height());
        img.getPixelWriter().setPixels(0, 0, viewport.width(), viewport.height(), PixelFormat.getIntArgbInstance(),
                pixels, 0, viewport.width());
        var g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(false);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.drawImage(img, 0, 0, viewport.width() * scale, viewport.height() * scale);
        AddressMap.Spot sel = selected.get();
        if (sel != null && space.layout().cidr().contains(sel.address())) {
            long cell = space.layout().cellOf(sel.address().minus(space.layout().cidr().network()));
            int level = viewport.level();
            double side = level < 0 ? 1 << -level : 1;
            double x = (level < 0 ? (cell >>> 32) << -level : (cell >>> 32) >>> level) - viewport.x();
            double y = (level < 0 ? (cell & 0xFFFF_FFFFL) << -level : (cell & 0xFFFF_FFFFL) >>> level) - viewport.y();
            g.setStroke(style.get() == MapRenderer.Style.DARK ? Color.WHITE
                    : Color.BLACK);
            g.setLineWidth(2);
            double pad = side * scale < 6 ? 4 : 1;
            g.strokeRect(x * scale - pad, y * scale - pad, side * scale + 2 * pad, side * scale + 2 * pad);
        }
    }
}
