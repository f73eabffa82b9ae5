package dev.cidrstudio.ui;

import javafx.application.Platform;
import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Selects a tab of the main window by its title, as a user clicking it would. */
final class Tabs {

    private Tabs() {
    }

    static void open(FxRobot robot, String title) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        Platform.runLater(() -> tabs.getSelectionModel().select(tabs.getTabs().stream()
                .filter(t -> title.equals(t.getText())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
