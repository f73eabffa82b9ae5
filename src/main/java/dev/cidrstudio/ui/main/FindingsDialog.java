package dev.cidrstudio.ui.main;

import dev.cidrstudio.app.Finding;
import dev.cidrstudio.ui.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * What an import or an opened file had to say: every finding in a list in the order of its file's lines, which
 * can be copied, and, for the one picked, the lines of the file around it with that line selected. The dialog can
 * be resized; the file is read off the UI thread, only as far as the line.
 */
final class FindingsDialog {

    /** Lines shown before and after the finding's own. */
    static final int CONTEXT = 6;
    /** A line longer than this is shown cut, so a minified file cannot flood the view. */
    static final int MAX_LINE = 400;

    private final Alert alert;
    private final ListView<Finding> list = new ListView<>();
    private final TextArea source = new TextArea();
    private final Label where = new Label();
    private final Executor reader;

    FindingsDialog(MainWindowViewModel.Message m, Window owner, Executor reader) {
        this.reader = reader;
        alert = new Alert(m.error() ? Alert.AlertType.ERROR : Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setResizable(true);
        alert.setTitle(m.error() ? "Problems" : "Findings");
        alert.setHeaderText(m.heading());
        alert.getDialogPane().setId("findingsDialog");
        List<Finding> findings = m.findingsInLineOrder();
        list.setId("findingsList");
        list.getItems().setAll(findings);
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Finding f, boolean empty) {
                super.updateItem(f, empty);
                setText(empty || f == null ? null : f.describe());
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, f) -> showSource(f));
        source.setId("findingsSource");
        source.setEditable(false);
        source.getStyleClass().add("mono");
        where.setId("findingsWhere");
        Button copy = new Button("Copy all");
        copy.setId("findingsCopy");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text(findings));
            Clipboard.getSystemClipboard().setContent(c);
        });
        List<String> other = m.lines().stream().filter(l -> findings.stream().noneMatch(f -> f.describe().equals(l)))
                .toList();
        Label summary = new Label(String.join("\n", other));
        summary.setWrapText(true);
        summary.setVisible(!other.isEmpty());
        summary.setManaged(!other.isEmpty());
        VBox sourceBox = new VBox(4, where, source);
        VBox.setVgrow(source, Priority.ALWAYS);
        SplitPane split = new SplitPane(list, sourceBox);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        VBox content = new VBox(8, summary, split, new HBox(copy));
        VBox.setVgrow(split, Priority.ALWAYS);
        content.setPrefSize(760, 460);
        alert.getDialogPane().setContent(content);
        if (!findings.isEmpty()) {
            list.getSelectionModel().select(0);
        }
    }

    /** Every finding, one a line, in line order: what "Copy all" puts on the clipboard. */
    static String text(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        findings.forEach(f -> b.append(f.describe()).append('\n'));
        return b.toString();
    }

    private void showSource(Finding f) {
        if (f == null || f.source() == null || f.mark() == null || f.mark().line() <= 0) {
            where.setText(f == null ? "" : "No line to show for this finding.");
            source.setText("");
            return;
        }
        Path file = Path.of(f.source());
        int line = f.mark().line();
        where.setText(f.source() + ", line " + line);
        reader.execute(() -> {
            Excerpt e = excerpt(file, line);
            Workspace.onFx(() -> {
                if (list.getSelectionModel().getSelectedItem() == f) {
                    source.setText(e.text());
                    source.selectRange(e.lineStart(), e.lineEnd());
                }
            });
        });
    }

    /** The lines around {@code line}, and where that line is in them. */
    record Excerpt(String text, int lineStart, int lineEnd) {
    }

    static Excerpt excerpt(Path file, int line) {
        StringBuilder b = new StringBuilder();
        int start = 0;
        int end = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String s;
            for (int n = 1; n <= line + CONTEXT && (s = r.readLine()) != null; n++) {
                if (n < line - CONTEXT) {
                    continue;
                }
                String shown = s.length() > MAX_LINE ? s.substring(0, MAX_LINE) + " ..." : s;
                String numbered = String.format(java.util.Locale.ROOT, "%6d  %s", n, shown);
                if (n == line) {
                    start = b.length();
                    end = start + numbered.length();
                }
                b.append(numbered).append('\n');
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return new Excerpt(file + " cannot be read: " + e.getMessage(), 0, 0);
        }
        return new Excerpt(b.toString(), start, end);
    }

    void show() {
        alert.show();
    }

    /** The findings as the list shows them (tests). */
    List<Finding> shown() {
        return list.getItems();
    }
}
