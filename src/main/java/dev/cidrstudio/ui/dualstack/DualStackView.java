package dev.cidrstudio.ui.dualstack;

import dev.cidrstudio.app.DualStackReport;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Code-behind of {@code DualStackView.fxml}. */
public final class DualStackView {

    @FXML
    private Label verdict;
    @FXML
    private TableView<DualStackReport.Item> items;
    @FXML
    private TableColumn<DualStackReport.Item, String> result;
    @FXML
    private TableColumn<DualStackReport.Item, String> subject;
    @FXML
    private TableColumn<DualStackReport.Item, String> reason;

    public void bind(DualStackViewModel vm) {
        verdict.textProperty().bind(vm.verdictProperty());
        items.setItems(vm.items());
        result.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().pass() ? "PASS" : "FAIL"));
        result.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                getStyleClass().removeAll("pass", "fail");
                if (!empty) {
                    getStyleClass().add("PASS".equals(value) ? "pass" : "fail");
                }
            }
        });
        subject.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().subject()));
        reason.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().reason()));
        dev.cidrstudio.ui.controls.Tables.wrap(subject);
        dev.cidrstudio.ui.controls.Tables.wrap(reason);
    }
}
