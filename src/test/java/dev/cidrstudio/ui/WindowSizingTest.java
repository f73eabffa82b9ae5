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
}
