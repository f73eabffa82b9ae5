package dev.cidrstudio.ui.wizard;

import dev.cidrstudio.ui.controls.Tables;
import dev.cidrstudio.wizard.PreflightFinding;
import dev.cidrstudio.wizard.ScenarioKind;
import dev.cidrstudio.wizard.StateTables;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** Code-behind of {@code WizardView.fxml}: the scenario, its pre-flight, the steps and the selected step. */
public final class WizardView {

    @FXML
    private ComboBox<ScenarioKind> kind;
    @FXML
    private TextField target;
    @FXML
    private Label targetLabel;
    @FXML
    private Label summary;
    @FXML
    private VBox preflight;
    @FXML
    private ListView<WizardViewModel.StepRow> steps;
    @FXML
    private Label stepTitle;
    @FXML
    private Label explanation;
    @FXML
    private Label warnings;
    @FXML
    private TextArea commands;
    @FXML
    private Label expected;
    @FXML
    private TextArea transcript;
    @FXML
    private VBox checks;
    @FXML
    private ScrollPane detailScroll;
    @FXML
    private VBox stepDetail;
    @FXML
    private TextArea diff;
    @FXML
    private Label rollback;
    @FXML
    private Label stateCaption;
    @FXML
    private CheckBox onlyChanged;
    @FXML
    private TableView<StateTables.ApiServerRow> stateApiServers;
    @FXML
    private TableView<StateTables.ServiceCidrRow> stateCidrs;
    @FXML
    private TableView<StateTables.ServiceRow> stateServices;
    @FXML
    private Label message;
    @FXML
    private Button exportButton;
    @FXML
    private Button applyButton;
    @FXML
    private Button backButton;
    @FXML
    private Button nextButton;
    @FXML
    private Button toButton;
    @FXML
    private Button allButton;
    @FXML
    private Button resetButton;
    @FXML
    private Button mapButton;

    private WizardViewModel vm;

    public void bind(WizardViewModel viewModel) {
        this.vm = viewModel;
        kind.setItems(FXCollections.observableArrayList(ScenarioKind.values()));
        kind.valueProperty().bindBidirectional(vm.kindProperty());
        target.textProperty().bindBidirectional(vm.targetProperty());
        target.promptTextProperty().bind(Bindings.createStringBinding(() -> prompt(vm.kindProperty().get()),
                vm.kindProperty()));
        target.disableProperty().bind(vm.kindProperty().isEqualTo(ScenarioKind.DUAL_TO_SINGLE));
        targetLabel.disableProperty().bind(target.disableProperty());
        summary.textProperty().bind(vm.summaryProperty());
        showPreflight();
        vm.preflight().addListener((javafx.collections.ListChangeListener<PreflightFinding>) c -> showPreflight());
        steps.setItems(vm.steps());
        steps.setCellFactory(l -> new ListCell<>() {
            {
                // A long step title wraps inside the list instead of hiding behind a horizontal scroll bar (the
                // cell is as wide as the list less its vertical scroll bar and padding).
                setWrapText(true);
                prefWidthProperty().bind(l.widthProperty().subtract(20));
                setMaxWidth(USE_PREF_SIZE);
            }

            @Override
            protected void updateItem(WizardViewModel.StepRow r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("pass", "fail", "next");
                if (empty || r == null) {
                    setText(null);
                    return;
                }
                setText(r.label());
                setTooltip(new javafx.scene.control.Tooltip(r.label()));
                switch (r.status()) {
                    case PASSED -> getStyleClass().add("pass");
                    case FAILED -> getStyleClass().add("fail");
                    case NEXT -> getStyleClass().add("next");
                    default -> { }
                }
            }
        });
        Label noSteps = new Label();
        noSteps.textProperty().bind(Bindings.when(vm.preparedProperty())
                .then("No steps until the pre-flight passes.").otherwise("No scenario prepared."));
        steps.setPlaceholder(noSteps);
        steps.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                vm.selectedProperty().set(b.intValue());
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b.intValue() != steps.getSelectionModel().getSelectedIndex()) {
                steps.getSelectionModel().select(b.intValue());
            }
        });
        steps.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && vm.canRunProperty().get()) {
                vm.runToSelected();
            }
        });
        stepTitle.textProperty().bind(vm.stepTitleProperty());
        // Until a step is selected there is only the pre-flight to read.
        stepDetail.visibleProperty().bind(vm.stepTitleProperty().isNotEmpty());
        stepDetail.managedProperty().bind(stepDetail.visibleProperty());
        explanation.textProperty().bind(vm.explanationProperty());
        warnings.textProperty().bind(vm.warningsProperty());
        warnings.visibleProperty().bind(vm.warningsProperty().isNotEmpty());
        warnings.managedProperty().bind(warnings.visibleProperty());
        commands.textProperty().bind(vm.commandsProperty());
        expected.textProperty().bind(vm.expectedProperty());
        transcript.textProperty().bind(vm.transcriptProperty());
        showChecks();
        vm.checks().addListener((javafx.collections.ListChangeListener<String>) c -> showChecks());
        fitToContent(commands);
        fitToContent(transcript);
        diff.textProperty().bind(vm.diffProperty());
        fitToContent(diff);
        rollback.textProperty().bind(vm.rollbackProperty());
        bindState();
        message.textProperty().bind(vm.messageProperty());
        exportButton.disableProperty().bind(vm.canExportProperty().not());
        applyButton.disableProperty().bind(vm.canApplyProperty().not());
        backButton.disableProperty().bind(vm.canBackProperty().not());
        nextButton.disableProperty().bind(vm.canRunProperty().not());
        allButton.disableProperty().bind(vm.canRunProperty().not());
        toButton.disableProperty().bind(vm.preparedProperty().not().or(vm.canRunProperty().not()
                .and(vm.canBackProperty().not())));
        resetButton.disableProperty().bind(vm.canBackProperty().not());
        mapButton.disableProperty().bind(vm.preparedProperty().not());
        // Another scenario (chosen, or prepared) starts at the top: its pre-flight first.
        vm.kindProperty().addListener((o, a, b) -> toTop());
        vm.summaryProperty().addListener((o, a, b) -> toTop());
    }

    private void toTop() {
        detailScroll.setVvalue(0);
        detailScroll.setHvalue(0);
        if (!steps.getItems().isEmpty()) {
            steps.scrollTo(0);
        }
    }

    /**
     * A read-only text grows to its lines inside the one scroll pane instead of scrolling up and down on its own (one
     * row more leaves room for the sideways scroll bar of a long line).
     */
    private static void fitToContent(TextArea t) {
        t.prefRowCountProperty().bind(Bindings.createIntegerBinding(() -> {
            String text = t.getText();
            return text == null || text.isEmpty() ? 1 : (int) text.lines().count() + 1;
        }, t.textProperty()));
    }

    /**
     * A table as tall as its header and rows (up to {@value #MAX_ROWS} rows), so it does not scroll up and down inside
     * the scroll pane. Measured from the laid-out table, so it holds for every theme, zoom and font.
     */
    private static void fitToRows(TableView<?> t) {
        javafx.beans.InvalidationListener later = o -> javafx.application.Platform.runLater(() -> fit(t));
        t.getItems().addListener(later);
        t.skinProperty().addListener(later);
        t.needsLayoutProperty().addListener((o, a, b) -> {
            if (!b) {
                fit(t);
            }
        });
    }

    private static void fit(TableView<?> t) {
        if (!(t.lookup(".column-header-background") instanceof javafx.scene.layout.Region header)) {
            return;
        }
        double row = 0;
        double hbar = 0;
        for (javafx.scene.Node n : t.lookupAll(".table-row-cell")) {
            if (n instanceof javafx.scene.layout.Region r && r.isVisible() && r.getHeight() > 0) {
                row = Math.max(row, r.getHeight());
            }
        }
        for (javafx.scene.Node n : t.lookupAll(".scroll-bar")) {
            if (n instanceof javafx.scene.control.ScrollBar b && b.isVisible()
                    && b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL) {
                hbar = b.getHeight();
            }
        }
        if (row == 0) {
            row = Math.max(24, header.getHeight());
        }
        // One row more than the rows: the flow shows its scroll bar unless the viewport outlasts the last row (and
        // the spare row leaves room for a sideways scroll bar that comes with narrower columns).
        double h = Math.ceil(header.getHeight() + row * (Math.max(1, Math.min(MAX_ROWS, t.getItems().size())) + 1)
                + hbar + t.getInsets().getTop() + t.getInsets().getBottom());
        if (Math.abs(t.getPrefHeight() - h) > 0.5) {
            t.setPrefHeight(h);
        }
    }

    private static final int MAX_ROWS = 20;

    /** The selected step's checks as wrapped lines, each marked in words (and coloured) as held or failed. */
    private void showChecks() {
        checks.getChildren().clear();
        for (String s : vm.checks()) {
            Label l = new Label(s);
            l.setWrapText(true);
            l.setMinHeight(Label.USE_PREF_SIZE);
            l.getStyleClass().add("check");
            if (s.startsWith("\u2713")) {
                l.getStyleClass().add("pass");
            } else if (s.startsWith("\u2717")) {
                l.getStyleClass().add("fail");
            }
            checks.getChildren().add(l);
        }
    }

    /** The tables of the selected step's cluster, each row marked (and tinted) with what the step did to it. */
    private void bindState() {
        stateCaption.textProperty().bind(vm.stateCaptionProperty());
        onlyChanged.selectedProperty().bindBidirectional(vm.onlyChangedProperty());
        stateApiServers.getColumns().setAll(java.util.List.of(
                Tables.column("", 26, (StateTables.ApiServerRow r) -> r.change().mark()),
                Tables.column("kube-apiserver", 170, StateTables.ApiServerRow::name),
                Tables.column("--service-cluster-ip-range", 330, StateTables.ApiServerRow::flag)));
        stateCidrs.getColumns().setAll(java.util.List.of(
                Tables.column("", 26, (StateTables.ServiceCidrRow r) -> r.change().mark()),
                Tables.column("Name", 150, StateTables.ServiceCidrRow::name),
                Tables.column("CIDRs", 210, StateTables.ServiceCidrRow::cidrs),
                Tables.column("Ready", 130, StateTables.ServiceCidrRow::ready),
                Tables.column("Deletion", 90, StateTables.ServiceCidrRow::deletion)));
        stateServices.getColumns().setAll(java.util.List.of(
                Tables.column("", 26, (StateTables.ServiceRow r) -> r.change().mark()),
                Tables.column("Namespace", 110, StateTables.ServiceRow::namespace),
                Tables.column("Name", 110, StateTables.ServiceRow::name),
                Tables.column("Type", 85, StateTables.ServiceRow::type),
                Tables.column("Cluster IPs", 200, StateTables.ServiceRow::clusterIps),
                Tables.column("IP family policy", 125, StateTables.ServiceRow::ipFamilyPolicy)));
        table(stateApiServers, vm.stateApiServers(), StateTables.ApiServerRow::change);
        table(stateCidrs, vm.stateServiceCidrs(), StateTables.ServiceCidrRow::change);
        table(stateServices, vm.stateServices(), StateTables.ServiceRow::change);
        fitToRows(stateApiServers);
        fitToRows(stateCidrs);
        fitToRows(stateServices);
        stateServices.setPlaceholder(placeholder("No Services.", "The step changed no Service."));
        stateCidrs.setPlaceholder(placeholder("No ServiceCIDRs.", "The step changed no ServiceCIDR."));
    }

    private Label placeholder(String none, String unchanged) {
        Label l = new Label();
        l.textProperty().bind(Bindings.when(vm.onlyChangedProperty()).then(unchanged).otherwise(none));
        return l;
    }

    private static <R> void table(TableView<R> t, ObservableList<R> rows,
            java.util.function.Function<R, StateTables.Change> change) {
        SortedList<R> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(t.comparatorProperty());
        t.setItems(sorted);
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        t.setRowFactory(v -> new TableRow<>() {
            @Override
            protected void updateItem(R r, boolean empty) {
                super.updateItem(r, empty);
                getStyleClass().removeAll("created", "changed", "deleted");
                if (!empty && r != null) {
                    switch (change.apply(r)) {
                        case CREATED -> getStyleClass().add("created");
                        case CHANGED -> getStyleClass().add("changed");
                        case DELETED -> getStyleClass().add("deleted");
                        default -> { }
                    }
                }
            }
        });
    }

    /** The pre-flight findings as wrapped lines, each marked PASS, WARN or FAIL (in words, not only in colour). */
    private void showPreflight() {
        preflight.getChildren().clear();
        if (vm.preflight().isEmpty()) {
            Label none = new Label("Prepare a scenario to run the pre-flight checks.");
            none.getStyleClass().add("hint");
            none.setWrapText(true);
            preflight.getChildren().add(none);
            return;
        }
        // Failures first, then warnings: what stops step 1 is what the user must see.
        java.util.List<PreflightFinding> ordered = new java.util.ArrayList<>(vm.preflight());
        ordered.sort(java.util.Comparator.comparingInt(f -> 2 - f.verdict().ordinal()));
        for (PreflightFinding f : ordered) {
            Label l = new Label(f.describe());
            l.setWrapText(true);
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(Label.USE_PREF_SIZE);
            l.getStyleClass().addAll("finding", f.verdict().name().toLowerCase(java.util.Locale.ROOT));
            preflight.getChildren().add(l);
        }
    }

    private static String prompt(ScenarioKind k) {
        if (k == null) {
            return "";
        }
        return switch (k) {
            case EXTEND -> "the new ServiceCIDR's range (blank: the capacity suggestion)";
            case SINGLE_TO_DUAL -> "the secondary range to add (blank: suggested)";
            case DUAL_TO_SINGLE -> "keeps the primary range; no target";
            case REPLACE_PRIMARY -> "the new primary range, e.g. 10.112.0.0/20 (blank: suggested)";
        };
    }

    @FXML
    void onPrepare() {
        vm.prepare();
    }

    @FXML
    void onNext() {
        vm.runNext();
    }

    @FXML
    void onRunTo() {
        vm.runToSelected();
    }

    @FXML
    void onRunAll() {
        vm.runAll();
    }

    @FXML
    void onBack() {
        vm.back();
    }

    @FXML
    void onReset() {
        vm.reset();
    }

    @FXML
    void onShowOnMap() {
        vm.showOnMap();
    }

    @FXML
    void onApply() {
        vm.applyToPlan();
    }

    @FXML
    void onExport() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export the runbook into a folder");
        File dir = dc.showDialog(kind.getScene().getWindow());
        if (dir != null) {
            vm.exportRunbook(dir.toPath());
        }
    }
}
