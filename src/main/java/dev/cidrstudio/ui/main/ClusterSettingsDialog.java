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
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Edit > Cluster settings, and File > New's questions: each kube-apiserver's {@code --service-cluster-ip-range}, the controller-manager's cluster
 * CIDR, the kubelets' {@code clusterDNS} and the version. OK applies them as one undoable edit (the restarts
 * simulated); refused values keep the dialog open with the reasons, by field.
 */
public final class ClusterSettingsDialog {

    private final Dialog<ButtonType> dialog = new Dialog<>();
    private final Map<String, TextField> ranges = new LinkedHashMap<>();
    private final VBox serverRows = new VBox(8);
    private final TextField clusterCidr = new TextField();
    private final TextField clusterDns = new TextField();
    private final ChoiceBox<KubeVersion> version = new ChoiceBox<>(FXCollections.observableArrayList(
            KubeVersion.values()));
    private final Label problems = new Label();

    /** Edit > Cluster settings of the open plan: OK applies the changes as one undoable edit. */
    public ClusterSettingsDialog(MainWindowViewModel vm, Window owner) {
        this(owner, ClusterSettingsEdit.current(vm.session().view()), "Cluster settings",
                "The control plane's flags. OK restarts what changed, as one undoable edit.", vm::applyClusterSettings);
    }

    /** File > New: the settings the new cluster starts with; OK opens it as an untitled plan. */
    public static ClusterSettingsDialog forNewPlan(MainWindowViewModel vm, Window owner) {
        ClusterSettingsDialog d = new ClusterSettingsDialog(owner, ClusterSettingsEdit.forNewPlan(), "New plan",
                "The cluster the new plan starts as: the Service range of each kube-apiserver, the Pod range, "
                        + "the kubelets' DNS address and the version. Edit > Cluster settings changes them later.",
                vm::newPlan);
        ((Button) d.dialog.getDialogPane().lookupButton(ButtonType.OK)).setText("Create");
        return d;
    }

    private ClusterSettingsDialog(Window owner, ClusterSettingsEdit.Values now, String title, String header,
            java.util.function.Function<ClusterSettingsEdit.Values, List<String>> onOk) {
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        dialog.getDialogPane().setPrefWidth(640);
        now.apiServerRanges().forEach(this::addServerRow);
        Button addServer = new Button("Add kube-apiserver");
        addServer.setId("addApiServer");
        addServer.setOnAction(e -> {
            String first = ranges.isEmpty() ? "" : ranges.values().iterator().next().getText().strip();
            addServerRow(nextName(), first);
            resize();
        });
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        int row = 0;
        clusterCidr.setText(now.clusterCidr());
        clusterCidr.setId("clusterCidrField");
        clusterCidr.setAccessibleText("kube-controller-manager --cluster-cidr");
        clusterCidr.setPrefColumnCount(28);
        grid.addRow(row++, labelFor("kube-controller-manager\n--cluster-cidr", clusterCidr), clusterCidr);
        clusterDns.setText(now.clusterDns());
        clusterDns.setId("clusterDnsField");
        clusterDns.setAccessibleText("kubelet clusterDNS");
        clusterDns.setPromptText("an address, auto, or none");
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
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(210);
        grid.getColumnConstraints().add(labels);
        problems.setId("clusterSettingsProblems");
        problems.setWrapText(true);
        problems.setMaxWidth(600);
        problems.setMinHeight(Region.USE_PREF_SIZE);
        problems.textProperty().addListener((o, a, b) -> resize());
        problems.getStyleClass().add("problems");
        problems.setStyle("-fx-text-fill: -cs-bad;");
        Label note = new Label("An apiserver restarted with a range that differs from the kubernetes ServiceCIDR "
                + "reports KubernetesDefaultServiceCIDRInconsistent until they agree; the kubelets keep their "
                + "clusterDNS until you change it here.");
        note.setWrapText(true);
        note.setMaxWidth(600);
        note.setMinHeight(Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(new VBox(10, serverRows, addServer, grid, note, problems));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("clusterSettingsOk");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            List<String> refused = onOk.apply(values());
            if (!refused.isEmpty()) {
                problems.setText(String.join("\n", refused));
                e.consume();
            }
        });
    }

    private void addServerRow(String name, String range) {
        TextField f = new TextField(range);
        f.setId("apiserverRange-" + name);
        f.setPrefColumnCount(28);
        f.setAccessibleText("kube-apiserver " + name + " --service-cluster-ip-range");
        Label l = labelFor((name.startsWith("kube-apiserver") ? name : "kube-apiserver " + name)
                + "\n--service-cluster-ip-range", f);
        l.setMinWidth(210);
        Button remove = new Button("Remove");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        remove.setId("removeApiServer-" + name);
        remove.setAccessibleText("Stop kube-apiserver " + name);
        HBox row = new HBox(10, l, f, remove);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox.setHgrow(f, Priority.ALWAYS);
        remove.setOnAction(e -> {
            ranges.remove(name);
            serverRows.getChildren().remove(row);
            updateRemovable();
            resize();
        });
        ranges.put(name, f);
        serverRows.getChildren().add(row);
        updateRemovable();
    }

    /** The last apiserver cannot be removed: the cluster would have no API. */
    private void updateRemovable() {
        boolean one = ranges.size() <= 1;
        for (javafx.scene.Node n : serverRows.getChildren()) {
            ((HBox) n).getChildren().get(2).setDisable(one);
        }
    }

    private String nextName() {
        for (int i = ranges.size() + 1;; i++) {
            String n = "kube-apiserver-" + i;
            if (!ranges.containsKey(n)) {
                return n;
            }
        }
    }

    private void resize() {
        if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
            dialog.getDialogPane().getScene().getWindow().sizeToScene();
        }
    }

    private static Label labelFor(String text, javafx.scene.Node field) {
        Label l = new Label(text);
        l.setLabelFor(field);
        l.setMinWidth(Region.USE_PREF_SIZE);
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
