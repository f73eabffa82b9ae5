package dev.cidrstudio.ui.capacity;

import dev.cidrstudio.model.net.IpFamily;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Code-behind of {@code CapacityView.fxml}. */
public final class CapacityView {

    @FXML
    private Spinner<Integer> count;
    @FXML
    private ComboBox<String> namespace;
    @FXML
    private ChoiceBox<String> policy;
    @FXML
    private ChoiceBox<IpFamily> family;
    @FXML
    private TextField prefix;
    @FXML
    private Button runButton;
    @FXML
    private Button cancelButton;
    @FXML
    private ProgressBar progress;
    @FXML
    private Button addButton;
    @FXML
    private TextArea result;
    @FXML
    private Label fit;
    @FXML
    private Label suggestion;
    @FXML
    private Button addSuggestion;
    @FXML
    private Label warnings;
    @FXML
    private Spinner<Integer> moreWanted;
    @FXML
    private Spinner<Integer> growth;
    @FXML
    private TableView<CapacityViewModel.CandidateRow> candidateTable;
    @FXML
    private TableColumn<CapacityViewModel.CandidateRow, String> candidateFamily;
    @FXML
    private TableColumn<CapacityViewModel.CandidateRow, String> candidateCidr;
    @FXML
    private TableColumn<CapacityViewModel.CandidateRow, String> candidatePrefix;
    @FXML
    private TableColumn<CapacityViewModel.CandidateRow, String> candidateUsable;

    @FXML
    private javafx.scene.control.Button rehearseSuggestion;
    @FXML
    private TableView<dev.cidrstudio.app.CapacityReport.Row> prefixTable;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixName;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixCidr;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixStatus;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixAllocated;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixFree;
    @FXML
    private TableColumn<dev.cidrstudio.app.CapacityReport.Row, String> prefixUsed;

    private CapacityViewModel vm;

    public void bind(CapacityViewModel viewModel) {
        this.vm = viewModel;
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 1_000_000, vm.countProperty().get(), 50);
        count.setValueFactory(f);
        f.valueProperty().addListener((o, a, b) -> vm.countProperty().set(b == null ? 1 : b));
        namespace.setItems(vm.namespaces());
        namespace.valueProperty().bindBidirectional(vm.namespaceProperty());
        policy.getItems().setAll(CapacityViewModel.POLICIES);
        policy.valueProperty().bindBidirectional(vm.policyProperty());
        family.getItems().setAll(IpFamily.values());
        family.valueProperty().bindBidirectional(vm.familyProperty());
        family.disableProperty().bind(vm.policyProperty().isNotEqualTo("SingleStack"));
        prefix.textProperty().bindBidirectional(vm.namePrefixProperty());
        runButton.disableProperty().bind(vm.busyProperty());
        cancelButton.visibleProperty().bind(vm.busyProperty());
        cancelButton.managedProperty().bind(vm.busyProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        progress.managedProperty().bind(vm.busyProperty());
        progress.progressProperty().bind(vm.progressProperty());
        addButton.disableProperty().bind(vm.hasResultProperty().not().or(vm.busyProperty()));
        result.textProperty().bind(vm.resultProperty());
        fit.textProperty().bind(vm.fitProperty());
        suggestion.textProperty().bind(vm.suggestionProperty());
        addSuggestion.disableProperty().bind(vm.canAddSuggestionProperty().not());
        rehearseSuggestion.disableProperty().bind(vm.canAddSuggestionProperty().not());
        dev.cidrstudio.ui.controls.Tables.bind(prefixName, dev.cidrstudio.app.CapacityReport.Row::serviceCidr);
        dev.cidrstudio.ui.controls.Tables.bind(prefixCidr, dev.cidrstudio.app.CapacityReport.Row::cidr);
        dev.cidrstudio.ui.controls.Tables.bind(prefixStatus, dev.cidrstudio.app.CapacityReport.Row::status);
        dev.cidrstudio.ui.controls.Tables.bind(prefixAllocated, r -> String.format(java.util.Locale.ROOT, "%,d",
                r.allocated()));
        dev.cidrstudio.ui.controls.Tables.bind(prefixFree, r -> String.format(java.util.Locale.ROOT, "%,d",
                r.free()));
        dev.cidrstudio.ui.controls.Tables.bind(prefixUsed, r -> r.usable().signum() == 0
                ? (r.note() == null ? "-" : r.note())
                : dev.cidrstudio.app.CapacitySizing.percent(java.math.BigInteger.valueOf(r.allocated()), r.usable()));
        dev.cidrstudio.ui.controls.Tables.sorted(prefixTable, vm.prefixes(), prefixName);
        dev.cidrstudio.ui.controls.Tables.fitColumns(prefixTable);
        warnings.textProperty().bind(vm.warningsProperty());
        SpinnerValueFactory.IntegerSpinnerValueFactory more =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000_000, vm.moreWantedProperty().get(), 100);
        moreWanted.setValueFactory(more);
        more.valueProperty().addListener((o, a, b) -> vm.moreWantedProperty().set(b == null ? 0 : b));
        SpinnerValueFactory.IntegerSpinnerValueFactory pct =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10_000, vm.growthPercentProperty().get(), 5);
        growth.setValueFactory(pct);
        pct.valueProperty().addListener((o, a, b) -> vm.growthPercentProperty().set(b == null ? 0 : b));
        candidateTable.setItems(vm.candidates());
        candidateFamily.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().family().toString()));
        candidateCidr.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().cidr()));
        candidatePrefix.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().prefix()));
        candidateUsable.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().usable()));
        // The table's selection and the view-model's choice follow each other (a refresh picks the smallest).
        candidateTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.chosenProperty().set(b);
            }
        });
        if (vm.chosenProperty().get() != null) {
            candidateTable.getSelectionModel().select(vm.chosenProperty().get());
        }
        vm.chosenProperty().addListener((o, a, b) -> {
            if (b != null && b != candidateTable.getSelectionModel().getSelectedItem()) {
                candidateTable.getSelectionModel().select(b);
            }
        });
    }

    @FXML
    void onRun() {
        vm.run();
    }

    @FXML
    void onCancel() {
        vm.cancel();
    }

    @FXML
    void onAdd() {
        vm.addToPlan();
    }

    @FXML
    void onRehearseSuggestion() {
        vm.rehearseSuggestion();
    }

    @FXML
    void onAddSuggestion() {
        vm.addSuggestion();
    }
}
