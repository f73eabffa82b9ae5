package dev.cidrstudio.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Help → CIDR Studio help (F1): the bundled guide to the window, in a window of its own. */
final class HelpWindow {

    static final String RESOURCE = "/dev/cidrstudio/ui/help/help.txt";

    private HelpWindow() {
    }

    static String text() {
        try (InputStream in = HelpWindow.class.getResourceAsStream(RESOURCE)) {
            return in == null ? "The help text is missing from this build." : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void show(Window owner) {
        TextArea area = new TextArea(text());
        area.setEditable(false);
        area.setWrapText(true);
        area.setId("helpText");
        area.setAccessibleText("CIDR Studio help");
        // Escape closes the guide, as it closes a dialog.
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ESCAPE) {
                ((Stage) area.getScene().getWindow()).close();
            }
        });
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("CIDR Studio help");
        Scene scene = new Scene(area, 720, 560);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            scene.getRoot().setStyle(owner.getScene().getRoot().getStyle());
        }
        stage.setScene(scene);
        stage.show();
    }
}
