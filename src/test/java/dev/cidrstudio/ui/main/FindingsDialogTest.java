package dev.cidrstudio.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.io.yaml.Mark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Import errors in a list a user can read, copy and follow to the line, in the order of the file. */
@ExtendWith(ApplicationExtension.class)
class FindingsDialogTest {

    @TempDir
    static Path dir;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        s.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 300, 200));
        s.show();
    }

    private static Finding error(Path file, int line, String message) {
        return new Finding(Finding.Severity.ERROR, file.toString(), new Mark(line, 3), message);
    }

    @Test
    void findingsAreListedInLineOrderAndPickingOneShowsItsLine(FxRobot robot) throws Exception {
        Path a = dir.resolve("a.yaml");
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            text.append("line").append(i).append(": value\n");
        }
        Files.writeString(a, text.toString());
        Path b = dir.resolve("b.yaml");
        Files.writeString(b, "only: one\n");
        List<Finding> found = List.of(error(b, 1, "third"), error(a, 30, "second"), error(a, 4, "first"));
        MainWindowViewModel.Message m = new MainWindowViewModel.Message(true, "Import failed",
                found.stream().map(Finding::describe).toList(), found);
        FindingsDialog[] d = new FindingsDialog[1];
        Platform.runLater(() -> {
            d[0] = new FindingsDialog(m, stage, Runnable::run);
            d[0].show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("first", "second", "third"), d[0].shown().stream().map(Finding::message).toList());
        assertEquals(a + ":4: error: first\n" + a + ":30: error: second\n" + b + ":1: error: third\n",
                FindingsDialog.text(d[0].shown()));

        DialogPane pane = robot.lookup("#findingsDialog").queryAs(DialogPane.class);
        assertTrue(((Stage) pane.getScene().getWindow()).isResizable(), "the dialog can be resized");
        @SuppressWarnings("unchecked")
        ListView<Finding> list = robot.lookup("#findingsList").queryAs(ListView.class);
        TextArea source = robot.lookup("#findingsSource").queryAs(TextArea.class);
        assertEquals("     4  line4: value", source.getSelectedText());
        Platform.runLater(() -> list.getSelectionModel().clearAndSelect(1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("    30  line30: value", source.getSelectedText());
        assertTrue(source.getText().startsWith("    24  line24"), source.getText());
        assertTrue(source.getText().endsWith("    36  line36: value\n"), source.getText());
        assertEquals(a + ", line 30", robot.lookup("#findingsWhere").queryLabeled().getText());
        Platform.runLater(() -> ((Stage) pane.getScene().getWindow()).close());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
