package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.wizard.WizardViewModel;
import dev.cidrstudio.wizard.PreflightFinding;
import dev.cidrstudio.wizard.ScenarioKind;
import dev.cidrstudio.wizard.StateTables;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Wizard tab: a scenario rehearsed on a copy of the demo plan, step by step, then applied as one edit. */
@ExtendWith(ApplicationExtension.class)
class WizardViewTest {

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

    @Test
    void replacesThePrimaryStepByStepWithoutTouchingThePlanUntilApplied(FxRobot robot) throws Exception {
        Tabs.open(robot, "Wizard");
        @SuppressWarnings("unchecked")
        ComboBox<ScenarioKind> kind = robot.lookup("#wizardKind").queryAs(ComboBox.class);
        fx(() -> kind.setValue(ScenarioKind.REPLACE_PRIMARY));
        robot.clickOn("#wizardTarget").write("10.96.16.0/20");
        long before = vm.session().view().state().contentVersion();
        robot.clickOn("#wizardPrepare");

        var preflight = vm.wizard().preflight();
        assertTrue(preflight.stream().noneMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL),
                preflight.toString());
        assertTrue(robot.lookup("#wizardPreflight .finding.warn").queryAll().stream()
                .anyMatch(n -> ((javafx.scene.control.Label) n).getText().startsWith("WARN  DNS Service address: ")),
                "shown in words, not only in colour");
        @SuppressWarnings("unchecked")
        ListView<WizardViewModel.StepRow> steps = robot.lookup("#wizardSteps").queryAs(ListView.class);
        assertEquals(7, steps.getItems().size(), "the seven steps of the docs page");
        assertEquals(WizardViewModel.StepStatus.NEXT, steps.getItems().get(0).status());
        assertTrue(robot.lookup("#wizardBack").queryAs(Button.class).isDisabled());

        robot.clickOn("#wizardNext");
        assertEquals(WizardViewModel.StepStatus.PASSED, steps.getItems().get(0).status());
        TextArea transcript = robot.lookup("#wizardTranscript").queryAs(TextArea.class);
        assertTrue(transcript.getText().startsWith("$ control-plane status\nNAME "), transcript.getText());

        // Jump to step 4: the default ServiceCIDR is marked for deletion, Terminating while its IPs are held.
        fx(() -> steps.getSelectionModel().select(3));
        robot.clickOn("#wizardRunTo");
        assertEquals(4, vm.wizard().rehearsal().orElseThrow().position());
        TextArea diff = robot.lookup("#wizardDiff").queryAs(TextArea.class);
        assertTrue(diff.getText().contains("servicecidr/kubernetes"), diff.getText());
        assertEquals(before, vm.session().view().state().contentVersion(), "the plan is untouched so far");
        @SuppressWarnings("unchecked")
        TableView<StateTables.ServiceCidrRow> cidrs = robot.lookup("#wizardStateServiceCidrs")
                .queryAs(TableView.class);
        StateTables.ServiceCidrRow old = cidrs.getItems().stream().filter(r -> r.name().equals("kubernetes"))
                .findFirst().orElseThrow();
        assertEquals(StateTables.Change.CHANGED, old.change(), "step 4 marked the default for deletion");
        assertEquals("Terminating", old.deletion(), "held by the Services still in it");
        assertTrue(cidrs.getItems().stream().anyMatch(r -> r.cidrs().startsWith("10.96.16.0/20,")), cidrs.getItems().toString());
        assertTrue(robot.lookup("#wizardStateCaption").queryLabeled().getText().startsWith("After step 4: "));

        robot.clickOn("#wizardBack");
        assertEquals(3, vm.wizard().rehearsal().orElseThrow().position());
        robot.clickOn("#wizardRunAll");
        assertTrue(steps.getItems().stream().allMatch(r -> r.status() == WizardViewModel.StepStatus.PASSED),
                steps.getItems().toString());
        assertTrue(robot.lookup("#wizardMessage").queryLabeled().getText().startsWith("Every step done"));

        // Step 5 recreated the Services: their rows are marked changed, with addresses in the new range.
        fx(() -> steps.getSelectionModel().select(4));
        @SuppressWarnings("unchecked")
        TableView<StateTables.ServiceRow> services = robot.lookup("#wizardStateServices").queryAs(TableView.class);
        int all = services.getItems().size();
        var recreated = services.getItems().stream().filter(r -> r.change() == StateTables.Change.CHANGED).toList();
        assertFalse(recreated.isEmpty(), services.getItems().toString());
        assertTrue(recreated.stream().allMatch(r -> r.clusterIps().startsWith("10.96.")), recreated.toString());
        ScrollPane detail = robot.lookup("#wizardStepScroll").queryAs(ScrollPane.class);
        // Scroll the one scroll pane to the cluster's tables.
        fx(() -> {
            var caption = robot.lookup("#wizardStateCaption").query().getParent();
            double y = detail.getContent().sceneToLocal(caption.localToScene(0, 0)).getY();
            double room = detail.getContent().getLayoutBounds().getHeight() - detail.getViewportBounds().getHeight();
            detail.setVvalue(Math.min(1, y / room));
        });
        robot.clickOn("#wizardOnlyChanged");
        assertEquals(recreated.size() + services.getItems().stream()
                .filter(r -> r.change() == StateTables.Change.CREATED).count(), services.getItems().size());
        assertTrue(services.getItems().size() < all, "the untouched ones are hidden");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "wizard-state")).get();
        robot.clickOn("#wizardOnlyChanged");
        fx(() -> detail.setVvalue(0));
        fx(() -> steps.getSelectionModel().select(6));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "wizard")).get();
        // Long step titles wrap: no horizontal scroll bar under the step list, no cell wider than the list.
        var stepList = robot.lookup("#wizardSteps").queryAs(javafx.scene.control.ListView.class);
        assertTrue(robot.from(stepList).lookup(".scroll-bar").queryAll().stream()
                .map(javafx.scene.control.ScrollBar.class::cast)
                .noneMatch(b -> b.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && b.isVisible()),
                "the step list scrolls sideways");

        Path runbook = dir.resolve("runbook");
        fx(() -> vm.wizard().exportRunbook(runbook));
        assertTrue(Files.readString(runbook.resolve("runbook.sh")).contains("verify "));
        assertTrue(Files.exists(runbook.resolve("runbook.md")));

        robot.clickOn("#wizardApply");
        ServiceCidr def = vm.session().view().<ServiceCidr>find(Kind.SERVICE_CIDR, null, "kubernetes").orElseThrow();
        assertEquals("10.96.16.0/20", def.cidrs().get(0));
        Service k = vm.session().view().<Service>find(Kind.SERVICE, "default", "kubernetes").orElseThrow();
        assertEquals("10.96.16.1", k.spec().clusterIP());
        assertTrue(vm.session().undoLabel().orElseThrow().startsWith("Wizard: "));
        fx(vm::undo);
        assertEquals(before, vm.session().view().state().contentVersion(), "Undo takes the whole wizard back");
    }

    @Test
    void aTargetThePoliciesDenyIsRefusedBeforeStepOneWithWhatWouldWork(FxRobot robot) throws Exception {
        Tabs.open(robot, "Wizard");
        @SuppressWarnings("unchecked")
        ComboBox<ScenarioKind> kind = robot.lookup("#wizardKind").queryAs(ComboBox.class);
        fx(() -> kind.setValue(ScenarioKind.EXTEND));
        TextField target = robot.lookup("#wizardTarget").queryAs(TextField.class);
        fx(() -> target.setText("172.20.0.0/16"));
        robot.clickOn("#wizardPrepare");
        var preflight = vm.wizard().preflight();
        assertTrue(preflight.stream().anyMatch(f -> f.verdict() == PreflightFinding.Verdict.FAIL
                && f.title().equals("allowed by the policies")), preflight.toString());
        assertTrue(robot.lookup("#wizardPreflight .finding.fail").queryAll().size() >= 1);
        assertTrue(robot.lookup("#wizardNext").queryAs(Button.class).isDisabled());
        String m = robot.lookup("#wizardMessage").queryLabeled().getText();
        assertTrue(m.startsWith("The pre-flight found problems: fix them, or try "), m);
        assertFalse(m.endsWith("another target."), "it offers ranges that would work: " + m);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "wizard-preflight-refused")).get();
    }
}
