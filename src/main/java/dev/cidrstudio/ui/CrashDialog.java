package dev.cidrstudio.ui;

import dev.cidrstudio.app.CrashHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Tells the user, over the main window, that an unexpected error was logged and where. One dialog at a time: more
 * errors while it is open are logged without another dialog. If the dialog itself cannot be shown, this and every
 * later report go to standard error, so a failing dialog cannot report its own failure over and over.
 */
public final class CrashDialog implements CrashHandler.Notice {

    private final Window owner;
    private final PrintStream stderr;
    private boolean open; // FX thread only
    private volatile boolean broken;

    public CrashDialog(Window owner, PrintStream stderr) {
        this.owner = owner;
        this.stderr = stderr;
    }

    @Override
    public void crashLogged(Path log, Throwable error) {
        if (broken) {
            CrashHandler.stderrNotice(stderr).crashLogged(log, error);
            return;
        }
        Platform.runLater(() -> {
            if (open) {
                return;
            }
            try {
                Alert a = alert(log);
                if (owner != null && owner.isShowing()) {
                    a.initOwner(owner);
                }
                open = true;
                a.setOnHidden(e -> open = false);
                a.show();
            } catch (RuntimeException | LinkageError e) {
                broken = true;
                open = false;
                CrashHandler.stderrNotice(stderr).crashLogged(log, error);
            }
        });
    }

    static Alert alert(Path log) {
        Alert a = new Alert(Alert.AlertType.ERROR);
        a.setTitle(CidrStudioApp.TITLE);
        a.setHeaderText("Something went wrong");
        Label what = new Label("CIDR Studio hit an unexpected error, so what you just did may not have finished. "
                + "The details are in this file; please attach it when you report the problem:");
        what.setWrapText(true);
        TextField path = new TextField(log.toString());
        path.setId("crashLogPath");
        path.setEditable(false);
        path.setAccessibleText("Crash report file");
        VBox box = new VBox(8, what, path);
        box.setPrefWidth(520);
        a.getDialogPane().setContent(box);
        return a;
    }
}
