package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.map.AddressMapView;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A new user's first session, as the workspace issue describes it: open the demo plan, read the utilisation off
 * the map, add a ServiceCIDR, run a what-if that fills a range, undo it all, switch to the dark theme, export the
 * map as PNG. Every tab is photographed in the light and the dark theme on the way (target/screenshots/tour-*).
 */
@ExtendWith(ApplicationExtension.class)
class WorkspaceTourTest {

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
        s.setWidth(1280);
        s.setHeight(800);
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shootEveryTab(FxRobot robot, String theme) throws Exception {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        for (var tab : List.copyOf(tabs.getTabs())) {
            fx(() -> tabs.getSelectionModel().select(tab));
            String name = tab.getId().replace("Tab", "").toLowerCase(java.util.Locale.ROOT);
            WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "tour-" + name + "-" + theme)).get();
        }
    }

    @Test
    void aNewUsersFirstSession(FxRobot robot) throws Exception {
        // Read the utilisation off the map: each prefix says how full it is.
        Tabs.open(robot, "Map");
        List<AddressMapView> maps = robot.lookup(".address-map").queryAllAs(AddressMapView.class).stream()
                .toList();
        assertEquals(3, maps.size());
        assertTrue(robot.lookup(".panel-summary").queryAllAs(Label.class).stream().map(Label::getText)
                .anyMatch(t -> t.startsWith("4 of 254 used (1.6%)")));
        shootEveryTab(robot, "light");

        // Add a ServiceCIDR.
        Tabs.open(robot, "ServiceCIDRs");
        fx(() -> {
            robot.lookup("#scName").queryAs(TextField.class).setText("more");
            robot.lookup("#scCidrs").queryAs(TextField.class).setText("10.96.1.0/24");
        });
        fx(() -> robot.lookup("#scApply").queryAs(Button.class).fire());
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "more").isPresent());

        // A what-if that fills the ranges, then adding its Services for real.
        Tabs.open(robot, "Capacity");
        fx(() -> {
            @SuppressWarnings("unchecked")
            Spinner<Integer> n = robot.lookup("#whatIfCount").queryAs(Spinner.class);
            n.getValueFactory().setValue(6000);
            robot.lookup("#whatIfRun").queryAs(Button.class).fire();
        });
        assertTrue(robot.lookup("#whatIfResult").queryAs(javafx.scene.control.TextArea.class).getText()
                .contains("the range fills up at Service default/svc-4597"));
        fx(() -> robot.lookup("#whatIfAdd").queryAs(Button.class).fire());
        assertEquals(4596 + 9, vm.session().view().list(Kind.SERVICE, null).size());

        // Undo it all.
        fx(vm::undo);
        fx(vm::undo);
        assertFalse(vm.session().view().find(Kind.SERVICE_CIDR, null, "more").isPresent());
        assertEquals(9, vm.session().view().list(Kind.SERVICE, null).size());
        assertTrue(vm.session().undoLabel().isEmpty());

        // Dark theme, every tab again, and the map as PNG.
        fx(() -> vm.darkProperty().set(true));
        shootEveryTab(robot, "dark");
        Tabs.open(robot, "Map");
        Path png = dir.resolve("tour-map.png");
        fx(() -> window.view().mapView().exportPng(png.toFile()));
        var image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 400, "width " + image.getWidth());
        fx(() -> vm.darkProperty().set(false));
    }
}
