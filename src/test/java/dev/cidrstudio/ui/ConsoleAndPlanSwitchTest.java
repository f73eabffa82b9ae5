package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.console.ConsoleViewModel;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console as a class meets it (Shift+Enter, tab stops, long lines, exercises from the menu bar) and what another
 * plan leaves behind of the last one: nothing (transcript, practice cluster, the Capacity what-if and its preview).
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleAndPlanSwitchTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.setWidth(1280);
        s.setHeight(800);
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> transcript() {
        return vm.console().transcript().stream().map(ConsoleViewModel.Line::text).toList();
    }

    @Test
    void shiftEnterAddsALineAndEnterRunsTheWholeHeredoc(FxRobot robot) {
        Tabs.open(robot, "Console");
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        robot.clickOn(input).write("cat <<EOF");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("hello");
        robot.press(KeyCode.SHIFT).type(KeyCode.ENTER).release(KeyCode.SHIFT);
        robot.write("EOF");
        assertEquals("cat <<EOF\nhello\nEOF", input.getText());
        assertTrue(transcript().isEmpty(), transcript().toString());
        robot.type(KeyCode.ENTER);
        assertTrue(transcript().contains("hello"), transcript().toString());
    }

    @Test
    void tabsAreDrawnAtTerminalStopsAndLongLinesWrap(FxRobot robot) {
        Tabs.open(robot, "Console");
        String longLine = "x".repeat(400);
        fx(() -> {
            vm.console().inputProperty().set("printf '10.1.2.3\\tfoo.remote\\n" + longLine + "\\n'");
            vm.console().run();
        });
        @SuppressWarnings("unchecked")
        ListView<ConsoleViewModel.Line> list = robot.lookup("#consoleTranscript").queryAs(ListView.class);
        List<Text> lines = robot.lookup("#consoleTranscript .line").queryAll().stream()
                .map(n -> (Text) n).filter(t -> t.isVisible() && t.getParent() != null).toList();
        assertTrue(lines.stream().anyMatch(t -> t.getText().equals("10.1.2.3        foo.remote")),
                lines.stream().map(Text::getText).toList().toString());
        Text wrapped = lines.stream().filter(t -> t.getText().equals(longLine)).findFirst().orElseThrow();
        Screenshots.writeFromTest(stage.getScene(), "console-wrap-debug");
        var bounds = wrapped.getLayoutBounds();
        assertTrue(bounds.getWidth() <= list.getWidth(), bounds.getWidth() + " > " + list.getWidth());
        assertTrue(bounds.getHeight() > 3 * wrapped.getFont().getSize(), "the long line takes several rows: "
                + bounds.getHeight());
        ListCell<?> cell = (ListCell<?>) wrapped.getParent();
        assertTrue(cell.getHeight() >= bounds.getHeight(), "its cell is as tall as it: " + cell.getHeight());
    }

    @Test
    void exercisesStartFromTheTrainingMenuOnAFreshTranscript(FxRobot robot) {
        Tabs.open(robot, "Overview");
        fx(() -> {
            vm.console().inputProperty().set("kubectl get ns");
            vm.console().run();
        });
        assertFalse(transcript().isEmpty());
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu training = bar.getMenus().stream().filter(m -> "trainingMenu".equals(m.getId()))
                .findFirst().orElseThrow();
        fx(() -> training.getItems().stream()
                .filter(i -> "Exercise: Adding entries to Pod /etc/hosts with HostAliases".equals(i.getText()))
                .findFirst().orElseThrow().fire());
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("consoleTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertTrue(vm.console().exercise().isPresent());
        assertEquals(1, transcript().size(), "only the exercise's own first line: " + transcript());
        assertTrue(transcript().get(0).startsWith("# Exercise: "), transcript().toString());
    }

    @Test
    void anotherPlanStartsWithACleanConsoleAndNoWhatIf(FxRobot robot) {
        Tabs.open(robot, "Console");
        fx(() -> {
            vm.console().inputProperty().set("kubectl get svc -A");
            vm.console().run();
            vm.capacity().countProperty().set(5);
            vm.capacity().run();
        });
        assertTrue(vm.capacity().hasResultProperty().get());
        Tabs.open(robot, "Map");
        Button back = robot.lookup("#mapBackToPlan").queryAs(Button.class);
        assertTrue(back.isVisible(), "the map shows the what-if and offers the way back");
        robot.clickOn(back);
        assertFalse(back.isVisible());

        fx(() -> vm.capacity().run());
        assertTrue(back.isVisible());
        fx(() -> vm.newPlan());
        assertTrue(transcript().isEmpty(), transcript().toString());
        assertFalse(vm.capacity().hasResultProperty().get(), "the old plan's what-if is gone");
        assertFalse(back.isVisible(), "the map shows the new plan");
        long before = vm.session().view().state().contentVersion();
        fx(() -> vm.capacity().addToPlan());
        assertEquals(before, vm.session().view().state().contentVersion(), "nothing added without a what-if");
        assertEquals("untitled", vm.session().view().settings().name());
    }

    @Test
    void fileCloseAndOpenTheDemoAndDialogsStartInThePlansFolder(FxRobot robot) throws Exception {
        javafx.scene.control.MenuBar bar = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class);
        javafx.scene.control.Menu file = bar.getMenus().get(0);
        java.util.function.Function<String, javafx.scene.control.MenuItem> item = id -> file.getItems().stream()
                .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        fx(() -> item.apply("closeItem").fire());
        assertEquals("untitled.cidrplan.yaml", vm.session().name());
        assertEquals("Closed demo.cidrplan.yaml", robot.lookup("#status").queryLabeled().getText());
        assertTrue(vm.dialogFolder().isEmpty() || !vm.dialogFolder().get().equals(dir));

        fx(() -> item.apply("openDemoItem").fire());
        assertEquals("demo.cidrplan.yaml", vm.session().name());
        assertEquals("demo", vm.session().view().settings().name());
        assertTrue(vm.session().file().isEmpty(), "Save asks where");

        Path folder = java.nio.file.Files.createDirectories(dir.resolve("plans"));
        fx(() -> vm.saveAs(folder.resolve("lab.cidrplan.yaml")));
        assertEquals(folder, vm.dialogFolder().orElseThrow());
    }
}
