package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An exercise's commands and its step checks read the whole practice cluster, which a learner's loop can fill:
 * they run on the window's worker, and the exercise panel changes only when they are done.
 */
@ExtendWith(ApplicationExtension.class)
class ExerciseOffFxThreadTest {

    @TempDir
    static Path dir;

    /** The window's worker: work waits here until the test runs it on its own (non-FX) thread. */
    private final BlockingQueue<Runnable> worker = new LinkedBlockingQueue<>();
    private MainWindowViewModel vm;

    @Start
    void start(Stage s) {
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), worker::add);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.show();
    }

    private String step(FxRobot robot) {
        return robot.lookup("#exerciseStep").queryLabeled().getText();
    }

    /** Runs the background work handed over so far here, off the FX thread, then lets the FX thread take it. */
    private void runWorker() throws InterruptedException {
        Runnable work = worker.poll(10, TimeUnit.SECONDS);
        assertTrue(work != null, "the work was handed to the worker");
        assertFalse(Platform.isFxApplicationThread());
        for (; work != null; work = worker.poll()) {
            work.run();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theLearnersCommandsAndTheStepChecksRunOnTheWorker(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        robot.clickOn("#consoleExercises").clickOn("Adding entries to Pod /etc/hosts with HostAliases");
        assertEquals("Step 1 of 4: Run an nginx Pod", step(robot));
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);

        robot.clickOn(input).write("kubectl run nginx --image nginx").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        // Nothing ran on the UI thread: the step is where it was and the window shows it is busy.
        assertEquals("Step 1 of 4: Run an nginx Pod", step(robot));
        assertTrue(vm.busyProperty().get());
        assertTrue(vm.console().exercise().orElseThrow().position() == 0);
        runWorker();
        assertEquals("Step 2 of 4: Read the default hosts file", step(robot));
        assertFalse(vm.busyProperty().get());

        // The Check button too.
        robot.clickOn("#exerciseCheck");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("\u2713 Step 1 done. On to the next.", robot.lookup("#exerciseFeedback").queryLabeled().getText());
        runWorker();
        assertTrue(robot.lookup("#exerciseFeedback").queryLabeled().getText().startsWith("Not yet: "),
                robot.lookup("#exerciseFeedback").queryLabeled().getText());
    }
}
