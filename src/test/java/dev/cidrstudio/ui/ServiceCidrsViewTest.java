package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.CapacityReport;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The ServiceCIDRs tab: capacity, live validation at the field, the policy verdict, create, delete, undo. */
@ExtendWith(ApplicationExtension.class)
class ServiceCidrsViewTest {

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

    private static String label(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void editsWithLiveValidationCapacityAndPolicyVerdictThenCreatesDeletesAndUndoes(FxRobot robot)
            throws Exception {
        Tabs.open(robot, "ServiceCIDRs");
        @SuppressWarnings("unchecked")
        TableView<CapacityReport.Row> table = robot.lookup("#serviceCidrTable").queryAs(TableView.class);
        assertEquals(java.util.List.of("extra-v4", "kubernetes", "kubernetes"), table.getItems().stream()
                .map(CapacityReport.Row::serviceCidr).toList());

        TextField name = robot.lookup("#scName").queryAs(TextField.class);
        TextField cidrs = robot.lookup("#scCidrs").queryAs(TextField.class);
        Button apply = robot.lookup("#scApply").queryAs(Button.class);
        // Nothing typed yet: no error, no verdict; typing and clearing the field is the error.
        assertEquals("", label(robot, "#scCidrsError"));
        assertFalse(cidrs.getStyleClass().contains("invalid"));
        assertFalse(robot.lookup("#scVerdict").query().isVisible());
        assertTrue(apply.isDisabled());
        fx(() -> cidrs.setText("10"));
        fx(() -> cidrs.setText(""));
        assertEquals("spec.cidrs: Required value: at least one CIDR required", label(robot, "#scCidrsError"));
        assertEquals("Invalid", label(robot, "#scVerdict"));
        fx(() -> {
            name.setText("newcidr1");
            cidrs.setText("10.96.16.0/33");
        });
        assertEquals("spec.cidrs[0]: Invalid value: \"10.96.16.0/33\": must be a valid CIDR value, (e.g. "
                + "10.9.8.0/24 or 2001:db8::/64)", label(robot, "#scCidrsError"));
        assertTrue(cidrs.getStyleClass().contains("invalid"));
        assertEquals("Invalid", label(robot, "#scVerdict"));
        assertTrue(apply.isDisabled());

        fx(() -> cidrs.setText("172.20.0.0/16"));
        assertEquals("", label(robot, "#scCidrsError"));
        assertEquals("Denied by policy", label(robot, "#scVerdict"));
        assertTrue(label(robot, "#scVerdictDetail").startsWith("ValidatingAdmissionPolicy 'servicecidrs.default'"));
        assertTrue(apply.isDisabled());

        fx(() -> cidrs.setText("10.96.0.0/20, fd00:10:96::1:0/112"));
        assertEquals("Allowed", label(robot, "#scVerdict"));
        @SuppressWarnings("unchecked")
        TableView<CapacityReport.Row> preview = robot.lookup("#scPreview").queryAs(TableView.class);
        assertEquals(2, preview.getItems().size());
        CapacityReport.Row v4 = preview.getItems().get(0);
        assertEquals(4096, v4.total().intValue());
        assertEquals(4094, v4.usable().intValue());
        assertEquals(256, v4.staticBandSize()); // KEP-3070: min(max(16, 4096 / 16), 256)
        // It overlaps the default /24, so the addresses already allocated there count.
        long inDefault = table.getItems().stream().filter(r -> r.cidr().equals("10.96.0.0/24")).findFirst()
                .orElseThrow().allocated();
        assertTrue(inDefault > 0);
        assertEquals(inDefault, v4.allocated());
        assertFalse(apply.isDisabled());
        assertEquals("Create", apply.getText());
        @SuppressWarnings("unchecked")
        ListView<String> warnings = robot.lookup("#scWarnings").queryAs(ListView.class);
        assertTrue(warnings.getItems().stream().anyMatch(w -> w.contains("overlaps ServiceCIDR kubernetes")),
                warnings.getItems().toString());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "servicecidrs")).get();

        fx(apply::fire);
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "newcidr1").isPresent());
        assertEquals("servicecidr.networking.k8s.io/newcidr1 created", label(robot, "#scMessage"));
        assertEquals(5, table.getItems().size());
        assertEquals("Update", apply.getText());
        assertTrue(apply.isDisabled(), "nothing changed yet");
        assertEquals("ServiceCIDR newcidr1 will be gone: no Service IP depends on it.",
                label(robot, "#scDeletePreview"));

        // The default ServiceCIDR holds every Service IP of the demo: deleting it would stay pending.
        fx(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.serviceCidr().equals("kubernetes")).findFirst().orElseThrow()));
        assertEquals("kubernetes", name.getText());
        assertTrue(label(robot, "#scDeletePreview").startsWith("ServiceCIDR kubernetes will stay, pending deletion"),
                label(robot, "#scDeletePreview"));

        // Delete asks first, and says the default comes back from the flags once it is gone.
        robot.clickOn("#scDelete");
        javafx.scene.control.DialogPane ask = robot.lookup("#confirmDeleteServiceCidr")
                .queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("Delete ServiceCIDR kubernetes?", ask.getHeaderText());
        assertTrue(ask.getContentText().startsWith("ServiceCIDR kubernetes will stay, pending deletion"),
                ask.getContentText());
        assertTrue(ask.getContentText().contains("creates it again from its --service-cluster-ip-range "
                + "(10.96.0.0/24,fd00:10:96::/112)"), ask.getContentText());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(ask.getScene(), "servicecidr-delete-confirm")).get();
        robot.clickOn((javafx.scene.Node) ask.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        assertFalse(vm.session().view().find(Kind.SERVICE_CIDR, null, "kubernetes").orElseThrow().meta()
                .beingDeleted(), "cancel deletes nothing");
        robot.clickOn("#scDelete");
        robot.clickOn("#confirmDelete");
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "kubernetes").orElseThrow().meta()
                .beingDeleted());
        assertTrue(label(robot, "#scMessage").startsWith("servicecidr.networking.k8s.io \"kubernetes\" deleted "
                + "(pending"), label(robot, "#scMessage"));
        fx(vm::undo);

        fx(vm::undo);
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "newcidr1").isEmpty());
        assertEquals(3, table.getItems().size());
    }
}
