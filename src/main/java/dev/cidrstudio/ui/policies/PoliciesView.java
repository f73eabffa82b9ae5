package dev.cidrstudio.ui.policies;

import dev.cidrstudio.app.PolicyWorkbench;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.TextFieldListCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** Code-behind of {@code PoliciesView.fxml}: binds the table, the CEL editor and the "try it" box. */
public final class PoliciesView {

    @FXML
    private TableView<PolicyWorkbench.Row> table;
    @FXML
    private TableColumn<PolicyWorkbench.Row, String> kindColumn;
    @FXML
    private TableColumn<PolicyWorkbench.Row, String> nameColumn;
    @FXML
    private TableColumn<PolicyWorkbench.Row, String> statusColumn;
    @FXML
    private Button deleteButton;
    @FXML
    private Label message;
    @FXML
    private TextArea manifest;
    @FXML
    private ComboBox<String> planCidrs;
    @FXML
    private TextField tryName;
    @FXML
    private TextField tryCidrs;
    @FXML
    private Label verdict;
    @FXML
    private Label verdictDetail;
    @FXML
    private ComboBox<String> validationPicker;
    @FXML
    private Button applyExpression;
    @FXML
    private TextArea expression;
    @FXML
    private TextFlow marker;
    @FXML
    private Label compileMessage;
    @FXML
    private TitledPane rangesPane;
    @FXML
    private ListView<String> ranges;
    @FXML
    private TextField newRange;
    @FXML
    private ListView<String> audit;

    @FXML
    private Label undoHint;

    private PoliciesViewModel vm;

    public void bind(PoliciesViewModel viewModel) {
        this.vm = viewModel;
        table.setItems(vm.rows());
        kindColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().isPolicy() ? "Policy"
                : "Binding"));
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().summary()));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(PolicyWorkbench.Row item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("broken", "warned");
                boolean broken = !empty && item != null && !item.problems().isEmpty();
                boolean warned = !empty && item != null && !item.typeWarnings().isEmpty();
                if (broken) {
                    getStyleClass().add("broken");
                } else if (warned) {
                    getStyleClass().add("warned");
                }
                if (empty || item == null) {
                    setTooltip(null);
                } else {
                    // The columns are narrow beside the editor: the tooltip has the whole row, and why it is marked.
                    String head = item.name() + "\n" + item.summary();
                    setTooltip(new Tooltip(broken || warned ? head + "\n\n" + String.join("\n", broken
                            ? item.problems() : item.typeWarnings()) : head));
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != vm.selectedProperty().get()) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> table.getSelectionModel().select(b));
        vm.rows().addListener((ListChangeListener<PolicyWorkbench.Row>) c ->
                table.getSelectionModel().select(vm.selectedProperty().get()));
        deleteButton.disableProperty().bind(vm.selectedProperty().isNull());
        message.textProperty().bind(vm.messageProperty());
        undoHint.textProperty().bind(vm.undoHintProperty());
        // The status line follows the focus: Ctrl+Z in a text field undoes typing, elsewhere the plan's last change.
        javafx.beans.value.ChangeListener<javafx.scene.Node> focus = (o, a, b) -> vm.focusInText(
                b instanceof javafx.scene.control.TextInputControl t && t.isEditable() && inThisView(b));
        undoHint.sceneProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.focusOwnerProperty().removeListener(focus);
            }
            if (b != null) {
                b.focusOwnerProperty().addListener(focus);
            }
        });
        manifest.textProperty().bind(vm.manifestProperty());

        planCidrs.setItems(vm.planServiceCidrs());
        planCidrs.setOnAction(e -> vm.tryPlanServiceCidr(planCidrs.getSelectionModel().getSelectedIndex()));
        tryName.textProperty().bindBidirectional(vm.tryNameProperty());
        tryCidrs.textProperty().bindBidirectional(vm.tryCidrsProperty());
        verdict.textProperty().bind(vm.verdictProperty());
        verdictDetail.textProperty().bind(vm.verdictDetailProperty());
        vm.outcomeProperty().addListener((o, a, b) -> styleVerdict(b));
        styleVerdict(vm.outcomeProperty().get());

        validationPicker.setItems(vm.validations());
        validationPicker.disableProperty().bind(Bindings.isEmpty(vm.validations()));
        validationPicker.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() >= 0) {
                vm.validationIndexProperty().set(b.intValue());
            }
        });
        vm.validationIndexProperty().addListener((o, a, b) -> validationPicker.getSelectionModel()
                .select(b.intValue()));
        validationPicker.getSelectionModel().select(vm.validationIndexProperty().get());
        expression.textProperty().bindBidirectional(vm.expressionProperty());
        expression.disableProperty().bind(vm.validationIndexProperty().lessThan(0));
        applyExpression.disableProperty().bind(vm.expressionChangedProperty().not()
                .or(vm.compileMessageProperty().isNotEmpty()));
        compileMessage.textProperty().bind(vm.compileMessageProperty());
        vm.compileMessageProperty().addListener((o, a, b) -> renderMarker());
        vm.expressionProperty().addListener((o, a, b) -> renderMarker());
        renderMarker();

        rangesPane.visibleProperty().bind(vm.hasRangesProperty());
        rangesPane.managedProperty().bind(vm.hasRangesProperty());
        ranges.setItems(vm.ranges());
        ranges.setCellFactory(TextFieldListCell.forListView());
        audit.setItems(vm.auditLog());
    }

    private boolean inThisView(javafx.scene.Node n) {
        for (javafx.scene.Node x = n; x != null; x = x.getParent()) {
            if (x.getStyleClass().contains("policies-view")) {
                return true;
            }
        }
        return false;
    }

    private void styleVerdict(PolicyWorkbench.Outcome outcome) {
        verdict.getStyleClass().removeAll("allowed", "denied", "warning", "invalid");
        verdict.getStyleClass().add(outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The expression with the character a compile error points at marked: the TextArea cannot style one character,
     * so the line with the error is repeated below it with that character in red and underlined.
     */
    private void renderMarker() {
        marker.getChildren().clear();
        int line = vm.errorLineProperty().get();
        int column = vm.errorColumnProperty().get();
        String text = vm.expressionProperty().get();
        if (line <= 0 || column <= 0 || text == null) {
            return;
        }
        String[] lines = text.split("\n", -1);
        if (line > lines.length) {
            return;
        }
        String l = lines[line - 1];
        // cel-go counts columns in code points.
        int[] cps = l.codePoints().toArray();
        int at = Math.min(column - 1, cps.length);
        Text before = new Text(new String(cps, 0, at));
        before.getStyleClass().add("code");
        Text bad = new Text(at < cps.length ? new String(cps, at, 1) : " ");
        bad.getStyleClass().add("bad");
        Text after = new Text(at + 1 < cps.length ? new String(cps, at + 1, cps.length - at - 1) : "");
        after.getStyleClass().add("code");
        marker.getChildren().addAll(before, bad, after);
        marker.setAccessibleText("Error at line " + line + ", column " + column);
    }

    @FXML
    void onAllowedRanges() {
        vm.addTemplate(true);
    }

    @FXML
    void onDenyAll() {
        vm.addTemplate(false);
    }

    @FXML
    void onDelete() {
        vm.deleteSelected();
    }

    @FXML
    void onApplyExpression() {
        vm.applyExpression();
    }

    @FXML
    void onAddRange() {
        String r = newRange.getText().strip();
        if (!r.isEmpty()) {
            vm.ranges().add(r);
            newRange.clear();
        }
    }

    @FXML
    void onRemoveRange() {
        int i = ranges.getSelectionModel().getSelectedIndex();
        if (i >= 0) {
            vm.ranges().remove(i);
        }
    }

    @FXML
    void onApplyRanges() {
        vm.applyRanges();
    }
}
