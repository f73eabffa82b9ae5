package dev.cidrstudio.ui.main;

import dev.cidrstudio.app.ManifestExport;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * File > Export: the CLI's {@code export} options (the Cluster document, status and system objects) and, as they
 * change, what the export leaves out and why. Export asks for the file.
 */
public final class ExportDialog {

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final CheckBox includeCluster = new CheckBox("Include the Cluster settings document (--include-cluster)");
    private final CheckBox keepStatus = new CheckBox(
            "Keep status, server fields, system objects and events (--keep-status)");
    private final CheckBox dropAllocated = new CheckBox(
            "Leave out the cluster IPs the allocator picked, to apply to another cluster (--drop-allocated-ips)");
    private final Label leftOut = new Label();
    private final MainWindowViewModel vm;

    /** {@code onExport} is given the chosen options when the user presses Export (it then asks for a file). */
    public ExportDialog(MainWindowViewModel vm, Window owner,
            java.util.function.Consumer<ManifestExport.Options> onExport) {
        this.vm = vm;
        dialog.initOwner(owner);
        dialog.setTitle("Export manifests");
        dialog.setHeaderText("Manifests of the plan you can kubectl apply, in apply order.");
        includeCluster.setId("exportIncludeCluster");
        keepStatus.setId("exportKeepStatus");
        dropAllocated.setId("exportDropAllocated");
        dropAllocated.disableProperty().bind(keepStatus.selectedProperty());
        dropAllocated.selectedProperty().addListener((o, a, b) -> update());
        leftOut.setId("exportLeftOut");
        leftOut.setWrapText(true);
        leftOut.setMaxWidth(600);
        leftOut.setMinHeight(Region.USE_PREF_SIZE);
        includeCluster.selectedProperty().addListener((o, a, b) -> update());
        keepStatus.selectedProperty().addListener((o, a, b) -> update());
        update();
        Label heading = new Label("Left out:");
        heading.getStyleClass().add("section-heading");
        dialog.getDialogPane().setContent(new VBox(10, includeCluster, keepStatus, dropAllocated, heading,
                leftOut));
        dialog.getDialogPane().setPrefWidth(660);
        ButtonType export = new ButtonType("Export...", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(export, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(export);
        ok.setId("exportOk");
        ok.addEventFilter(ActionEvent.ACTION, e -> onExport.accept(options()));
    }

    private void update() {
        var lines = ManifestExport.leftOut(vm.session().view().state(), options());
        leftOut.setText(lines.isEmpty() ? "nothing: the export holds the whole plan"
                : String.join("\n", lines.stream().map(l -> "\u2022 " + l).toList()));
        Window w = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
        if (w != null) {
            w.sizeToScene();
        }
    }

    /** The options as the boxes are ticked now. */
    public ManifestExport.Options options() {
        return new ManifestExport.Options(keepStatus.isSelected(), includeCluster.isSelected(),
                dropAllocated.isSelected() && !keepStatus.isSelected());
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }
}
