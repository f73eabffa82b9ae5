package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapViewport;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.map.AddressMapView;
import dev.cidrstudio.ui.map.LinearStripView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Map tab: a map per prefix, IPv4 and IPv6 side by side, hover, click, zoom, export, dark palette. */
@ExtendWith(ApplicationExtension.class)
class MapViewTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;
    private CidrStudioApp.MainWindow window;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        window = CidrStudioApp.createMainWindow(vm);
        s.setScene(window.scene());
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<AddressMapView> canvases(FxRobot robot) {
        return robot.lookup(".address-map").queryAllAs(AddressMapView.class).stream().toList();
    }

    @Test
    void eachCanvasIsAsWideAsItsCurveSoThePrefixFillsIt(FxRobot robot) {
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        Tabs.open(robot, "Map");
        for (AddressMapView map : canvases(robot)) {
            double aspect = (double) map.space().layout().width() / map.space().layout().height();
            String name = map.space().layout().cidr().toString();
            assertTrue(map.getWidth() <= map.getHeight() * aspect + 1, name + ": " + map.getWidth() + " x "
                    + map.getHeight() + " leaves empty margins beside the curve");
            assertTrue(map.getWidth() >= 159, name + " keeps a usable size: " + map.getWidth());
            // Fitted, the curve starts at the canvas's left edge: no margin on either side.
            assertTrue(Math.abs(map.viewport().x()) <= 1, name + " is offset by " + map.viewport().x());
        }
    }

    @Test
    void drawsEachPrefixAndTellsWhatIsUnderThePointer(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        List<AddressMapView> maps = canvases(robot);
        assertEquals(List.of("extra-v4 10.97.0.0/20", "kubernetes 10.96.0.0/24", "kubernetes fd00:10:96::/112"),
                maps.stream().map(c -> c.space().serviceCidr() + " " + c.space().layout().cidr()).sorted().toList());
        AddressMapView v4 = maps.stream().filter(c -> c.space().layout().cidr().toString().equals("10.96.0.0/24"))
                .findFirst().orElseThrow();
        assertTrue(v4.getWidth() > 100, "laid out: " + v4.getWidth());

        // kubernetes.default is the first address of the range: click it.
        MapViewport vp = v4.viewport();
        long cell = v4.space().layout().cellOf(v4.space().kubernetesOffset());
        int side = vp.level() < 0 ? 1 << -vp.level() : 1;
        double x = ((cell >>> 32) * side) - vp.x() + side / 2.0;
        double y = ((cell & 0xFFFF_FFFFL) * side) - vp.y() + side / 2.0;
        // The fitted map is enlarged to fill its panel: screen = map pixels x scale.
        assertTrue(v4.scale() >= 1 && v4.scale() < 2, "scale " + v4.scale());
        robot.moveTo(robot.point(v4).atPosition(Pos.TOP_LEFT).atOffset(new Point2D(x * v4.scale(),
                y * v4.scale())));
        WaitForAsyncUtils.waitForFxEvents();
        String hover = robot.lookup("#mapHover").queryAs(Label.class).getText();
        assertTrue(hover.startsWith("10.96.0.1  static band  IPAddress 10.96.0.1 -> Service default/kubernetes"),
                hover);
        assertTrue(hover.contains("(kubernetes.default)"), hover);
        robot.clickOn(MouseButton.PRIMARY);
        String inspector = robot.lookup("#inspector").queryAs(TextArea.class).getText();
        assertEquals("IPAddress 10.96.0.1", robot.lookup("#inspectorTitle").queryAs(Label.class).getText());
        assertTrue(inspector.contains("kind: IPAddress"), inspector);
        assertTrue(inspector.contains("kind: Service"), inspector);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map")).get();

        // Zooming in keeps the pointed address in place and shows fewer addresses per pixel.
        int before = vp.level();
        fx(() -> v4.zoom(1, (int) x, (int) y));
        assertEquals(before - 1, v4.viewport().level());
        fx(v4::fit);
        assertEquals(before, v4.viewport().level());

        // The wheel zooms in half steps: the address under the pointer stays under it, and two half steps in
        // make one power of two.
        double sx = x * v4.scale();
        double sy = y * v4.scale();
        AddressMap.Spot under = v4.spotAt(sx, sy);
        double perCell = v4.scale() * Math.pow(2, -v4.viewport().level());
        fx(() -> v4.zoomBy(0.5, sx, sy));
        assertEquals(under.address(), v4.spotAt(sx, sy).address(), "the pointed address stays in place");
        assertEquals(perCell * Math.sqrt(2), v4.scale() * Math.pow(2, -v4.viewport().level()), 0.01 * perCell);
        fx(() -> v4.zoomBy(0.5, sx, sy));
        assertEquals(perCell * 2, v4.scale() * Math.pow(2, -v4.viewport().level()), 0.01 * perCell);
        assertEquals(under.address(), v4.spotAt(sx, sy).address());
        fx(() -> v4.zoomBy(-1, sx, sy));
        assertEquals(perCell, v4.scale() * Math.pow(2, -v4.viewport().level()), 0.01 * perCell);
    }

    @Test
    void eachPanelSaysItsRangeAndScaleAndLabelsItsBlocks(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        AddressMapView v6 = canvases(robot).stream().filter(c -> c.space().layout().cidr().toString()
                .equals("fd00:10:96::/112")).findFirst().orElseThrow();
        String scale = robot.lookup("#mapScale-kubernetes-IPv6").queryAs(Label.class).getText();
        assertTrue(scale.matches("Map: (1 px = ~?[0-9,]+ addresses|1 address = [0-9.]+ px); showing all of "
                + "fd00:10:96::/112\\. The bar above runs from the first address to the last\\."), scale);
        // Zoomed in, the breadcrumb says where: the prefix, then the smaller prefixes on screen.
        for (int i = 0; i < 3; i++) {
            fx(() -> v6.zoom(1, v6.viewport().width() / 2, v6.viewport().height() / 2));
        }
        String zoomed = robot.lookup("#mapScale-kubernetes-IPv6").queryAs(Label.class).getText();
        assertTrue(zoomed.contains("showing fd00:10:96::/112 \u203a fd00:10:96:"), zoomed);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-breadcrumb")).get();
        fx(() -> v6.fit());
        assertTrue(robot.lookup("#mapCurve").queryAs(Label.class).getText().startsWith("Hilbert curve: addresses "
                + "run from the top-left corner to the top-right one"));
        // The linear view under it runs from the first address to the last.
        LinearStripView strip = robot.lookup("#strip-kubernetes-IPv6").queryAs(LinearStripView.class);
        assertEquals(List.of("fd00:10:96::", "fd00:10:96::ffff"), List.of(strip.strip().ticks().get(0).label(),
                strip.strip().ticks().get(strip.strip().ticks().size() - 1).label()));
        assertEquals((int) Math.floor(strip.getWidth()), strip.strip().columns().length);
        // Two lone Service IPs in 65,536 addresses are still marked far out.
        int[] marks = dev.cidrstudio.app.map.MapCaption.marks(v6.pixels(), v6.viewport(), v6.scale(),
                v6.paletteProperty().get());
        assertEquals(2, marks.length);
        javafx.scene.control.ToggleButton labels = robot.lookup("#mapLabels").queryAs(
                javafx.scene.control.ToggleButton.class);
        assertTrue(labels.isSelected() && v6.labelsShown());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-labels")).get();
        robot.clickOn(labels);
        assertFalse(v6.labelsShown());

        // The hover line describes the plan on screen: a change of plan clears it.
        robot.moveTo(robot.point(v6).atPosition(Pos.CENTER));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#mapHover").queryAs(Label.class).getText().startsWith("fd00:10:96::"));
        robot.moveTo("#mapZoomIn");
        fx(() -> {
            try {
                vm.session().edit("Create Namespace team", api -> api.create(new dev.cidrstudio.model.api.Namespace(
                        dev.cidrstudio.model.api.ObjectMeta.named("team"), "Active")));
            } catch (dev.cidrstudio.model.cluster.ApiException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals("Point at an address to see what it is.",
                robot.lookup("#mapHover").queryAs(Label.class).getText());
    }

    @Test
    void aPrefixSplitsIntoHalvesWithTheAllocationsInEach(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        javafx.scene.control.MenuButton split = robot.lookup("#split-extra-v4-IPv4")
                .queryAs(javafx.scene.control.MenuButton.class);
        assertEquals("Halves (/21)", split.getItems().get(0).getText());
        assertEquals("/28 (256 subnets)", split.getItems().get(7).getText());
        fx(() -> split.getItems().get(0).fire());
        TableView<dev.cidrstudio.app.map.PrefixSplit.Subnet> table = robot.lookup("#splitTable").queryTableView();
        assertEquals(List.of("10.97.0.0/21", "10.97.8.0/21"), table.getItems().stream()
                .map(dev.cidrstudio.app.map.PrefixSplit.Subnet::cidr).toList());
        assertEquals(2, table.getItems().stream().mapToLong(dev.cidrstudio.app.map.PrefixSplit.Subnet::allocated)
                .sum(), "the prefix's two allocations");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(table.getScene(), "map-split")).get();
        fx(() -> ((javafx.stage.Stage) table.getScene().getWindow()).close());
    }

    @Test
    void theLegendPicksOneNamespace(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        long before = canvases(robot).stream().mapToLong(c -> c.space().used()).sum();
        Label shop = robot.lookup("#legend-ns-shop").queryAs(Label.class);
        fx(() -> shop.getOnMouseClicked().handle(null));
        long only = canvases(robot).stream().mapToLong(c -> c.space().used()).sum();
        assertTrue(only > 0 && only < before, only + " of " + before);
        assertTrue(robot.lookup("#mapMessage").queryAs(Label.class).getText().startsWith(
                "Showing only namespace shop"));
        assertTrue(robot.lookup("#legend-ns-shop").queryAs(Label.class).getStyleClass().contains("legend-picked"));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-one-namespace")).get();
        fx(() -> robot.lookup("#legend-ns-shop").queryAs(Label.class).getOnMouseClicked().handle(null));
        assertEquals(before, canvases(robot).stream().mapToLong(c -> c.space().used()).sum());
        assertEquals("", robot.lookup("#mapMessage").queryAs(Label.class).getText());
    }

    @Test
    void exportsTheViewAsPngAndSvgAndSwitchesToTheDarkPalette(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        AddressMapView first = canvases(robot).get(0);
        int lightPixel = first.pixels()[first.pixels().length / 2];
        // View > Dark theme: the window and the map's palette change together.
        fx(() -> robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(i -> "darkItem".equals(i.getId())).findFirst()
                .map(javafx.scene.control.RadioMenuItem.class::cast).orElseThrow().setSelected(true));
        assertTrue(vm.darkProperty().get());
        assertTrue(stage.getScene().getRoot().getStyleClass().contains("dark"));
        assertNotEquals(lightPixel, first.pixels()[first.pixels().length / 2]);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-dark")).get();
        // The choice is remembered for the next start.
        assertTrue(dev.cidrstudio.app.UiPreferences.load(dir.resolve("config")).dark());

        Path png = dir.resolve("map.png");
        Path svg = dir.resolve("map.svg");
        fx(() -> window.view().mapView().exportPng(png.toFile()));
        fx(() -> window.view().mapView().exportSvg(svg.toFile()));
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 300 && image.getHeight() > 300, image.getWidth() + "x" + image.getHeight());
        String text = Files.readString(svg);
        assertTrue(text.startsWith("<?xml"), text.substring(0, 40));
        assertTrue(text.contains("kubernetes 10.96.0.0/24 - "), "titles");
        assertTrue(text.contains("namespace shop"), "legend");
        assertTrue(text.contains("<rect x=\""), "pixels");
        assertEquals("Exported map.svg", robot.lookup("#mapMessage").queryAs(Label.class).getText());
        fx(() -> vm.darkProperty().set(false));
    }

    @Test
    void marksOverlapsAndServiceCidrsPendingDeletion(FxRobot robot) throws Exception {
        fx(() -> {
            try {
                vm.session().edit("overlap and delete", api -> {
                    api.create(new dev.cidrstudio.model.api.ServiceCidr(dev.cidrstudio.model.api.ObjectMeta
                            .named("wider"), List.of("10.96.0.0/23"), List.of()));
                    api.delete(dev.cidrstudio.model.api.Kind.SERVICE_CIDR, null, "extra-v4");
                });
            } catch (dev.cidrstudio.model.cluster.ApiException e) {
                throw new AssertionError(e);
            }
        });
        Tabs.open(robot, "Map");
        List<String> summaries = robot.lookup(".panel-summary").queryAllAs(Label.class).stream().map(Label::getText)
                .toList();
        assertTrue(summaries.stream().anyMatch(t -> t.contains("pending deletion")), summaries.toString());
        assertTrue(summaries.stream().anyMatch(t -> t.contains("overlaps wider")), summaries.toString());
        AddressMapView pending = canvases(robot).stream().filter(c -> c.space().serviceCidr().equals("extra-v4"))
                .findFirst().orElseThrow();
        assertTrue(java.util.Arrays.stream(pending.pixels())
                .anyMatch(p -> p == dev.cidrstudio.app.map.MapTheme.light().pending()), "stripes");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-overlap-pending")).get();
    }
}
