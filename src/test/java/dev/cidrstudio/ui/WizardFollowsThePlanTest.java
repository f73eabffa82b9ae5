package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.wizard.ScenarioKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Wizard tab on a real background executor: it follows the plan through Undo and Redo of its Apply, offers a
 * runbook only when there are steps to export, and reads as one scroll pane that starts at the top for each scenario.
 */
@ExtendWith(ApplicationExtension.class)
class WizardFollowsThePlanTest {

    @TempDir
    static Path dir;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-worker");
        t.setDaemon(true);
        return t;
    });
    private MainWindowViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config-" + System.nanoTime())), worker,
                Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.setWidth(1280);
        s.setHeight(800);
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void idle() throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void prepare(FxRobot robot, ScenarioKind k, String target) throws TimeoutException {
        @SuppressWarnings("unchecked")
        ComboBox<ScenarioKind> kind = robot.lookup("#wizardKind").queryAs(ComboBox.class);
        TextField t = robot.lookup("#wizardTarget").queryAs(TextField.class);
        fx(() -> {
            kind.setValue(k);
            t.setText(target);
        });
        robot.clickOn("#wizardPrepare");
        idle();
    }

    private String message(FxRobot robot) {
        return robot.lookup("#wizardMessage").queryLabeled().getText();
    }

    @Test
    void undoOfApplyMakesItNotAppliedAndRedoAppliesAgain(FxRobot robot) throws Exception {
        Tabs.open(robot, "Wizard");
        prepare(robot, ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        robot.clickOn("#wizardRunAll");
        idle();
        Button apply = robot.lookup("#wizardApply").queryAs(Button.class);
        assertFalse(apply.isDisabled());
        long before = vm.session().revision();

        robot.clickOn("#wizardApply");
        idle();
        assertTrue(message(robot).startsWith("Applied to the plan"), message(robot));
        assertTrue(vm.wizard().appliedProperty().get());
        assertTrue(apply.isDisabled(), "the plan already holds the rehearsal's end state");

        fx(vm::undo);
        idle();
        assertEquals(before, vm.session().revision());
        assertFalse(vm.wizard().appliedProperty().get(), "Undo took the wizard's edit out of the plan");
        assertFalse(message(robot).startsWith("Applied"), message(robot));
        assertTrue(message(robot).contains("not applied any more"), message(robot));
        assertFalse(apply.isDisabled(), "Apply is offered again");

        fx(vm::redo);
        idle();
        assertTrue(vm.wizard().appliedProperty().get());
        assertTrue(message(robot).startsWith("Redo applied the rehearsal to the plan again"), message(robot));
        assertTrue(apply.isDisabled());

        // Applying again after Undo is one edit again, and works.
        fx(vm::undo);
        idle();
        robot.clickOn("#wizardApply");
        idle();
        assertTrue(vm.wizard().appliedProperty().get());
        assertEquals("10.96.16.1", vm.session().view().<dev.cidrstudio.model.api.Service>find(
                dev.cidrstudio.model.api.Kind.SERVICE, "default", "kubernetes").orElseThrow().spec().clusterIP());
    }

    @Test
    void exportIsOfferedOnlyWhenThereAreStepsToExport(FxRobot robot) throws Exception {
        Tabs.open(robot, "Wizard");
        Button export = robot.lookup("#wizardExport").queryAs(Button.class);
        assertTrue(export.isDisabled(), "nothing prepared");
        prepare(robot, ScenarioKind.EXTEND, "172.20.0.0/16");
        assertTrue(vm.wizard().rehearsal().orElseThrow().scenario().steps().isEmpty(), "the pre-flight failed");
        assertTrue(export.isDisabled(), "a failed pre-flight has no runbook to export");
        Path out = dir.resolve("refused-runbook");
        String[] said = new String[1];
        fx(() -> said[0] = vm.wizard().exportRunbook(out));
        assertTrue(said[0].startsWith("Nothing to export: the pre-flight found problems"), said[0]);
        assertFalse(Files.exists(out), "no empty runbook is written");

        prepare(robot, ScenarioKind.EXTEND, "10.96.64.0/20");
        assertTrue(vm.wizard().rehearsal().orElseThrow().scenario().ready());
        assertFalse(export.isDisabled());
        Path ok = dir.resolve("runbook");
        fx(() -> vm.wizard().exportRunbook(ok));
        assertTrue(Files.readString(ok.resolve("runbook.sh")).contains("kubectl apply -f "));
    }

    @Test
    void oneScrollPaneThatStartsAtTheTopForAnotherScenario(FxRobot robot) throws Exception {
        Tabs.open(robot, "Wizard");
        prepare(robot, ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        robot.clickOn("#wizardRunAll");
        idle();
        ScrollPane detail = robot.lookup("#wizardStepScroll").queryAs(ScrollPane.class);
        // Nothing inside the step's scroll pane scrolls up and down on its own.
        Node content = detail.getContent();
        for (Node bar : robot.from(content).lookup(".scroll-bar").queryAll()) {
            ScrollBar b = (ScrollBar) bar;
            assertFalse(b.getOrientation() == javafx.geometry.Orientation.VERTICAL && b.isVisible()
                    && visible(b), () -> "a scroll bar inside the scroll pane: " + describe(b));
        }
        assertEquals(1, robot.lookup(".scroll-pane").queryAll().stream()
                .filter(n -> n instanceof ScrollPane && ancestor(n, robot.lookup(".wizard-view").query())
                        && !(n.getParent() instanceof javafx.scene.control.TextArea))
                .count(), "one scroll pane in the Wizard tab");
        assertTrue(robot.lookup("#wizardPreflight").query().getParent() == content,
                "the pre-flight is at the top of the one scroll pane");

        fx(() -> detail.setVvalue(0.8));
        @SuppressWarnings("unchecked")
        ComboBox<ScenarioKind> kind = robot.lookup("#wizardKind").queryAs(ComboBox.class);
        fx(() -> kind.setValue(ScenarioKind.EXTEND));
        assertEquals(0, detail.getVvalue(), "another scenario starts at the top");
        fx(() -> detail.setVvalue(0.8));
        prepare(robot, ScenarioKind.EXTEND, "");
        assertEquals(0, detail.getVvalue(), "a newly prepared scenario starts at its pre-flight");
        Screenshots.writeFromTest(stage.getScene(), "wizard-one-scroll");
    }

    private static String describe(Node n) {
        StringBuilder sb = new StringBuilder();
        if (n instanceof ScrollBar b) {
            sb.append("bar ").append(b.getMin()).append("..").append(b.getMax()).append(" visible amount ")
                    .append(b.getVisibleAmount()).append(": ");
        }
        for (Node x = n; x != null; x = x.getParent()) {
            sb.append(x.getClass().getSimpleName()).append('#').append(x.getId()).append(' ')
                    .append(x.getLayoutBounds().getHeight()).append(" / ");
            if (x instanceof javafx.scene.control.TableView<?> t) {
                sb.append("[items ").append(t.getItems().size()).append(" pref ").append(t.getPrefHeight())
                        .append(" rows ").append(t.lookupAll(".table-row-cell").stream().map(r -> ((javafx.scene.layout.Region) r).getHeight() + (r.isVisible() ? "" : "h")).toList())
                        .append(" header ").append(((javafx.scene.layout.Region) t.lookup(".column-header-background")).getHeight()).append("] ");
            }
        }
        return sb.toString();
    }

    private static boolean visible(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean ancestor(Node n, Node root) {
        for (Parent p = n.getParent(); p != null; p = p.getParent()) {
            if (p == root) {
                return true;
            }
        }
        return false;
    }
}
