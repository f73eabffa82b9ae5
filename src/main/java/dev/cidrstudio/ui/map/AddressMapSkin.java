package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapCaption;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapViewport;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.SkinBase;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * Draws an {@link AddressMapView}: the frame comes from {@link MapRenderer} into one image on a Canvas, the
 * selected address gets an outline; the wheel or +/- zooms around the pointer, dragging or the arrow keys pan, 0
 * fits, hovering names the address (status line and tooltip) and a click selects it.
 */
final class AddressMapSkin extends SkinBase<AddressMapView> {

    private final Canvas canvas = new Canvas();
    private double dragX;
    private double dragY;

    AddressMapSkin(AddressMapView control) {
        super(control);
        getChildren().add(canvas);
        control.viewportProperty().addListener((o, a, b) -> redraw());
        control.paletteProperty().addListener((o, a, b) -> redraw());
        control.selectedProperty().addListener((o, a, b) -> redraw());
        control.labelsShownProperty().addListener((o, a, b) -> redraw());
        control.setOnScroll(e -> {
            if (e.getDeltaY() != 0) {
                control.zoomBy(e.getDeltaY() > 0 ? 0.5 : -0.5, e.getX(), e.getY());
            }
            e.consume();
        });
        control.setOnMousePressed(e -> {
            control.requestFocus();
            dragX = e.getX();
            dragY = e.getY();
        });
        control.setOnMouseDragged(e -> {
            long dx = Math.round((e.getX() - dragX) / control.scale());
            long dy = Math.round((e.getY() - dragY) / control.scale());
            if (dx != 0 || dy != 0) {
                dragX += dx * control.scale();
                dragY += dy * control.scale();
                control.pan(dx, dy);
            }
        });
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(250));
        tip.setHideDelay(Duration.ZERO);
        Tooltip.install(control, tip);
        tip.setOnShowing(e -> tip.setText(tipText(control.pointedProperty().get())));
        control.setOnMouseMoved(e -> {
            control.point(control.spotAt(e.getX(), e.getY()));
            if (tip.isShowing()) {
                tip.setText(tipText(control.pointedProperty().get()));
            }
        });
        control.setOnMouseExited(e -> control.point(null));
        control.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                AddressMap.Spot s = control.spotAt(e.getX(), e.getY());
                if (s != null) {
                    control.select(s);
                }
            }
        });
        control.setOnKeyPressed(e -> {
            KeyCode k = e.getCode();
            int cx = (int) (control.getWidth() / 2 / control.scale());
            int cy = (int) (control.getHeight() / 2 / control.scale());
            switch (k) {
                case PLUS, ADD, EQUALS -> control.zoom(1, cx, cy);
                case MINUS, SUBTRACT -> control.zoom(-1, cx, cy);
                case DIGIT0, NUMPAD0 -> control.fit();
                case LEFT -> control.pan(32, 0);
                case RIGHT -> control.pan(-32, 0);
                case UP -> control.pan(0, 32);
                case DOWN -> control.pan(0, -32);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    private String tipText(AddressMap.Spot s) {
        return s == null ? AddressMap.summary(getSkinnable().space()) : s.describe().replace("  ", "\n");
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        int width = Math.max(1, (int) snapSizeX(w));
        int height = Math.max(1, (int) snapSizeY(h));
        if (canvas.getWidth() != width || canvas.getHeight() != height || getSkinnable().viewport() == null) {
            canvas.setWidth(width);
            canvas.setHeight(height);
            canvas.relocate(x, y);
            getSkinnable().resize(width, height);
            redraw();
        }
    }

    private static Color rgb(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }

    /** The first address of each block on screen, at the block corner where the curve enters it. */
    private void drawLabels(javafx.scene.canvas.GraphicsContext g, AddressMapView c, MapViewport v, double scale,
            MapRenderer.Style style) {
        if (!c.labelsShown()) {
            return;
        }
        g.setFont(javafx.scene.text.Font.font("Monospaced", 10));
        g.setTextBaseline(javafx.geometry.VPos.TOP);
        // A labelled block is wide enough for its label (IPv6 addresses are long).
        String widest = MapCaption.range(c.space().layout());
        double minSide = Math.max(LABEL_BLOCK, (widest.length() - widest.indexOf(", end ") - 6) * 6.2 + 12);
        for (MapCaption.Label l : MapCaption.labels(c.space(), v, scale, minSide, MAX_LABELS)) {
            javafx.scene.text.Text probe = new javafx.scene.text.Text(l.text());
            probe.setFont(g.getFont());
            double w = probe.getLayoutBounds().getWidth() + 4;
            double h = probe.getLayoutBounds().getHeight();
            double x = Math.max(0, Math.min(canvas.getWidth() - w, l.right() ? l.x() - w : l.x()));
            double y = Math.max(0, Math.min(canvas.getHeight() - h, l.bottom() ? l.y() - h : l.y()));
            g.setFill(Color.rgb((style.outside() >> 16) & 0xFF, (style.outside() >> 8) & 0xFF,
                    style.outside() & 0xFF, 0.85));
            g.fillRect(x, y, w, h);
            g.setFill(rgb(style.selection()));
            g.fillText(l.text(), x + 2, y);
        }
    }

    /** Labelled blocks are at least this wide on screen, and at most this many are labelled. */
    static final double LABEL_BLOCK = 80;
    static final int MAX_LABELS = 16;

    private void redraw() {
        AddressMapView c = getSkinnable();
        MapViewport v = c.viewport();
        if (v == null) {
            return;
        }
        int[] px = MapRenderer.render(c.space(), v, c.paletteProperty().get(),
                o -> c.map().namespaceOf(c.space().address(o)), c.map().namespaces());
        c.setPixels(px);
        WritableImage img = new WritableImage(v.width(), v.height());
        img.getPixelWriter().setPixels(0, 0, v.width(), v.height(), PixelFormat.getIntArgbInstance(), px, 0,
                v.width());
        var g = canvas.getGraphicsContext2D();
        double scale = c.scale();
        g.setImageSmoothing(false);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.drawImage(img, 0, 0, v.width() * scale, v.height() * scale);
        MapRenderer.Style style = c.paletteProperty().get();
        // Far out, a lone allocation is a single faint pixel: draw the few used ones as marks of a minimum size.
        double pixelSide = (v.level() < 0 ? Math.pow(2, -v.level()) : 1) * scale;
        double half = MapCaption.MIN_MARK / 2;
        g.setLineWidth(1);
        g.setStroke(rgb(style.heatHigh()));
        for (int i : MapCaption.marks(px, v, scale, style)) {
            double mx = (i % v.width() + 0.5) * pixelSide;
            double my = (i / v.width() + 0.5) * pixelSide;
            g.setFill(rgb(px[i]));
            g.fillRect(mx - half, my - half, MapCaption.MIN_MARK, MapCaption.MIN_MARK);
            g.strokeRect(mx - half - 0.5, my - half - 0.5, MapCaption.MIN_MARK + 1, MapCaption.MIN_MARK + 1);
        }
        drawLabels(g, c, v, scale, style);
        AddressMap.Spot sel = c.selectedProperty().get();
        if (sel != null && c.space().layout().cidr().contains(sel.address())) {
            long cell = c.space().layout().cellOf(sel.address().minus(c.space().layout().cidr().network()));
            int level = v.level();
            double side = level < 0 ? 1 << -level : 1;
            double cx = (level < 0 ? (cell >>> 32) << -level : (cell >>> 32) >>> level) - v.x();
            double cy = (level < 0 ? (cell & 0xFFFF_FFFFL) << -level : (cell & 0xFFFF_FFFFL) >>> level) - v.y();
            int outline = c.paletteProperty().get().selection();
            g.setStroke(Color.rgb((outline >> 16) & 0xFF, (outline >> 8) & 0xFF, outline & 0xFF));
            g.setLineWidth(2);
            double pad = side * scale < 6 ? 4 : 1;
            g.strokeRect(cx * scale - pad, cy * scale - pad, side * scale + 2 * pad, side * scale + 2 * pad);
        }
    }
}
