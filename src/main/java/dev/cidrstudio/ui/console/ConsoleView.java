package dev.cidrstudio.ui.console;

import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
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
