package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.map.AddressMap;
import dev.cidrstudio.app.map.MapViewport;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.map.AddressMapView;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window on a real background executor, as a user meets it: a console loop is one undoable change that marks the
 * plan unsaved and reaches the recovery copy; reads leave the plan alone; the map keeps its view across changes.
 */
@ExtendWith(ApplicationExtension.class)
class OneDoorWindowTest {

    @TempDir
    static Path dir;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-worker");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService autosaver = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-autosave");
        t.setDaemon(true);
        return t;
    });
    private MainWindowViewModel vm;

    @Start
    void start(Stage s) {
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config-" + System.nanoTime())), worker, autosaver);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void runInConsole(FxRobot robot, String text) throws TimeoutException {
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        fx(() -> {
            input.setText(text);
            vm.console().run();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aConsoleLoopIsOneUndoStepMarksThePlanUnsavedAndReachesTheRecoveryCopy(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        runInConsole(robot, "for i in $(seq 1 3); do kubectl create service clusterip s$i --tcp=80; done");
        for (String n : List.of("s1", "s2", "s3")) {
            assertTrue(vm.session().view().find(Kind.SERVICE, "default", n).isPresent(), n);
        }
        assertTrue(vm.titleProperty().get().endsWith(" *"), vm.titleProperty().get());
        assertTrue(vm.canUndoProperty().get());
        assertTrue(vm.undoTextProperty().get().startsWith("Undo console: for i in $(seq 1 3)"),
                vm.undoTextProperty().get());
        assertTrue(vm.session().dirty(), "closing the window asks first");

        fx(vm::autosave);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.session().recoveryFile().isPresent());
        assertTrue(Files.readString(vm.session().recoveryFile().orElseThrow()).contains("name: s3"));

        fx(vm::undo);
        for (String n : List.of("s1", "s2", "s3")) {
            assertTrue(vm.session().view().find(Kind.SERVICE, "default", n).isEmpty(), "one Undo takes all back");
        }
        assertFalse(vm.canUndoProperty().get());
        assertFalse(vm.titleProperty().get().endsWith(" *"), "back where it was opened");
        assertTrue(vm.session().recoveryFile().isEmpty(), "nothing left to recover");
        assertTrue(vm.canRedoProperty().get());
        fx(vm::redo);
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "s2").isPresent());
    }

    @Test
    void readsOnTheWorkerLeaveThePlanAndItsClockAlone(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        long revision = vm.session().revision();
        var clock = vm.session().current().now();
        runInConsole(robot, "for i in $(seq 1 2); do kubectl get services; done\nkubectl get servicecidrs");
        assertEquals(revision, vm.session().revision());
        assertEquals(clock, vm.session().current().now(), "reads never change the plan's identity");
        assertFalse(vm.canUndoProperty().get());
        assertFalse(vm.session().dirty());
    }

    @Test
    void theMapKeepsItsZoomAndPlaceAcrossAnEditAndAnUndo(FxRobot robot) throws Exception {
        Tabs.open(robot, "Map");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.map().mapProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        AddressMapView before = robot.lookup("#map-kubernetes-IPv4").queryAs(AddressMapView.class);
        fx(() -> before.zoom(2, (int) before.viewport().width() / 2, (int) before.viewport().height() / 2));
        fx(() -> before.pan(3, 2));
        MapViewport zoomed = before.viewport();
        AddressMap shown = vm.map().mapProperty().get();

        fx(() -> {
            try {
                vm.session().edit("Create Service default/late", api -> api.create(new dev.cidrstudio.model.api.Service(
                        dev.cidrstudio.model.api.ObjectMeta.named("default", "late"),
                        dev.cidrstudio.model.api.ServiceSpec.empty().withType("ClusterIP").withPorts(List.of(
                                dev.cidrstudio.model.api.ServicePort.tcp(80))), List.of())));
            } catch (dev.cidrstudio.model.cluster.ApiException e) {
                throw new AssertionError(e);
            }
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.map().mapProperty().get() != shown);
        WaitForAsyncUtils.waitForFxEvents();
        AddressMapView after = robot.lookup("#map-kubernetes-IPv4").queryAs(AddressMapView.class);
        assertNotSame(before, after, "the map was rebuilt for the new Service");
        assertEquals(zoomed, after.viewport(), "the edit kept the zoom and place");

        AddressMap edited = vm.map().mapProperty().get();
        fx(vm::undo);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.map().mapProperty().get() != edited);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(zoomed, robot.lookup("#map-kubernetes-IPv4").queryAs(AddressMapView.class).viewport(),
                "Undo kept the zoom and place");
    }

    @Test
    void autosaveWritesThePublishedPlanWhileALongScriptRunsAndCancelLeavesThePlanAsItWas(FxRobot robot)
            throws Exception {
        Tabs.open(robot, "Console");
        fx(() -> {
            try {
                vm.session().edit("Create Namespace before-script", api -> api.create(
                        new dev.cidrstudio.model.api.Namespace(dev.cidrstudio.model.api.ObjectMeta.named(
                                "before-script"), "Active")));
            } catch (dev.cidrstudio.model.cluster.ApiException e) {
                throw new AssertionError(e);
            }
        });
        long revision = vm.session().revision();
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        fx(() -> {
            input.setText("for i in $(seq 1 9000); do kubectl create service clusterip l$i --tcp=80; done");
            vm.console().run();
        });
        assertTrue(vm.busyProperty().get(), "the loop runs on the worker");
        fx(vm::autosave);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> vm.session().recoveryFile().isPresent());
        String copy = Files.readString(vm.session().recoveryFile().orElseThrow());
        assertTrue(vm.busyProperty().get(), "the copy was written while the script ran");
        assertTrue(copy.contains("name: before-script"), "the copy holds what was published");
        assertFalse(copy.contains("name: l1\n"), "and nothing of the script that has not finished");

        fx(vm::cancel);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(revision, vm.session().revision(), "a cancelled script leaves the plan as it was");
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "l1").isEmpty());
        assertEquals("Undo Create Namespace before-script", vm.undoTextProperty().get());
    }

    @Test
    void anImportOnTheWorkerIsOneUndoStep(FxRobot robot) throws Exception {
        Path manifest = dir.resolve("web-" + System.nanoTime() + ".yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: imported-web
                  namespace: default
                spec:
                  ports:
                  - port: 80
                """);
        fx(() -> vm.importFiles(List.of(manifest)));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "imported-web").isPresent());
        assertEquals("Undo Import", vm.undoTextProperty().get());
        assertTrue(vm.titleProperty().get().endsWith(" *"));
        fx(vm::undo);
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "imported-web").isEmpty());
    }
}
