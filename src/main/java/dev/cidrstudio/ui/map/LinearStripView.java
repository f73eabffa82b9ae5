package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.LinearStrip;
import dev.cidrstudio.app.map.MapRenderer;
import dev.cidrstudio.app.map.MapSpace;
import javafx.beans.property.ObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The linear view of a prefix under its Hilbert map: a bar from the first to the last address (network and
 * broadcast marked at its ends), the static and dynamic bands, allocations, kubernetes.default, and the addresses
 * at its ticks. One count per column: redrawing costs the same for a /28 and a /64.
 */
public final class LinearStripView extends Region {

    static final double BAR = 14;
    private final MapSpace space;
    private final ObjectProperty<MapRenderer.Style> palette;
    private final Canvas canvas = new Canvas();
    private final Label start = new Label();
    private final Label middle = new Label();
    private final Label end = new Label();
    private LinearStrip.Strip strip;

    public LinearStripView(MapSpace space, ObjectProperty<MapRenderer.Style> palette) {
        this.space = space;
        this.palette = palette;
        getStyleClass().add("linear-strip");
        for (Label l : new Label[] {start, middle, end}) {
            l.getStyleClass().add("panel-scale");
        }
        getChildren().addAll(canvas, start, middle, end);
        setAccessibleText("Linear view of " + space.serviceCidr() + " " + space.layout().cidr());
        setMinHeight(BAR + 20);
        setPrefHeight(BAR + 20);
        palette.addListener((o, a, b) -> redraw());
        widthProperty().addListener((o, a, b) -> redraw());
    }

    /** What is drawn now (for tests). */
    public LinearStrip.Strip strip() {
        return strip;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        start.autosize();
        middle.autosize();
        end.autosize();
        start.relocate(0, BAR + 2);
        // A narrow bar (a small prefix, presenter mode's large type): the last address goes under the first
        // instead of over it.
        boolean twoRows = start.getWidth() + 8 + end.getWidth() > w;
        end.relocate(Math.max(0, w - end.getWidth()), BAR + 2 + (twoRows ? start.getHeight() : 0));
        double height = BAR + 4 + start.getHeight() * (twoRows ? 2 : 1);
        if (Math.abs(getPrefHeight() - height) > 0.5) {
            setMinHeight(height);
            setPrefHeight(height);
        }
        if (twoRows) {
            middle.setVisible(false);
        } else if (strip != null && strip.ticks().size() == 3) {
            double x = strip.ticks().get(1).at() * w;
            double mx = Math.max(start.getWidth() + 8, Math.min(w - end.getWidth() - middle.getWidth() - 8,
                    x - middle.getWidth() / 2));
            middle.relocate(mx, BAR + 2);
            middle.setVisible(mx + middle.getWidth() + 8 <= w - end.getWidth() && mx >= start.getWidth() + 8);
        } else {
            middle.setVisible(false);
        }
    }

    private void redraw() {
        int w = (int) Math.max(1, Math.floor(getWidth()));
        canvas.setWidth(w);
        canvas.setHeight(BAR);
        MapRenderer.Style s = palette.get();
        strip = LinearStrip.render(space, w, s);
        var g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, BAR);
        int[] cols = strip.columns();
        for (int x = 0; x < cols.length; x++) {
            g.setFill(rgb(cols[x]));
            g.fillRect(x, 0, 1, BAR);
        }
        // The network address, and for IPv4 the broadcast address, at the ends.
        g.setFill(rgb(s.reserved()));
        g.fillRect(0, 0, 2, BAR);
        if (space.band(space.lastAddressOffset()) == MapSpace.Band.RESERVED) {
            g.fillRect(w - 2, 0, 2, BAR);
        }
        g.setFill(rgb(s.kubernetes()));
        for (int x : strip.marks()) {
            g.fillRect(Math.max(0, x - 1), 0, 3, BAR);
        }
        g.setStroke(rgb(s.grid()));
        g.strokeRect(0.5, 0.5, w - 1, BAR - 1);
        start.setText(strip.ticks().get(0).label());
        end.setText(strip.ticks().get(strip.ticks().size() - 1).label());
        middle.setText(strip.ticks().size() == 3 ? strip.ticks().get(1).label() : "");
        requestLayout();
    }

    private static Color rgb(int argb) {
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }
}
