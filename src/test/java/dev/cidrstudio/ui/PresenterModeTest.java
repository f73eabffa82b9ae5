package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presenter mode as a classroom meets it at 1280x800: every tab on the strip, the maps' labels apart. */
@ExtendWith(ApplicationExtension.class)
class PresenterModeTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.setWidth(1280);
        s.setHeight(800);
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void everyTabStaysOnTheStripAndTheBarsLabelsDoNotOverlap(FxRobot robot) throws Exception {
        fx(() -> vm.presenterProperty().set(true));
        Tabs.open(robot, "Map");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.map().mapProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        Bounds strip = tabs.localToScene(tabs.getLayoutBounds());
        for (Node header : robot.lookup(".tab-header-area .tab").queryAll()) {
            Bounds b = header.localToScene(header.getLayoutBounds());
            assertTrue(header.isVisible() && b.getMaxX() <= strip.getMaxX() + 0.5, "a tab off the strip: " + b);
        }
        assertEquals(tabs.getTabs().size(), robot.lookup(".tab-header-area .tab").queryAll().size());
        Node overflow = robot.lookup(".tab-header-area .control-buttons-tab").query();
        assertFalse(overflow != null && overflow.isVisible(), "no overflow menu");

        for (Node bar : robot.lookup(".linear-strip").queryAll()) {
            var labels = ((javafx.scene.Parent) bar).getChildrenUnmodifiable().stream()
                    .filter(n -> n instanceof javafx.scene.control.Label && n.isVisible())
                    .map(n -> n.getBoundsInParent()).toList();
            for (int i = 0; i < labels.size(); i++) {
                for (int j = i + 1; j < labels.size(); j++) {
                    Bounds a = labels.get(i);
                    Bounds b = labels.get(j);
                    boolean apart = a.getMaxX() <= b.getMinX() + 0.5 || b.getMaxX() <= a.getMinX() + 0.5
                            || a.getMaxY() <= b.getMinY() + 0.5 || b.getMaxY() <= a.getMinY() + 0.5;
                    assertTrue(apart, bar.getId() + ": labels overlap: " + a + " and " + b);
                }
            }
        }
        Screenshots.writeFromTest(stage.getScene(), "presenter-map");
        fx(() -> vm.presenterProperty().set(false));
    }
}
