package dev.cidrstudio.ui.main;

import java.io.IOException;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Cluster > Serve to kubectl: starts and stops serving the plan to real clients (kubectl, scripts, UIs) on this
 * machine, and shows the {@code export KUBECONFIG=...} line to paste into a shell. It does not block the window:
 * what clients change appears live, each write one undo step.
 */
final class ServeDialog {

    private final Alert alert = new Alert(Alert.AlertType.NONE);
    private final MainWindowViewModel vm;
    private final CheckBox readOnly = new CheckBox("Read-only: clients may look but not change the plan");
    private final TextField export = new TextField();
    private final Button toggle = new Button();
    private final Button copy = new Button("Copy");
    private final Label state = new Label();

    ServeDialog(MainWindowViewModel vm, Window owner) {
        this.vm = vm;
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.setTitle("Serve to kubectl");
        alert.setHeaderText("Serve the plan as a Kubernetes API on this machine");
        alert.getDialogPane().setId("serveDialog");
        alert.getButtonTypes().setAll(ButtonType.CLOSE);
        readOnly.setId("serveReadOnly");
        export.setId("serveExport");
        export.setEditable(false);
        export.getStyleClass().add("mono");
        toggle.setId("serveToggle");
        copy.setId("serveCopy");
        state.setId("serveState");
        state.setWrapText(true);
        toggle.setOnAction(e -> toggle());
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(export.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
        Label how = new Label("Paste the line into a shell, then use your own kubectl (1.33 to 1.35), scripts or "
                + "cluster UIs against the plan. What they change appears here as it happens; Edit > Undo takes "
                + "each write back. Only this machine can connect (127.0.0.1).");
        how.setWrapText(true);
        HBox line = new HBox(8, export, copy);
        HBox.setHgrow(export, Priority.ALWAYS);
        VBox content = new VBox(10, how, readOnly, new HBox(8, toggle), state, line);
        content.setPrefWidth(620);
        alert.getDialogPane().setContent(content);
        refresh(vm.server().isPresent() ? "export KUBECONFIG=" + vm.servedKubeconfig() : "");
    }

    private void toggle() {
        if (vm.server().isPresent()) {
            vm.stopServing();
            refresh("");
            return;
        }
        try {
            refresh(vm.serve(readOnly.isSelected()));
        } catch (IOException | RuntimeException e) {
            state.setText("Could not serve the plan: " + e.getMessage());
        }
    }

    private void refresh(String exportLine) {
        boolean on = vm.server().isPresent();
        toggle.setText(on ? "Stop serving" : "Start serving");
        readOnly.setDisable(on);
        export.setText(exportLine);
        export.setVisible(on);
        copy.setVisible(on);
        state.setText(on ? vm.servingProperty().get() : "Not serving.");
    }

    void show() {
        alert.show();
    }
}
