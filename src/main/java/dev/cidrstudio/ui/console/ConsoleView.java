package dev.cidrstudio.ui.console;

import dev.cidrstudio.console.DocsPages;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;

/** Code-behind of {@code ConsoleView.fxml}: the transcript and the input line. */
public final class ConsoleView {

    @FXML
    private ListView<ConsoleViewModel.Line> transcript;
    @FXML
    private TextArea input;
    @FXML
    private Label target;
    @FXML
    private MenuButton docsPages;
    @FXML
    private Button backToPlan;

    private ConsoleViewModel vm;

    public void bind(ConsoleViewModel viewModel) {
        this.vm = viewModel;
        transcript.setItems(vm.transcript());
        transcript.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(ConsoleViewModel.Line item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("command", "stderr");
                setText(empty || item == null ? null : item.text());
                if (!empty && item != null) {
                    if (item.command()) {
                        getStyleClass().add("command");
                    } else if (item.error()) {
                        getStyleClass().add("stderr");
                    }
                }
            }
        });
        vm.transcript().addListener((ListChangeListener<ConsoleViewModel.Line>) c ->
                transcript.scrollTo(Math.max(0, vm.transcript().size() - 1)));
        input.textProperty().bindBidirectional(vm.inputProperty());
        target.textProperty().bind(Bindings.concat("kubectl against ", vm.targetProperty(),
                ": a command, or a script with heredocs and loops."));
        backToPlan.visibleProperty().bind(vm.targetProperty().isNotEqualTo("the plan"));
        backToPlan.managedProperty().bind(backToPlan.visibleProperty());
        for (DocsPages.Page page : DocsPages.PAGES) {
            MenuItem item = new MenuItem(page.title());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                vm.loadDocsPage(page);
                input.requestFocus();
            });
            docsPages.getItems().add(item);
        }
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && !e.isShiftDown()) {
                e.consume();
                vm.run();
            } else if (e.getCode() == KeyCode.UP && !input.getText().contains("\n")) {
                e.consume();
                vm.history(-1);
                input.end();
            } else if (e.getCode() == KeyCode.DOWN && !input.getText().contains("\n")) {
                e.consume();
                vm.history(1);
                input.end();
            }
        });
    }

    @FXML
    void onRun() {
        vm.run();
        input.requestFocus();
    }

    @FXML
    void onUsePlan() {
        vm.usePlan();
    }

    @FXML
    void onClear() {
        vm.transcript().clear();
    }

    @FXML
    void onCopy() {
        ClipboardContent c = new ClipboardContent();
        c.putString(vm.text());
        Clipboard.getSystemClipboard().setContent(c);
    }
}
