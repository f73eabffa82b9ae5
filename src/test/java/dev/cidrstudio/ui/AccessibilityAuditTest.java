package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every control a user can reach with the keyboard, in every tab, has a name a screen reader can say: its own
 * text, an accessible text, or a label that names it ({@code labelFor}).
 */
@ExtendWith(ApplicationExtension.class)
class AccessibilityAuditTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;

    @Start
    void start(Stage s) {
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.show();
    }

    private static boolean interactive(Node n) {
        return n instanceof ButtonBase || n instanceof TextInputControl || n instanceof ComboBoxBase<?>
                || n instanceof ChoiceBox<?> || n instanceof Spinner<?> || n instanceof ListView<?>
                || n instanceof TableView<?> || n instanceof TreeView<?> || n instanceof Slider
                || n instanceof Control c && c.isFocusTraversable();
    }

    private static boolean named(Control c, Set<Node> labelled) {
        if (c.getAccessibleText() != null && !c.getAccessibleText().isBlank()) {
            return true;
        }
        if (c instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            return true;
        }
        return labelled.contains(c);
    }

    private static void collect(Node n, List<Node> out) {
        out.add(n);
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out);
            }
        }
    }

    /** Controls of the scene that are shown, reachable, and nameless; cells and inner parts of controls excluded. */
    private static List<String> nameless(Parent root) {
        List<Node> all = new ArrayList<>();
        collect(root, all);
        Set<Node> labelled = new LinkedHashSet<>();
        for (Node n : all) {
            if (n instanceof Label l && l.getLabelFor() != null) {
                labelled.add(l.getLabelFor());
            }
        }
        List<String> out = new ArrayList<>();
        for (Node n : all) {
            if (!(n instanceof Control c) || !interactive(n) || !shown(n) || n.isDisabled()
                    || !n.isFocusTraversable() || insideAnotherControl(n)) {
                continue;
            }
            if (!named(c, labelled)) {
                out.add(n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId()));
            }
        }
        return out;
    }

    /** Visible with all its ancestors (a tab that is not selected keeps its content, hidden). */
    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** A control drawn by another control's skin (a spinner's editor, a combo box's list) is named by its owner. */
    private static boolean insideAnotherControl(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Control && !(p instanceof javafx.scene.control.ScrollPane)
                    && !(p instanceof javafx.scene.control.SplitPane) && !(p instanceof TabPane)
                    && !(p instanceof javafx.scene.control.TitledPane)
                    && !(p instanceof javafx.scene.control.ToolBar)
                    && !(p instanceof javafx.scene.control.Accordion)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyMnemonicLabelNamesItsField(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        List<String> unlinked = new ArrayList<>();
        for (Tab tab : List.copyOf(tabs.getTabs())) {
            Tabs.open(robot, tab.getText());
            WaitForAsyncUtils.waitForFxEvents();
            List<Node> all = new ArrayList<>();
            collect(tab.getContent() instanceof Parent p ? p : tabs, all);
            if (tab.getContent() instanceof javafx.scene.control.ScrollPane sp && sp.getContent() instanceof Parent p) {
                collect(p, all);
            }
            for (Node n : all) {
                if (n instanceof Label l && l.isMnemonicParsing() && l.getText() != null && l.getText().contains("_")
                        && l.getLabelFor() == null) {
                    unlinked.add(tab.getText() + ": " + l.getText());
                }
            }
        }
        assertEquals(List.of(), unlinked.stream().distinct().toList());
    }

    @Test
    void everyReachableControlInEveryTabHasAName(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        List<String> missing = new ArrayList<>();
        for (Tab tab : List.copyOf(tabs.getTabs())) {
            Tabs.open(robot, tab.getText());
            WaitForAsyncUtils.waitForFxEvents();
            for (String n : nameless(tabs.getScene().getRoot())) {
                missing.add(tab.getText() + ": " + n);
            }
        }
        assertEquals(List.of(), missing.stream().distinct().toList());
    }

    @Test
    void everyTabAndTheNavigatorAreReachableFromTheKeyboard(FxRobot robot) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        for (int i = 0; i < Math.min(9, tabs.getTabs().size()); i++) {
            robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 1)))
                    .release(javafx.scene.input.KeyCode.valueOf("DIGIT" + (i + 1)), javafx.scene.input.KeyCode.SHORTCUT);
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals(tabs.getTabs().get(i), tabs.getSelectionModel().getSelectedItem(), "Ctrl+" + (i + 1));
        }
        robot.press(javafx.scene.input.KeyCode.SHORTCUT, javafx.scene.input.KeyCode.L)
                .release(javafx.scene.input.KeyCode.L, javafx.scene.input.KeyCode.SHORTCUT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(TreeView.class, tabs.getScene().getFocusOwner().getClass(), "Ctrl+L focuses the navigator");
    }

    @Test
    void theGuideOpensWithF1IsNamedAndClosesWithEscape(FxRobot robot) throws Exception {
        robot.clickOn("#tabs");
        robot.type(javafx.scene.input.KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.VBox help = robot.lookup("#helpText").queryAs(javafx.scene.layout.VBox.class);
        assertEquals("CIDR Studio help", help.getAccessibleText());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<Object> pages = robot.lookup("#helpPages").queryAs(
                javafx.scene.control.ListView.class);
        org.junit.jupiter.api.Assertions.assertTrue(pages.getItems().size() >= 8, "a guide of pages: " + pages
                .getItems());
        org.junit.jupiter.api.Assertions.assertTrue(pages.getItems().stream().map(Object::toString)
                .filter(t -> t.startsWith("How to: ")).count() >= 4, "with how-to pages: " + pages.getItems());
        // Formatted: the first page starts with its heading, and its numbered steps are a list.
        org.junit.jupiter.api.Assertions.assertTrue(help.getChildren().get(0).getStyleClass().contains("help-h1"));
        org.junit.jupiter.api.Assertions.assertTrue(robot.lookup("#helpText .help-list").tryQuery().isPresent());
        // Searching narrows the pages to those that say it.
        robot.clickOn("#helpSearch").write("Ctrl+1");
        WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertTrue(pages.getItems().stream().map(Object::toString)
                .anyMatch(t -> t.equals("Keyboard shortcuts")), "the guide lists the keyboard shortcuts");
        org.junit.jupiter.api.Assertions.assertTrue(pages.getItems().size() < 8, pages.getItems().toString());
        robot.eraseText(6);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(help.getScene(), "help")).get();
        robot.clickOn(help).type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertTrue(robot.lookup("#helpText").tryQuery().isEmpty(),
                "Escape closes the guide");
    }
}
