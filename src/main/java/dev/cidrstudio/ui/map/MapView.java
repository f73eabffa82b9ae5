package dev.cidrstudio.ui.map;

import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapCaption;
import dev.cidrstudio.app.map.MapExport;
import dev.cidrstudio.app.map.MapSpace;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.stage.FileChooser;

/**
 * Code-behind of {@code MapView.fxml}: one column per IP family (IPv4 and IPv6 side by side for a dual-stack
 * plan), one map per ServiceCIDR prefix, the legend, the inspector, and export.
 */
public final class MapView {

    @FXML
    private VBox mapArea;
    @FXML
    private HBox columns;
    @FXML
    private FlowPane legend;
    @FXML
    private Label hover;
    @FXML
    private Label message;
    @FXML
    private Label curve;
    @FXML
    private javafx.scene.control.ToggleButton labels;
    @FXML
    private javafx.scene.control.Button backToPlan;

    private MapViewModel vm;
    private final List<AddressMapView> canvases = new ArrayList<>();
    /** The maps of the last rebuild, by prefix, whose view the new ones take over. */
    private final java.util.Map<String, AddressMapView> previous = new java.util.HashMap<>();
    private AddressMapView focused;

    public void bind(MapViewModel viewModel) {
        this.vm = viewModel;
        hover.textProperty().bind(vm.hoverProperty());
        message.textProperty().bind(Bindings.createStringBinding(
                () -> ((vm.onlyNamespaceProperty().get() == null ? "" : "Showing only namespace "
                        + vm.onlyNamespaceProperty().get() + " (click it in the legend again for all).  ")
                        + vm.previewingProperty().get() + "  " + vm.messageProperty().get()).strip(),
                vm.previewingProperty(), vm.messageProperty(), vm.onlyNamespaceProperty()));
        backToPlan.visibleProperty().bind(vm.previewingProperty().isNotEmpty());
        backToPlan.managedProperty().bind(backToPlan.visibleProperty());
        vm.mapProperty().addListener((o, a, b) -> rebuild(b));
        vm.darkProperty().addListener((o, a, b) -> rebuildLegend());
        rebuild(vm.mapProperty().get());
    }

    @FXML
    void onBackToPlan() {
        vm.endPreview();
    }

    /**
     * Shows an address: zooms the map of the most specific prefix holding it onto it and opens it in the
     * inspector; false when no ServiceCIDR holds it.
     */
    public boolean reveal(String ip) {
        var address = IpParsing.parseIpSloppy(ip);
        AddressMapView best = null;
        for (AddressMapView c : canvases) {
            var cidr = c.space().layout().cidr();
            if (address.isPresent() && cidr.contains(address.get())
                    && (best == null || cidr.prefixLength() > best.space().layout().cidr().prefixLength())) {
                best = c;
            }
        }
        if (best == null) {
            return false;
        }
        best.requestFocus();
        best.reveal(address.get().minus(best.space().layout().cidr().network()));
        return true;
    }

    /** The maps on screen (for tests). */
    public List<AddressMapView> canvases() {
        return List.copyOf(canvases);
    }

    private void rebuild(AddressMap map) {
        previous.clear();
        canvases.forEach(c -> previous.put(key(c.space()), c));
        AddressMapView hadFocus = focused != null && focused.isFocused() ? focused : null;
        columns.getChildren().clear();
        canvases.clear();
        focused = null;
        if (map == null) {
            return;
        }
        if (map.spaces().isEmpty()) {
            columns.getChildren().add(new Label("The plan has no ServiceCIDR."));
        }
        for (IpFamily family : IpFamily.values()) {
            List<MapSpace> spaces = map.spaces().stream()
                    .filter(s -> s.layout().cidr().family() == family).toList();
            if (spaces.isEmpty()) {
                continue;
            }
            VBox column = new VBox(6);
            Label title = new Label(family.name());
            title.getStyleClass().add("family-title");
            column.getChildren().add(title);
            for (MapSpace space : spaces) {
                VBox panel = panel(map, space);
                // The family's prefixes share its column's height, so a lone prefix gets all of it.
                VBox.setVgrow(panel, Priority.ALWAYS);
                column.getChildren().add(panel);
            }
            columns.getChildren().add(column);
        }
        previous.clear();
        if (hadFocus != null) {
            canvases.stream().filter(c -> key(c.space()).equals(key(hadFocus.space()))).findFirst()
                    .ifPresent(AddressMapView::requestFocus);
        }
        rebuildLegend();
        curve.setText(map.spaces().isEmpty() ? "" : MapCaption.curve(map.spaces().stream()
                .filter(sp -> sp.layout().halves() == 1).findFirst().orElse(map.spaces().get(0)).layout())
                + ". Numbers at block corners are each block's first address.");
    }

    private static String key(MapSpace space) {
        return space.serviceCidr() + " " + space.layout().cidr();
    }

    private VBox panel(AddressMap map, MapSpace space) {
        Label name = new Label(space.serviceCidr() + "  " + space.layout().cidr());
        name.getStyleClass().add("panel-title");
        StringBuilder notes = new StringBuilder(AddressMap.summary(space));
        if (space.pendingDeletion()) {
            notes.append("  - pending deletion");
        }
        for (MapSpace.Overlap o : space.overlaps()) {
            notes.append("  - overlaps ").append(o.serviceCidr());
        }
        if (!space.layout().complete()) {
            notes.append("  - first /64 shown (the allocator serves no more)");
        }
        Label summary = new Label(notes.toString());
        summary.getStyleClass().add("panel-summary");
        AddressMapView canvas = new AddressMapView(map, space);
        canvas.continueFrom(previous.get(key(space)));
        canvas.setId("map-" + space.serviceCidr() + "-" + space.layout().cidr().family());
        canvas.pointedProperty().addListener((o, a, b) -> vm.hover(b));
        canvas.selectedProperty().addListener((o, a, b) -> vm.select(b));
        canvas.focusedProperty().addListener((o, a, b) -> {
            if (b) {
                focused = canvas;
            }
        });
        canvases.add(canvas);
        canvas.labelsShownProperty().bind(labels.selectedProperty());
        Label scale = new Label();
        scale.setId("mapScale-" + space.serviceCidr() + "-" + space.layout().cidr().family());
        scale.getStyleClass().add("panel-scale");
        scale.setWrapText(true);
        scale.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        scale.textProperty().bind(Bindings.createStringBinding(() -> canvas.viewport() == null ? ""
                : "Map: " + MapCaption.scale(canvas.viewport(), canvas.scale()) + "; showing "
                        + MapCaption.breadcrumb(space.layout(), canvas.viewport())
                        + ". The bar above runs from the first address to the last.", canvas.viewportProperty()));
        LinearStripView strip = new LinearStripView(space, canvas.paletteProperty());
        strip.setId("strip-" + space.serviceCidr() + "-" + space.layout().cidr().family());
        javafx.scene.control.MenuButton split = SplitDialog.button(space,
                () -> mapArea.getScene() == null ? null : mapArea.getScene().getWindow());
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox head = new HBox(8, name, gap, split);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox box = new VBox(2, head, summary, canvas, strip, scale);
        VBox.setVgrow(canvas, Priority.ALWAYS);
        // The canvas is as wide as the curve needs at the height it gets (a square, or 2:1), so the prefix fills it
        // instead of sitting between empty margins; the family's column takes that width and the bar follows it.
        double aspect = (double) space.layout().width() / space.layout().height();
        canvas.prefWidthProperty().bind(canvas.heightProperty().multiply(aspect));
        canvas.maxWidthProperty().bind(canvas.heightProperty().multiply(aspect));
        strip.maxWidthProperty().bind(canvas.widthProperty());
        // The wrapping lines take the canvas's width rather than widening the column to their own length.
        summary.setPrefWidth(1);
        summary.setMaxWidth(Double.MAX_VALUE);
        summary.setWrapText(true);
        scale.setPrefWidth(1);
        scale.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    private void rebuildLegend() {
        legend.getChildren().clear();
        for (MapExport.LegendEntry e : vm.legend()) {
            Rectangle swatch = new Rectangle(14, 14, Color.rgb((e.color() >> 16) & 0xFF, (e.color() >> 8) & 0xFF,
                    e.color() & 0xFF));
            swatch.getStyleClass().add("swatch");
            Label l = new Label(e.label(), swatch);
            if (e.namespace() != null) {
                // A namespace's entry picks it: the map then shows only its Services' addresses.
                String ns = e.namespace();
                l.setId("legend-ns-" + ns);
                l.getStyleClass().add("legend-pick");
                if (ns.equals(vm.onlyNamespaceProperty().get())) {
                    l.getStyleClass().add("legend-picked");
                }
                l.setAccessibleRole(javafx.scene.AccessibleRole.TOGGLE_BUTTON);
                l.setAccessibleHelp("Show only namespace " + ns + " on the map; again to show all");
                l.setFocusTraversable(true);
                l.setOnMouseClicked(ev -> vm.toggleNamespace(ns));
                l.setOnKeyPressed(ev -> {
                    if (ev.getCode() == javafx.scene.input.KeyCode.ENTER
                            || ev.getCode() == javafx.scene.input.KeyCode.SPACE) {
                        vm.toggleNamespace(ns);
                    }
                });
            }
            legend.getChildren().add(l);
        }
    }

    private List<AddressMapView> targets() {
        return focused != null ? List.of(focused) : canvases;
    }

    @FXML
    void onZoomIn() {
        targets().forEach(c -> c.zoom(1, c.viewport().width() / 2, c.viewport().height() / 2));
    }

    @FXML
    void onZoomOut() {
        targets().forEach(c -> c.zoom(-1, c.viewport().width() / 2, c.viewport().height() / 2));
    }

    @FXML
    void onFit() {
        targets().forEach(AddressMapView::fit);
    }

    private File choose(String title, String ext) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName("address-map." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT),
                "*." + ext));
        return fc.showSaveDialog(mapArea.getScene().getWindow());
    }

    @FXML
    void onExportPng() {
        File f = choose("Export the map as PNG", "png");
        if (f != null) {
            exportPng(f);
        }
    }

    @FXML
    void onExportSvg() {
        File f = choose("Export the map as SVG", "svg");
        if (f != null) {
            exportSvg(f);
        }
    }

    /** The current view (maps, titles, legend) as it is on screen. */
    public void exportPng(File f) {
        WritableImage img = mapArea.snapshot(null, null);
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        vm.exportPng(f.toPath(), argb, w, h);
    }

    /** The current views of every map as SVG rectangles, with titles and the legend. */
    public void exportSvg(File f) {
        List<MapExport.Panel> panels = new ArrayList<>();
        for (AddressMapView c : canvases) {
            var v = c.viewport();
            if (v != null) {
                panels.add(new MapExport.Panel(c.space().serviceCidr() + " " + c.space().layout().cidr() + " - "
                        + AddressMap.summary(c.space()), c.pixels(), v.width(), v.height()));
            }
        }
        vm.exportSvg(f.toPath(), panels);
    }
}
