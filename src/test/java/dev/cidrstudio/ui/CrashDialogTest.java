package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.CrashHandler;
import dev.cidrstudio.app.CrashLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An uncaught exception with the window up: the report is written and a dialog over the window says where. */
@ExtendWith(ApplicationExtension.class)
class CrashDialogTest {

    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new Scene(new StackPane(), 400, 300));
        s.show();
    }

    private static long dialogs() {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && w.getScene().getRoot().lookup("#crashLogPath") != null).count();
    }

    @Test
    void theDialogSaysWhereTheReportIsAndOnlyOneIsOpenAtATime(FxRobot robot, @TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
        CrashHandler crashes = new CrashHandler(new CrashLog(dir, Clock.systemDefaultZone()), stderr);
        crashes.tellUserBy(new CrashDialog(stage, stderr));

        // Thrown on the FX thread, as a broken event handler would.
        WaitForAsyncUtils.asyncFx(() -> crashes.uncaughtException(Thread.currentThread(),
                new IllegalStateException("first"))).get();
        WaitForAsyncUtils.waitForFxEvents();
        Path report;
        try (var files = Files.list(dir)) {
            report = files.findFirst().orElseThrow();
        }
        assertEquals(report.toString(), robot.lookup("#crashLogPath").queryAs(TextField.class).getText());
        assertTrue(Files.readString(report).contains("IllegalStateException: first"));
        assertEquals(1, dialogs());

        crashes.uncaughtException(new Thread(() -> { }, "worker"), new IllegalStateException("second"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, dialogs(), "a second error while the dialog is open adds no dialog");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "but it has its own report");
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, dialogs());
    }
}
