package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapTheme;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.app.map.MapViewport;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.StyleConverter;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/**
 * One ServiceCIDR prefix as a Hilbert map: the control holds what is shown (the prefix, the viewport, the palette,
 * the address pointed at and the one selected); {@link AddressMapSkin} draws it on a Canvas (never one node per
 * address) and turns the wheel, drags and keys into zoom and pan.
 */
public final class AddressMapView extends Control {

    private final AddressMap map;
    private final MapSpace space;
    private final ObjectProperty<MapRenderer.Style> palette = new SimpleObjectProperty<>(MapTheme.light());
    /**
     * The theme's map palette ({@code -cs-map-palette: light | dark} in light.css / dark.css, whose {@code -cs-map-*}
     * tokens hold its colours).
     */
    private final StyleableObjectProperty<String> themePalette = new SimpleStyleableObjectProperty<>(
            THEME_PALETTE, this, "themePalette", "light") {
        @Override
        protected void invalidated() {
            palette.set(MapTheme.of("dark".equals(get()) ? "dark" : "light"));
        }
    };

    private static final CssMetaData<AddressMapView, String> THEME_PALETTE = new CssMetaData<>("-cs-map-palette",
            StyleConverter.getStringConverter(), "light") {
        @Override
        public boolean isSettable(AddressMapView map) {
            return !map.themePalette.isBound();
        }

        @Override
        public StyleableProperty<String> getStyleableProperty(AddressMapView map) {
            return map.themePalette;
        }
    };

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META_DATA;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Control.getClassCssMetaData());
        all.add(THEME_PALETTE);
        CSS_META_DATA = Collections.unmodifiableList(all);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META_DATA;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return CSS_META_DATA;
    }
    private final ReadOnlyObjectWrapper<AddressMap.Spot> pointed = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<AddressMap.Spot> selected = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<MapViewport> viewport = new SimpleObjectProperty<>();
    private final javafx.beans.property.BooleanProperty labelsShown =
            new javafx.beans.property.SimpleBooleanProperty(true);
    /**
     * Screen pixels per map pixel: zoom levels are powers of two, so a fitted prefix is then enlarged by this
     * factor (between 1 and 2, drawn without smoothing) to fill its panel.
     */
    private double scale = 1;
    private boolean fitted = true;
    private int[] pixels = new int[0];

    public AddressMapView(AddressMap map, MapSpace space) {
        this.map = map;
        this.space = space;
        getStyleClass().add("address-map");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.IMAGE_VIEW);
        setAccessibleText("Address map of " + space.serviceCidr() + " " + space.layout().cidr() + ": "
                + AddressMap.summary(space));
        setPrefSize(360, 360);
        // Small enough that two prefixes of a family and their captions fit a 1280x800 window without scrolling.
        setMinSize(160, 160);
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new AddressMapSkin(this);
    }

    public AddressMap map() {
        return map;
    }

    public MapSpace space() {
        return space;
    }

    /** The colours drawn with; the theme sets them through {@code -cs-map-palette}. */
    public ObjectProperty<MapRenderer.Style> paletteProperty() {
        return palette;
    }

    public ReadOnlyObjectProperty<AddressMap.Spot> pointedProperty() {
        return pointed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<AddressMap.Spot> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** What is shown; the skin redraws when it changes. */
    public ObjectProperty<MapViewport> viewportProperty() {
        return viewport;
    }

    /** Whether block corners carry their first address. */
    public javafx.beans.property.BooleanProperty labelsShownProperty() {
        return labelsShown;
    }

    public boolean labelsShown() {
        return labelsShown.get();
    }

    public MapViewport viewport() {
        return viewport.get();
    }

    /** Screen pixels per map pixel. */
    public double scale() {
        return scale;
    }

    /** The last frame's pixels, row by row (ARGB). */
    public int[] pixels() {
        return pixels.clone();
    }

    void setPixels(int[] px) {
        this.pixels = px;
    }

    void point(AddressMap.Spot spot) {
        pointed.set(spot);
    }

    void select(AddressMap.Spot spot) {
        selected.set(spot);
    }

    /**
     * Takes over the view of the map this one replaces after the plan changed: the zoom, the place and the selected
     * address stay where the user left them, as long as it shows the same prefix.
     */
    void continueFrom(AddressMapView old) {
        if (old == null || !old.space.layout().cidr().equals(space.layout().cidr())
                || old.space.layout().width() != space.layout().width()
                || old.space.layout().height() != space.layout().height()) {
            return;
        }
        scale = old.scale;
        fitted = old.fitted;
        viewport.set(old.viewport.get());
        AddressMap.Spot was = old.selected.get();
        if (was != null && space.layout().cidr().contains(was.address())) {
            selected.set(map.spot(space, was.address().minus(space.layout().cidr().network())));
        }
    }

    /** Zooms one or more steps around a point given in map pixels. */
    public void zoom(int steps, int px, int py) {
        if (viewport.get() != null) {
            fitted = false;
            viewport.set(viewport.get().zoomed(steps, px, py, space.layout()));
        }
    }

    /**
     * Zooms by {@code 2^steps} (half steps for the wheel) keeping the address under a screen point where it is.
     * The level moves in powers of two and the on-screen enlargement between 1 and 2 carries the fraction, so the
     * drawing stays one aligned block (or address) per map pixel.
     */
    public void zoomBy(double steps, double screenX, double screenY) {
        MapViewport v = viewport.get();
        if (v == null) {
            return;
        }
        // Screen pixels per address side, now and wanted.
        double perCell = scale * Math.pow(2, -v.level());
        double wanted = perCell * Math.pow(2, steps);
        int level = (int) -Math.floor(Math.log(wanted) / Math.log(2) + 1e-9);
        level = Math.max(MapViewport.MAX_ZOOM_IN, Math.min(space.layout().order(), level));
        double newScale = Math.max(1, Math.min(1.999, wanted / Math.pow(2, -level)));
        double cellX = (v.x() + screenX / scale) * Math.pow(2, v.level());
        double cellY = (v.y() + screenY / scale) * Math.pow(2, v.level());
        long x = Math.round(cellX / Math.pow(2, level) - screenX / newScale);
        long y = Math.round(cellY / Math.pow(2, level) - screenY / newScale);
        fitted = false;
        scale = newScale;
        viewport.set(new MapViewport(level, x, y, Math.max(1, (int) Math.ceil(getWidth() / newScale)),
                Math.max(1, (int) Math.ceil(getHeight() / newScale))));
    }

    /** Moves the view by map pixels. */
    public void pan(long dx, long dy) {
        if (viewport.get() != null) {
            fitted = false;
            viewport.set(viewport.get().panned(dx, dy));
        }
    }

    /** Shows the whole prefix. */
    public void fit() {
        fitted = true;
        fitTo(Math.max(1, (int) getWidth()), Math.max(1, (int) getHeight()));
    }

    /** The whole prefix at the largest power-of-two level that fits, then enlarged to fill the panel. */
    void fitTo(int w, int h) {
        MapViewport v = MapViewport.fit(space.layout(), w, h);
        double cw = Math.max(1, v.level() >= 0 ? Math.max(1, space.layout().width() >>> v.level())
                : space.layout().width() << -v.level());
        double ch = Math.max(1, v.level() >= 0 ? Math.max(1, space.layout().height() >>> v.level())
                : space.layout().height() << -v.level());
        scale = Math.max(1, Math.min(1.999, Math.min(w / cw, h / ch)));
        int vw = Math.max(1, (int) Math.ceil(w / scale));
        int vh = Math.max(1, (int) Math.ceil(h / scale));
        viewport.set(new MapViewport(v.level(), -(long) ((vw - cw) / 2), -(long) ((vh - ch) / 2), vw, vh));
    }

    /** Follows a new size of the control: fitted again, or the same view over more or fewer pixels. */
    void resize(int w, int h) {
        if (viewport.get() == null || fitted) {
            fitTo(w, h);
        } else {
            viewport.set(viewport.get().resized(Math.max(1, (int) Math.ceil(w / scale)),
                    Math.max(1, (int) Math.ceil(h / scale))));
        }
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
        fitted = false;
        selected.set(map.spot(space, offset));
        viewport.set(new MapViewport(level, px + half - w / 2, py + half - h / 2, w, h));
    }

    /** What is under a screen point, or null. */
    public AddressMap.Spot spotAt(double screenX, double screenY) {
        MapViewport v = viewport.get();
        int x = (int) (screenX / scale);
        int y = (int) (screenY / scale);
        if (v == null || x < 0 || y < 0 || x >= v.width() || y >= v.height()) {
            return null;
        }
        long cell = v.cellAt(x, y, space.layout());
        if (cell < 0) {
            return null;
        }
        return map.spot(space, space.layout().offsetAt(cell >>> 32, cell & 0xFFFF_FFFFL));
    }
}
