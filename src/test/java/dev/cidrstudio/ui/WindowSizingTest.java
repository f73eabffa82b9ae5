package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A window that a window manager maps at another size gets the size asked for once it is shown. */
@ExtendWith(ApplicationExtension.class)
class WindowSizingTest {

    @Test
    void theRequestedSizeHoldsAfterTheWindowIsShown() {
        AtomicReference<Stage> stage = new AtomicReference<>();
        Platform.runLater(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane(), 300, 200));
            WindowSizing.keepRequestedSize(s, 900, 600);
            // What openbox does to a JavaFX 21 window: it comes up at its minimum size.
            s.setWidth(640);
            s.setHeight(420);
            s.show();
            stage.set(s);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(900, stage.get().getWidth(), 0.5);
        assertEquals(600, stage.get().getHeight(), 0.5);
        Platform.runLater(() -> stage.get().close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aMaximisedWindowRemembersTheSizeItHadBefore() {
        AtomicReference<Stage> stage = new AtomicReference<>();
        AtomicReference<WindowSizing.NormalSize> normal = new AtomicReference<>();
        Platform.runLater(() -> {
            Stage s = new Stage();
            s.setScene(new Scene(new Pane(), 300, 200));
            s.setWidth(900);
            s.setHeight(600);
            normal.set(WindowSizing.trackNormalSize(s, 900, 600));
            s.show();
            s.setWidth(1000);
            s.setHeight(700);
            s.setMaximized(true);
            // What a window manager does on maximising: the window takes the screen.
            s.setWidth(5000);
            s.setHeight(4000);
            stage.set(s);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1000, normal.get().width(), 0.5);
        assertEquals(700, normal.get().height(), 0.5);
        Platform.runLater(() -> stage.get().close());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aRememberedSizeLargerThanTheScreenIsCutToIt() {
        double[] fit = WindowSizing.fitScreen(2560, 1440, 1280, 768);
        assertEquals(1280, fit[0]);
        assertEquals(768, fit[1]);
        fit = WindowSizing.fitScreen(1000, 700, 1280, 768);
        assertEquals(1000, fit[0]);
        assertEquals(700, fit[1]);
    }
}
