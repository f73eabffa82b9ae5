package dev.cidrstudio.ui.main;

import dev.cidrstudio.app.ClusterSettingsEdit;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Edit > Cluster settings: each kube-apiserver's {@code --service-cluster-ip-range}, the controller-manager's cluster
 * CIDR, the kubelets' {@code clusterDNS} and the version. OK applies them as one undoable edit (the restarts
 * simulated); refused values keep the dialog open with the reasons, by field.
 */
public final class ClusterSettingsDialog {

    private final MainWindowViewModel vm;
    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<String, TextField> ranges = new LinkedHashMap<>();
    private final TextField clusterCidr = new TextField();
    private final TextField clusterDns = new TextField();
    private final ChoiceBox<KubeVersion> version = new ChoiceBox<>(FXCollections.observableArrayList(
            KubeVersion.values()));
    private final Label problems = new Label();

    public ClusterSettingsDialog(MainWindowViewModel vm, Window owner) {
        this.vm = vm;
        ClusterSettingsEdit.Values now = ClusterSettingsEdit.current(vm.session().api());
        dialog.initOwner(owner);
        dialog.setTitle("Cluster settings");
        dialog.setHeaderText("The control plane's flags. OK restarts what changed, as one undoable edit.");
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        for (Map.Entry<String, String> e : now.apiServerRanges().entrySet()) {
            TextField f = new TextField(e.getValue());
            f.setId("apiserverRange-" + e.getKey());
            f.setPrefColumnCount(28);
            f.setAccessibleText("kube-apiserver " + e.getKey() + " --service-cluster-ip-range");
            Label l = labelFor("kube-apiserver " + e.getKey() + "\n--service-cluster-ip-range", f);
            grid.addRow(row++, l, f);
            ranges.put(e.getKey(), f);
        }
        clusterCidr.setText(now.clusterCidr());
        clusterCidr.setId("clusterCidrField");
        clusterCidr.setAccessibleText("kube-controller-manager --cluster-cidr");
        grid.addRow(row++, labelFor("kube-controller-manager\n--cluster-cidr", clusterCidr), clusterCidr);
        clusterDns.setText(now.clusterDns());
        clusterDns.setId("clusterDnsField");
        clusterDns.setAccessibleText("kubelet clusterDNS");
        clusterDns.setPromptText("an address, or none");
        grid.addRow(row++, labelFor("kubelet clusterDNS", clusterDns), clusterDns);
        version.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(KubeVersion v) {
                return v == null ? "" : v.text();
            }

            @Override
            public KubeVersion fromString(String t) {
                return KubeVersion.parse(t);
            }
        });
        version.setValue(now.version());
        version.setId("versionChoice");
        version.setAccessibleText("Kubernetes version");
        grid.addRow(row, labelFor("Kubernetes version", version), version);
        problems.setId("clusterSettingsProblems");
        problems.setWrapText(true);
        problems.setMaxWidth(560);
        problems.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        problems.textProperty().addListener((o, a, b) -> dialog.getDialogPane().getScene().getWindow().sizeToScene());
        problems.getStyleClass().add("problems");
        problems.setStyle("-fx-text-fill: -cs-bad;");
        Label note = new Label("An apiserver restarted with a range that differs from the kubernetes ServiceCIDR "
                + "reports KubernetesDefaultServiceCIDRInconsistent until they agree; the kubelets keep their "
                + "clusterDNS until you change it here.");
        note.setWrapText(true);
        note.setMaxWidth(560);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(new VBox(10, grid, note, problems));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("clusterSettingsOk");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            List<String> refused = vm.applyClusterSettings(values());
            if (!refused.isEmpty()) {
                problems.setText(String.join("\n", refused));
                e.consume();
            }
        });
    }

    private static Label labelFor(String text, javafx.scene.Node field) {
        Label l = new Label(text);
        l.setLabelFor(field);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** What the fields hold now. */
    public ClusterSettingsEdit.Values values() {
        Map<String, String> r = new LinkedHashMap<>();
        ranges.forEach((name, f) -> r.put(name, f.getText().strip()));
        return new ClusterSettingsEdit.Values(r, clusterCidr.getText().strip(), clusterDns.getText().strip(),
                version.getValue());
    }

    public Dialog<ButtonType> dialog() {
        return dialog;
    }
}
