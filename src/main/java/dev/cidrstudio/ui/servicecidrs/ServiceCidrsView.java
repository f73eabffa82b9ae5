package dev.cidrstudio.ui.servicecidrs;

import dev.cidrstudio.ui.controls.Tables;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.PolicyWorkbench;
import java.math.BigInteger;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Code-behind of {@code ServiceCidrsView.fxml}: the capacity table and the live editor. */
public final class ServiceCidrsView {

    @FXML
    private TableView<CapacityReport.Row> table;
    @FXML
    private TableColumn<CapacityReport.Row, String> nameColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> cidrColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> statusColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> usableColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> allocatedColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> freeColumn;
    @FXML
    private TableColumn<CapacityReport.Row, String> usedColumn;
    @FXML
    private TextField nameField;
    @FXML
    private Label nameError;
    @FXML
    private TextField cidrsField;
    @FXML
    private Label cidrsError;
    @FXML
    private Label verdict;
    @FXML
    private Button applyButton;
    @FXML
    private Button deleteButton;
    @FXML
    private Label verdictDetail;
    @FXML
    private TableView<CapacityReport.Row> previewTable;
    @FXML
    private TableColumn<CapacityReport.Row, String> pCidr;
    @FXML
    private TableColumn<CapacityReport.Row, String> pTotal;
    @FXML
    private TableColumn<CapacityReport.Row, String> pUsable;
    @FXML
    private TableColumn<CapacityReport.Row, String> pStatic;
    @FXML
    private TableColumn<CapacityReport.Row, String> pDynamic;
    @FXML
    private TableColumn<CapacityReport.Row, String> pAllocated;
    @FXML
    private TableColumn<CapacityReport.Row, String> pFree;
    @FXML
    private ListView<String> warnings;
    @FXML
    private Label deletePreview;
    @FXML
    private Label message;

    private ServiceCidrsViewModel vm;

    private static void column(TableColumn<CapacityReport.Row, String> c, Function<CapacityReport.Row, String> f) {
        Tables.bind(c, f);
    }

    private static String n(BigInteger v) {
        return ServiceCidrsViewModel.count(v);
    }

    private static String n(long v) {
        return ServiceCidrsViewModel.count(BigInteger.valueOf(v));
    }

    /** The share of usable addresses allocated, as the Overview writes it ("98.4%", "<0.1%"). */
    static String percent(CapacityReport.Row r) {
        if (r.usable().signum() == 0) {
            return r.note() == null ? "-" : r.note();
        }
        return dev.cidrstudio.app.CapacitySizing.percent(BigInteger.valueOf(r.allocated()), r.usable());
    }

    public void bind(ServiceCidrsViewModel viewModel) {
        this.vm = viewModel;
        table.setItems(vm.rows());
        column(nameColumn, CapacityReport.Row::serviceCidr);
        column(cidrColumn, CapacityReport.Row::cidr);
        column(statusColumn, CapacityReport.Row::status);
        column(usableColumn, r -> n(r.usable()));
        column(allocatedColumn, r -> n(r.allocated()));
        column(freeColumn, r -> n(r.free()));
        column(usedColumn, ServiceCidrsView::percent);
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CapacityReport.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("pending");
                if (!empty && item != null && "Pending deletion".equals(item.status())) {
                    getStyleClass().add("pending");
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.edit(b.serviceCidr());
            }
        });
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        cidrsField.textProperty().bindBidirectional(vm.cidrsProperty());
        nameError.textProperty().bind(vm.nameErrorProperty());
        cidrsError.textProperty().bind(vm.cidrsErrorProperty());
        hideWhenEmpty(nameError);
        hideWhenEmpty(cidrsError);
        vm.nameErrorProperty().addListener((o, a, b) -> mark(nameField, b));
        vm.cidrsErrorProperty().addListener((o, a, b) -> mark(cidrsField, b));
        mark(nameField, vm.nameErrorProperty().get());
        mark(cidrsField, vm.cidrsErrorProperty().get());
        verdict.textProperty().bind(vm.verdictProperty());
        hideWhenEmpty(verdict);
        verdictDetail.textProperty().bind(vm.verdictDetailProperty());
        hideWhenEmpty(verdictDetail);
        vm.outcomeProperty().addListener((o, a, b) -> styleVerdict(b));
        styleVerdict(vm.outcomeProperty().get());
        applyButton.textProperty().bind(vm.applyTextProperty());
        applyButton.disableProperty().bind(vm.canApplyProperty().not());
        deleteButton.disableProperty().bind(vm.canDeleteProperty().not());
        previewTable.setItems(vm.preview());
        column(pCidr, CapacityReport.Row::cidr);
        column(pTotal, r -> n(r.total()));
        column(pUsable, r -> r.note() != null ? r.note() : n(r.usable()));
        column(pStatic, r -> n(r.staticBandSize()) + " / " + n(r.staticUsed()) + " / "
                + n(r.staticBandSize() - r.staticUsed()));
        column(pDynamic, r -> n(r.dynamicBandSize()) + " / " + n(r.dynamicUsed()) + " / "
                + n(r.dynamicBandSize().subtract(BigInteger.valueOf(r.dynamicUsed()))));
        column(pAllocated, r -> n(r.allocated()));
        column(pFree, r -> n(r.free()));
        warnings.setItems(vm.warnings());
        warnings.visibleProperty().bind(Bindings.isNotEmpty(vm.warnings()));
        warnings.managedProperty().bind(warnings.visibleProperty());
        deletePreview.textProperty().bind(vm.deletePreviewProperty());
        hideWhenEmpty(deletePreview);
        message.textProperty().bind(vm.messageProperty());
        hideWhenEmpty(message);
    }

    private static void hideWhenEmpty(Label l) {
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
    }

    private static void mark(TextField f, String error) {
        f.getStyleClass().remove("invalid");
        if (error != null && !error.isEmpty()) {
            f.getStyleClass().add("invalid");
        }
    }

    private void styleVerdict(PolicyWorkbench.Outcome outcome) {
        verdict.getStyleClass().removeAll("allowed", "denied", "warning", "invalid");
        verdict.getStyleClass().add(outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    @FXML
    void onNew() {
        table.getSelectionModel().clearSelection();
        vm.startNew();
        cidrsField.requestFocus();
    }

    @FXML
    void onApply() {
        vm.apply();
    }

    @FXML
    void onDelete() {
        String question = vm.deleteQuestion();
        if (question.isEmpty()) {
            vm.delete();
            return;
        }
        ButtonType delete = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, delete, ButtonType.CANCEL);
        a.setTitle("Delete ServiceCIDR");
        a.setHeaderText("Delete ServiceCIDR " + vm.nameProperty().get().strip() + "?");
        a.getDialogPane().setId("confirmDeleteServiceCidr");
        a.getDialogPane().lookupButton(delete).setId("confirmDelete");
        a.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        a.getDialogPane().setPrefWidth(560);
        a.initOwner(deleteButton.getScene().getWindow());
        if (a.showAndWait().orElse(ButtonType.CANCEL) == delete) {
            vm.delete();
        }
    }
}
