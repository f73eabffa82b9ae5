package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.app.PolicyWorkbench;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Policies tab: the demo plan's policy, the "try it" verdict, the CEL editor, templates, undo. */
@ExtendWith(ApplicationExtension.class)
class PoliciesViewTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;

    @Start
    void start(Stage s) {
        stage = s;
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), name)).get();
    }

    private void openTab(FxRobot robot) {
        Tabs.open(robot, "Policies");
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void triesServiceCidrsAgainstTheDemoPolicyAsTheApiServerWould(FxRobot robot) throws Exception {
        openTab(robot);
        @SuppressWarnings("unchecked")
        TableView<PolicyWorkbench.Row> table = robot.lookup("#policyTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals("servicecidrs.default", table.getItems().get(0).name());
        assertEquals("1 binding", table.getItems().get(0).summary());
        assertTrue(robot.lookup("#policyManifest").queryAs(TextArea.class).getText()
                .contains("cidr(allowedCIDR).containsCIDR(newCIDR)"));

        TextField cidrs = robot.lookup("#tryCidrs").queryAs(TextField.class);
        fx(() -> cidrs.setText("10.96.1.0/24"));
        assertEquals("Allowed", text(robot, "#verdict"));
        assertTrue(robot.lookup("#verdict").queryAs(Label.class).getStyleClass().contains("allowed"));

        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Denied", text(robot, "#verdict"));
        assertTrue(text(robot, "#verdictDetail").startsWith("ValidatingAdmissionPolicy 'servicecidrs.default' with "
                + "binding 'servicecidrs-binding' denied request: failed expression: object.spec.cidrs.all("),
                text(robot, "#verdictDetail"));
        assertTrue(text(robot, "#verdictDetail").endsWith("\nFailed: servicecidrs.default validations[0]"),
                text(robot, "#verdictDetail"));
        shot("policies");

        // Field validation comes first, with Kubernetes' message.
        fx(() -> cidrs.setText("10.96.1.0/33"));
        assertEquals("Invalid: the ServiceCIDR's own validation refuses it", text(robot, "#verdict"));
        assertTrue(text(robot, "#verdictDetail").startsWith("spec.cidrs[0]: Invalid value: \"10.96.1.0/33\""),
                text(robot, "#verdictDetail"));

        // Picking one of the plan's ServiceCIDRs fills the box (an UPDATE of it).
        @SuppressWarnings("unchecked")
        ComboBox<String> plan = robot.lookup("#planCidrs").queryAs(ComboBox.class);
        fx(() -> plan.getSelectionModel().select(plan.getItems().stream().filter(s -> s.startsWith("extra-v4"))
                .findFirst().orElseThrow()));
        assertEquals("10.97.0.0/20", cidrs.getText());
        assertEquals("Allowed", text(robot, "#verdict"));
    }

    @Test
    void marksACompileErrorAtItsColumnAndAppliesAFixedExpressionAsOneUndoableEdit(FxRobot robot) throws Exception {
        openTab(robot);
        TextArea editor = robot.lookup("#expressionEditor").queryAs(TextArea.class);
        Button apply = robot.lookup("#applyExpression").queryAs(Button.class);
        assertTrue(apply.isDisabled());
        fx(() -> editor.setText("object.spec.cidrs.all(c, cidrr(c).prefixLength() >= 16)"));
        assertTrue(text(robot, "#compileMessage").startsWith("compilation failed: ERROR: <input>:1:31: undeclared "
                + "reference to 'cidrr'"), text(robot, "#compileMessage"));
        TextFlow marker = robot.lookup("#expressionMarker").queryAs(TextFlow.class);
        assertEquals("(", ((Text) marker.getChildren().get(1)).getText());
        assertTrue(apply.isDisabled());
        shot("policies-compile-error");

        fx(() -> editor.setText("object.spec.cidrs.all(c, cidr(c).prefixLength() >= 16)"));
        assertEquals("", text(robot, "#compileMessage"));
        assertTrue(marker.getChildren().isEmpty());
        assertFalse(apply.isDisabled());
        fx(apply::fire);
        assertEquals("Edit servicecidrs.default validations[0]", vm.session().undoLabel().orElseThrow());
        TextField cidrs = robot.lookup("#tryCidrs").queryAs(TextField.class);
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Allowed", text(robot, "#verdict"));
        fx(() -> cidrs.setText("10.200.0.0/24"));
        assertEquals("Allowed", text(robot, "#verdict"));
        fx(() -> cidrs.setText("10.0.0.0/8"));
        assertEquals("Denied", text(robot, "#verdict"));

        fx(vm::undo);
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Denied", text(robot, "#verdict"));
    }

    @Test
    void aTemplateAddsThePolicyAndItsBindingAndTheConsoleAndImportsMeetIt(FxRobot robot) throws Exception {
        openTab(robot);
        fx(() -> vm.policies().addTemplate(false));
        @SuppressWarnings("unchecked")
        TableView<PolicyWorkbench.Row> table = robot.lookup("#policyTable").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());
        assertEquals("servicecidrs.deny", table.getSelectionModel().getSelectedItem().name());
        TextField cidrs = robot.lookup("#tryCidrs").queryAs(TextField.class);
        fx(() -> cidrs.setText("10.96.1.0/24"));
        assertEquals("Denied", text(robot, "#verdict"));
        assertEquals("ValidatingAdmissionPolicy 'servicecidrs.deny' with binding 'servicecidrs-deny-binding' denied "
                + "request: failed expression: object.metadata.name == 'kubernetes'",
                text(robot, "#verdictDetail").lines().findFirst().orElseThrow());
        // Both policies deny 172.20.0.0/16: every denial is listed.
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Denied by 2 policies", text(robot, "#verdict"));
        assertTrue(text(robot, "#verdictDetail").contains("kube-apiserver reports only one of these"));

        // The allowed ranges of the docs' policy are edited as a list.
        fx(() -> table.getSelectionModel().select(0));
        assertEquals(java.util.List.of("10.96.0.0/12", "fd00:10:96::/64"), vm.policies().ranges());
        fx(() -> {
            vm.policies().ranges().add("172.20.0.0/16");
            vm.policies().applyRanges();
        });
        assertEquals(java.util.List.of("10.96.0.0/12", "fd00:10:96::/64", "172.20.0.0/16"),
                PolicyWorkbench.allowedRanges(vm.policies().rows().get(0).object().content()).orElseThrow());

        fx(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.name().equals("servicecidrs.deny")).findFirst().orElseThrow()));
        fx(() -> vm.policies().deleteSelected());
        assertEquals(3, table.getItems().size());
        assertTrue(table.getItems().stream().anyMatch(r -> r.summary().contains("does not exist: ignored")));
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Allowed", text(robot, "#verdict"));
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "kubernetes").isPresent());
    }

    @Test
    void tryItEvaluatesTheExpressionInTheEditorWithoutApplyingIt(FxRobot robot) throws Exception {
        openTab(robot);
        TextArea editor = robot.lookup("#expressionEditor").queryAs(TextArea.class);
        TextField cidrs = robot.lookup("#tryCidrs").queryAs(TextField.class);
        var before = vm.session().current().kept();
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Denied", text(robot, "#verdict"), "the applied policy allows only the plan's ranges");

        fx(() -> editor.setText("object.spec.cidrs.all(c, cidr(c).prefixLength() >= 16)"));
        assertEquals("Allowed by the expression in the editor (not applied)", text(robot, "#verdict"));
        shot("policies-try-draft");
        fx(() -> cidrs.setText("10.0.0.0/8"));
        assertEquals("Denied by the expression in the editor (not applied)", text(robot, "#verdict"));
        assertTrue(text(robot, "#verdictDetail").contains("failed expression: object.spec.cidrs.all(c, cidr(c)"
                + ".prefixLength() >= 16)"), text(robot, "#verdictDetail"));
        assertEquals(before, vm.session().current().kept(), "trying changes nothing in the plan");
        assertTrue(vm.session().undoLabel().isEmpty());

        fx(() -> editor.setText("object.spec.cidrs.all(c, cidrr(c).prefixLength() >= 16)"));
        assertEquals("Not tried: the expression in the editor does not compile", text(robot, "#verdict"));

        // Back to the applied expression: the verdict is the plan's again.
        fx(() -> editor.setText(PolicyWorkbench.check("true", vm.session().current().settings().kubernetesVersion())
                .isEmpty() ? "object.spec.cidrs.all(newCIDR, variables.allowed.exists(allowedCIDR, "
                        + "cidr(allowedCIDR).containsCIDR(newCIDR)))" : ""));
        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("Denied", text(robot, "#verdict"));
    }

    @Test
    void theStatusLineSaysWhatCtrlZDoesWhereTheFocusIs(FxRobot robot) throws Exception {
        openTab(robot);
        TextArea editor = robot.lookup("#expressionEditor").queryAs(TextArea.class);
        fx(() -> editor.setText("object.spec.cidrs.all(c, cidr(c).prefixLength() >= 16)"));
        fx(() -> robot.lookup("#applyExpression").queryAs(Button.class).fire());
        String edit = vm.session().undoLabel().orElseThrow();
        assertTrue(text(robot, "#policyMessage").endsWith("done (Edit > Undo takes it back)"));

        robot.clickOn("#expressionEditor");
        assertEquals("Ctrl+Z undoes typing in this field; Edit > Undo takes back \u201c" + edit
                + "\u201d in the plan.", text(robot, "#policyUndoHint"));
        String applied = editor.getText();
        fx(editor::end);
        robot.write("x");
        assertEquals(applied + "x", editor.getText());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(applied, editor.getText(), "Ctrl+Z in the editor undid the typing");
        assertEquals(edit, vm.session().undoLabel().orElseThrow(), "and left the plan's edit alone");
        shot("policies-undo-hint");

        robot.clickOn("#policyTable");
        assertEquals("Ctrl+Z (Edit > Undo) takes back \u201c" + edit + "\u201d in the plan.",
                text(robot, "#policyUndoHint"));
    }

    @Test
    void theAllowedRangesTemplateIsFilledWithThePlansServiceRanges(FxRobot robot) throws Exception {
        openTab(robot);
        fx(() -> vm.policies().addTemplate(true));
        assertEquals(java.util.List.of("10.96.0.0/24", "fd00:10:96::/112", "10.97.0.0/20"),
                PolicyWorkbench.allowedRanges(vm.policies().rows().stream()
                        .filter(r -> r.name().equals("servicecidrs.default")).findFirst().orElseThrow().object()
                        .content()).orElseThrow());
        TextField cidrs = robot.lookup("#tryCidrs").queryAs(TextField.class);
        fx(() -> cidrs.setText("10.97.0.0/24"));
        assertEquals("Allowed", text(robot, "#verdict"), "a subrange of the plan's extra-v4 range");
        fx(() -> cidrs.setText("10.96.1.0/24"));
        assertEquals("Denied", text(robot, "#verdict"), "outside the plan's /24");
    }
}
