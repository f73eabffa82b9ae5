package dev.cidrstudio.ui.main;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;

/**
 * Help → CIDR Studio help (F1): the bundled guide in a window of its own: a list of pages (the window, the tabs,
 * how-to pages, the command line, shortcuts) with a search box, and the selected page formatted from its Markdown
 * (headings, paragraphs, lists, code).
 */
final class HelpWindow {

    static final String FOLDER = "/dev/cidrstudio/ui/help/";

    /** One page: its file, its title (its first heading) and its Markdown. */
    record Page(String file, String title, String markdown) {

        boolean matches(String query) {
            return query.isEmpty() || (title + "\n" + markdown).toLowerCase(Locale.ROOT).contains(query);
        }

        @Override
        public String toString() {
            return title;
        }
    }

    private HelpWindow() {
    }

    /** The pages in the order of {@code pages.txt}. */
    static List<Page> pages() {
        List<Page> out = new ArrayList<>();
        for (String line : resource("pages.txt").split("\n")) {
            String file = line.strip();
            if (file.isEmpty() || file.startsWith("#")) {
                continue;
            }
            String md = resource(file);
            String title = md.lines().filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).strip())
                    .orElse(file);
            out.add(new Page(file, title, md));
        }
        return out;
    }

    /** Every page's text, one after the other (what the guide says, for search and tests). */
    static String text() {
        StringBuilder sb = new StringBuilder();
        pages().forEach(p -> sb.append(p.markdown()).append('\n'));
        return sb.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HelpWindow.class.getResourceAsStream(FOLDER + name)) {
            return in == null ? "# Missing page\n\nThe page " + name + " is missing from this build.\n"
                    : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void show(Window owner) {
        List<Page> pages = pages();
        FilteredList<Page> shown = new FilteredList<>(FXCollections.observableArrayList(pages));
        ListView<Page> list = new ListView<>(shown);
        list.setId("helpPages");
        list.setAccessibleText("Help pages");
        TextField search = new TextField();
        search.setId("helpSearch");
        search.setPromptText("Search the guide");
        search.setAccessibleText("Search the guide");
        VBox page = new VBox();
        page.setId("helpText");
        page.getStyleClass().add("help-page");
        page.setPadding(new Insets(12, 18, 18, 18));
        page.setSpacing(8);
        page.setAccessibleText("CIDR Studio help");
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        scroll.setId("helpScroll");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                page.getChildren().setAll(render(b.markdown()));
                page.setAccessibleHelp(b.title());
                scroll.setVvalue(0);
            }
        });
        search.textProperty().addListener((o, a, b) -> {
            String q = b == null ? "" : b.strip().toLowerCase(Locale.ROOT);
            Page current = list.getSelectionModel().getSelectedItem();
            shown.setPredicate(p -> p.matches(q));
            if (current == null || !shown.contains(current)) {
                list.getSelectionModel().selectFirst();
            }
        });
        list.getSelectionModel().selectFirst();
        VBox left = new VBox(6, search, list);
        left.setPadding(new Insets(8));
        VBox.setVgrow(list, Priority.ALWAYS);
        SplitPane split = new SplitPane(left, scroll);
        split.setDividerPositions(0.35);
        SplitPane.setResizableWithParent(left, false);
        BorderPane root = new BorderPane(split);
        root.getStylesheets().add(HelpWindow.class.getResource(FOLDER + "help.css").toExternalForm());
        // Escape closes the guide, as it closes a dialog.
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                ((Stage) root.getScene().getWindow()).close();
            }
        });
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("CIDR Studio help");
        Scene scene = new Scene(root, 900, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            root.setStyle(owner.getScene().getRoot().getStyle());
            // Next to the main window, not wherever the window manager puts a new one.
            stage.setX(owner.getX() + Math.max(0, (owner.getWidth() - 900) / 2));
            stage.setY(owner.getY() + Math.max(0, (owner.getHeight() - 620) / 2));
        }
        stage.setScene(scene);
        stage.show();
        page.requestFocus();
    }

    /** A page's Markdown as JavaFX nodes: headings, paragraphs, numbered and bulleted lists, code. */
    static List<Node> render(String markdown) {
        org.commonmark.node.Node doc = Parser.builder().build().parse(markdown);
        List<Node> out = new ArrayList<>();
        for (org.commonmark.node.Node n = doc.getFirstChild(); n != null; n = n.getNext()) {
            out.add(block(n));
        }
        return out;
    }

    private static Node block(org.commonmark.node.Node n) {
        if (n instanceof Heading h) {
            TextFlow t = inline(h);
            t.getStyleClass().addAll("help-heading", "help-h" + h.getLevel());
            return t;
        }
        if (n instanceof Paragraph) {
            TextFlow t = inline(n);
            t.getStyleClass().add("help-paragraph");
            return t;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            VBox items = new VBox(4);
            items.getStyleClass().add("help-list");
            int number = n instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
            for (org.commonmark.node.Node item = n.getFirstChild(); item != null; item = item.getNext()) {
                Label mark = new Label(n instanceof OrderedList ? number++ + "." : "\u2022");
                mark.getStyleClass().add("help-mark");
                mark.setMinWidth(22);
                VBox body = new VBox(4);
                for (org.commonmark.node.Node c = item.getFirstChild(); c != null; c = c.getNext()) {
                    body.getChildren().add(block(c));
                }
                HBox row = new HBox(4, mark, body);
                HBox.setHgrow(body, Priority.ALWAYS);
                items.getChildren().add(row);
            }
            return items;
        }
        if (n instanceof FencedCodeBlock || n instanceof IndentedCodeBlock) {
            String code = n instanceof FencedCodeBlock f ? f.getLiteral() : ((IndentedCodeBlock) n).getLiteral();
            Label l = new Label(code.stripTrailing());
            l.getStyleClass().add("help-code-block");
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(Label.USE_PREF_SIZE);
            return l;
        }
        if (n instanceof ListItem) {
            return block(n.getFirstChild());
        }
        return inline(n);
    }

    /** The inline content of a block as runs of text, strong, emphasised or code. */
    private static TextFlow inline(org.commonmark.node.Node block) {
        TextFlow flow = new TextFlow();
        block.accept(new AbstractVisitor() {
            private final List<String> styles = new ArrayList<>();

            private void run(String s, String... extra) {
                Text t = new Text(s);
                t.getStyleClass().add("help-text");
                t.getStyleClass().addAll(styles);
                t.getStyleClass().addAll(extra);
                flow.getChildren().add(t);
            }

            @Override
            public void visit(org.commonmark.node.Text text) {
                run(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                run(code.getLiteral(), "help-code");
            }

            @Override
            public void visit(SoftLineBreak b) {
                run(" ");
            }

            @Override
            public void visit(HardLineBreak b) {
                run("\n");
            }

            @Override
            public void visit(StrongEmphasis s) {
                styles.add("help-strong");
                visitChildren(s);
                styles.remove(styles.size() - 1);
            }

            @Override
            public void visit(Emphasis e) {
                styles.add("help-em");
                visitChildren(e);
                styles.remove(styles.size() - 1);
            }
        });
        return flow;
    }
}
