package dev.cidrstudio.ui.hosts;

import dev.cidrstudio.app.LocalFiles;
import java.io.File;
import java.io.IOException;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.FileChooser;

/** Code-behind of {@code HostsView.fxml}: binds the Pod editor and the live file to the view-model. */
public final class HostsView {

    @FXML
    private ComboBox<String> planPods;
    @FXML
    private javafx.scene.control.Button newPodButton;
    @FXML
    private TextField name;
    @FXML
    private TextField namespace;
    @FXML
    private TextField hostname;
    @FXML
    private TextField subdomain;
    @FXML
    private TextField podIps;
    @FXML
    private Label addresses;
    @FXML
    private CheckBox hostNetwork;
    @FXML
    private VBox nodeHostsBox;
    @FXML
    private TextArea nodeHosts;
    @FXML
    private Label fieldError;
    @FXML
    private TableView<HostsViewModel.AliasRow> aliases;
    @FXML
    private TableColumn<HostsViewModel.AliasRow, String> aliasIp;
    @FXML
    private TableColumn<HostsViewModel.AliasRow, String> aliasNames;
    @FXML
    private TextFlow hostsFile;
    @FXML
    private javafx.scene.control.ScrollPane hostsScroll;

    private HostsViewModel vm;

    public void bind(HostsViewModel viewModel) {
        this.vm = viewModel;
        name.textProperty().bindBidirectional(vm.nameProperty());
        namespace.textProperty().bindBidirectional(vm.namespaceProperty());
        hostname.textProperty().bindBidirectional(vm.hostnameProperty());
        subdomain.textProperty().bindBidirectional(vm.subdomainProperty());
        podIps.textProperty().bindBidirectional(vm.podIpsProperty());
        hostNetwork.selectedProperty().bindBidirectional(vm.hostNetworkProperty());
        nodeHosts.textProperty().bindBidirectional(vm.nodeHostsProperty());
        nodeHostsBox.visibleProperty().bind(vm.hostNetworkProperty());
        nodeHostsBox.managedProperty().bind(vm.hostNetworkProperty());
        addresses.textProperty().bind(vm.addressesProperty());
        fieldError.textProperty().bind(vm.fieldErrorProperty());
        planPods.setItems(vm.planPods());
        planPods.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.planPods()));
        // With no Pod of the plan chosen the box says so, also after going back to a new Pod.
        planPods.setButtonCell(new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? planPods.getPromptText() : item);
            }
        });
        vm.newPodProperty().addListener((o, a, b) -> {
            if (b) {
                planPods.getSelectionModel().clearSelection();
                planPods.setValue(null);
            }
        });
        planPods.setOnAction(e -> {
            int i = planPods.getSelectionModel().getSelectedIndex();
            if (i >= 0) {
                vm.editPlanPod(i);
            }
        });
        aliases.setItems(vm.aliases());
        aliasIp.setCellValueFactory(c -> c.getValue().ipProperty());
        aliasIp.setCellFactory(TextFieldTableCell.forTableColumn());
        aliasNames.setCellValueFactory(c -> c.getValue().hostnamesProperty());
        aliasNames.setCellFactory(TextFieldTableCell.forTableColumn());
        aliases.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(HostsViewModel.AliasRow item, boolean empty) {
                super.updateItem(item, empty);
                String error = empty ? null : vm.rowErrors().get(getIndex());
                getStyleClass().remove("invalid");
                if (error != null) {
                    getStyleClass().add("invalid");
                }
                setTooltip(error == null ? null : new Tooltip(error));
            }
        });
        vm.rowErrors().addListener((MapChangeListener<Integer, String>) c -> aliases.refresh());
        // The file never wraps (a line of /etc/hosts is one line; scroll sideways), but the refusal text does.
        hostsScroll.fitToWidthProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.errors()));
        hostsFile.minWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> hostsScroll.getViewportBounds().getWidth(), hostsScroll.viewportBoundsProperty()));
        hostsScroll.setFitToHeight(true);
        vm.fileTextProperty().addListener((o, a, b) -> render());
        vm.aliasBlockStartProperty().addListener((o, a, b) -> render());
        vm.errors().addListener((javafx.collections.ListChangeListener<String>) c -> render());
        render();
    }

    /**
     * The file as text runs: the HostAliases block (from its comment on) stands out; TABs are shown expanded to
     * the next multiple of 8 columns, as a terminal shows them (copy and save keep the TABs).
     */
    private void render() {
        String text = vm.fileTextProperty().get();
        int split = vm.aliasBlockStartProperty().get();
        if (split > text.length()) {
            split = -1; // the other property has not caught up yet
        }
        hostsFile.getChildren().clear();
        if (!vm.errors().isEmpty()) {
            Text refused = new Text("The apiserver would refuse this Pod, so no container would start:\n\n"
                    + String.join("\n\n", vm.errors()) + "\n");
            refused.getStyleClass().addAll("line", "refused");
            hostsFile.getChildren().add(refused);
            return;
        }
        Text head = new Text(expandTabs(split < 0 ? text : text.substring(0, split)));
        head.getStyleClass().add("line");
        hostsFile.getChildren().add(head);
        if (split >= 0) {
            Text block = new Text(expandTabs(text.substring(split)));
            block.getStyleClass().addAll("line", "aliases");
            hostsFile.getChildren().add(block);
        }
    }

    static String expandTabs(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        int column = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                do {
                    out.append(' ');
                    column++;
                } while (column % 8 != 0);
            } else {
                out.append(c);
                column = c == '\n' ? 0 : column + 1;
            }
        }
        return out.toString();
    }

    @FXML
    void onAddAlias() {
        vm.addAlias();
        aliases.getSelectionModel().selectLast();
        aliases.edit(vm.aliases().size() - 1, aliasIp);
    }

    @FXML
    void onRemoveAlias() {
        vm.removeAlias(aliases.getSelectionModel().getSelectedIndex());
    }

    @FXML
    void onCopy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(vm.fileTextProperty().get());
        Clipboard.getSystemClipboard().setContent(c);
    }

    @FXML
    void onSaveHosts() {
        saveAs("Save the hosts file", "hosts", vm.fileTextProperty().get());
    }

    @FXML
    void onExportPod() {
        saveAs("Export the Pod", vm.nameProperty().get() + ".yaml", vm.podYaml());
    }

    private void saveAs(String title, String initialName, String content) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.setInitialFileName(initialName);
        File f = fc.showSaveDialog(hostsFile.getScene().getWindow());
        if (f == null) {
            return;
        }
        try {
            LocalFiles.write(f.toPath(), content);
        } catch (IOException e) {
            System.getLogger(HostsView.class.getName()).log(System.Logger.Level.WARNING, () -> f + " not saved", e);
            Alert a = new Alert(Alert.AlertType.ERROR, f + ": " + e.getMessage());
            a.setHeaderText("Could not save");
            a.show();
        }
    }

    @FXML
    void onNewPod() {
        vm.newPod();
    }
}
