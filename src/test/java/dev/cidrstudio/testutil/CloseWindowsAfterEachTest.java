package dev.cidrstudio.testutil;

import java.util.List;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * After each test of a window, closes what it left open (dialogs shown with {@code show()}, extra stages) and takes
 * the scene off the primary stage, so no test's window (its plan, its map images) outlives it: the whole suite runs
 * in one 1 GiB JVM, and memory-hungry tests after the window tests need the room. Registered for every test through
 * JUnit's extension auto-detection; it does nothing when JavaFX was never started.
 */
public final class CloseWindowsAfterEachTest implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!FxToolkit.isFXApplicationThreadRunning()) {
            return;
        }
        Stage primary = FxToolkit.toolkitContext().getRegisteredStage();
        FxToolkit.setupFixture(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != primary) {
                    w.hide();
                }
            }
            if (primary != null) {
                primary.titleProperty().unbind();
                if (primary.getScene() != null) {
                    primary.getScene().setRoot(new javafx.scene.Group());
                }
            }
        });
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
    }

}
