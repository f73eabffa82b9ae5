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
    @FXML
    private MenuButton exercises;
    @FXML
    private javafx.scene.control.ScrollPane exercisePanel;
    @FXML
    private Label exerciseTitle;
    @FXML
    private Label exerciseStep;
    @FXML
    private Label exerciseExplanation;
    @FXML
    private javafx.scene.layout.VBox exerciseChecks;
    @FXML
    private Label exerciseFeedback;
    @FXML
    private javafx.scene.layout.VBox exerciseHints;
    @FXML
    private javafx.scene.control.ToggleButton scriptEditor;

    private ConsoleViewModel vm;
    /** The cell's padding and the vertical scroll bar, which a wrapped line must leave room for. */
    private static final double WRAP_MARGIN = 28;

    public void bind(ConsoleViewModel viewModel) {
        this.vm = viewModel;
        transcript.setItems(vm.transcript());
        transcript.setCellFactory(l -> new ListCell<>() {
            /** The line, as a text node: it wraps as a terminal does, a long word included, never cut off. */
            private final javafx.scene.text.Text line = new javafx.scene.text.Text();

            {
                line.getStyleClass().add("line");
                line.wrappingWidthProperty().bind(transcript.widthProperty().subtract(WRAP_MARGIN));
                setText(null);
            }

            @Override
            protected void updateItem(ConsoleViewModel.Line item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("command", "stderr");
                line.setText(empty || item == null ? "" : TabStops.expand(item.text()));
                setGraphic(empty || item == null ? null : line);
                setAccessibleText(empty || item == null ? null : item.text());
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
        for (dev.cidrstudio.wizard.Training.BuiltIn b : dev.cidrstudio.wizard.Training.BUILT_IN) {
            MenuItem item = new MenuItem(b.title());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                vm.startExercise(b.build().get());
                input.requestFocus();
            });
            exercises.getItems().add(item);
        }
        exercises.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        MenuItem open = new MenuItem("Open an exercise file...");
        open.setOnAction(e -> openExercise());
        exercises.getItems().add(open);
        exercisePanel.visibleProperty().bind(vm.exerciseActiveProperty());
        exercisePanel.managedProperty().bind(exercisePanel.visibleProperty());
        exerciseTitle.textProperty().bind(vm.exerciseTitleProperty());
        exerciseStep.textProperty().bind(vm.exerciseStepProperty());
        exerciseExplanation.textProperty().bind(vm.exerciseExplanationProperty());
        exerciseFeedback.textProperty().bind(vm.exerciseFeedbackProperty());
        vm.exerciseChecks().addListener((ListChangeListener<String>) c -> lines(exerciseChecks, vm.exerciseChecks()));
        vm.exerciseHints().addListener((ListChangeListener<String>) c -> lines(exerciseHints, vm.exerciseHints()));
        scriptEditor.selectedProperty().addListener((o, a, b) -> input.setPrefRowCount(b ? 12 : 2));
        input.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && scriptEditor.isSelected() && !e.isShortcutDown()) {
                return;
            }
            if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
                // The text area's own Enter binding takes no modifier: Shift+Enter would add nothing.
                e.consume();
                input.replaceSelection("\n");
            } else if (e.getCode() == KeyCode.ENTER) {
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

    private static void lines(javafx.scene.layout.VBox box, java.util.List<String> items) {
        box.getChildren().clear();
        for (String s : items) {
            Label l = new Label(s);
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            if (s.startsWith("\u2713")) {
                l.getStyleClass().add("pass");
            } else if (s.startsWith("\u2717")) {
                l.getStyleClass().add("fail");
            } else {
                l.getStyleClass().add("hint-line");
            }
            box.getChildren().add(l);
        }
    }

    private void openExercise() {
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle("Open an exercise (kind: TrainingScenario)");
        fc.getExtensionFilters().addAll(new javafx.stage.FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        java.io.File f = fc.showOpenDialog(input.getScene().getWindow());
        if (f == null) {
            return;
        }
        java.util.List<String> problems = vm.loadExercise(f.toPath());
        if (!problems.isEmpty()) {
            javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR);
            a.initOwner(input.getScene().getWindow());
            a.setHeaderText("The exercise " + f.getName() + " cannot be used");
            TextArea text = new TextArea(String.join("\n", problems));
            text.setEditable(false);
            text.setWrapText(true);
            a.getDialogPane().setContent(text);
            a.show();
        }
    }

    @FXML
    void onCheckStep() {
        vm.checkStep();
    }

    @FXML
    void onHint() {
        vm.hint();
    }

    @FXML
    void onShowAnswer() {
        vm.showAnswer();
        input.requestFocus();
    }

    @FXML
    void onRestartExercise() {
        vm.restartExercise();
    }

    @FXML
    void onStep() {
        vm.step();
        input.requestFocus();
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
