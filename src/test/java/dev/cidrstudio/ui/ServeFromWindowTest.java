package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Cluster > Serve to kubectl: the real kubectl writes to the open plan, the window shows it live, marks the plan
 * unsaved and undoes it; stopping removes the kubeconfig.
 */
@ExtendWith(ApplicationExtension.class)
class ServeFromWindowTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-worker");
            t.setDaemon(true);
            return t;
        }));
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.titleProperty().bind(vm.titleProperty());
        s.show();
    }

    @Test
    void aRealKubectlChangesThePlanLiveAndUndoTakesItBack(FxRobot robot) throws Exception {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.MenuItem serve = bar.getMenus().stream().filter(m -> "clusterMenu".equals(m.getId()))
                .findFirst().orElseThrow().getItems().get(0);
        Platform.runLater(serve::fire);
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(() -> robot.lookup("#serveToggle").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        String line = robot.lookup("#serveExport").queryAs(TextField.class).getText();
        assertTrue(line.startsWith("export KUBECONFIG="), line);
        Path kubeconfig = Path.of(line.substring("export KUBECONFIG=".length()));
        assertTrue(Files.isRegularFile(kubeconfig));
        Screenshots.writeFromTest(robot.lookup("#serveDialog").query().getScene(), "serve-dialog");

        RealKubectl kubectl = RealKubectl.of(KubeVersion.V1_34, dir.resolve("home"));
        RealKubectl.Run r = kubectl.run(List.of("create", "service", "clusterip", "from-kubectl", "--tcp=80"), dir,
                kubeconfig);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("service/from-kubectl created\n", r.stdout());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> stage.getTitle().endsWith(" *"));
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "from-kubectl").isPresent());
        assertTrue(vm.session().undoLabel().orElseThrow().contains("from-kubectl"), vm.session().undoLabel()
                .toString());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.overview().services().stream()
                .anyMatch(s -> s.name().equals("from-kubectl")));

        Platform.runLater(vm::undo);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.session().view().find(Kind.SERVICE, "default", "from-kubectl").isPresent());
        RealKubectl.Run gone = kubectl.run(List.of("get", "svc", "from-kubectl"), dir, kubeconfig);
        assertEquals("Error from server (NotFound): services \"from-kubectl\" not found\n", gone.stderr());

        Platform.runLater(() -> robot.lookup("#serveToggle").queryAs(Button.class).fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.server().isEmpty());
        assertFalse(Files.exists(kubeconfig), "stopping removes the kubeconfig");
    }
}
