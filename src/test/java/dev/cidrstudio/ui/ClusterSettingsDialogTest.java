package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.cluster.KubeVersion;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Edit > Cluster settings: the apiserver flags and the rest, refused by field or applied as one edit. */
@ExtendWith(ApplicationExtension.class)
class ClusterSettingsDialogTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;

    @Start
    void start(Stage s) {
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.show();
    }

    @Test
    void aBadFlagIsRefusedInTheDialogAndAGoodChangeIsOneUndoableEdit(FxRobot robot) throws Exception {
        robot.clickOn("#editMenu").clickOn("#clusterSettingsItem");
        WaitForAsyncUtils.waitForFxEvents();
        TextField range = robot.lookup("#apiserverRange-kube-apiserver").queryAs(TextField.class);
        assertEquals("10.96.0.0/24,fd00:10:96::/112", range.getText());
        Platform.runLater(() -> range.setText("10.96.0.0/30"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#clusterSettingsOk");
        String problems = robot.lookup("#clusterSettingsProblems").queryLabeled().getText();
        assertTrue(problems.startsWith("kube-apiserver kube-apiserver --service-cluster-ip-range: kube-apiserver "
                + "would not start: "), problems);
        assertTrue(vm.session().undoLabel().isEmpty(), "nothing applied");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(range.getScene(), "cluster-settings")).get();

        @SuppressWarnings("unchecked")
        ChoiceBox<KubeVersion> version = robot.lookup("#versionChoice").queryAs(ChoiceBox.class);
        Platform.runLater(() -> {
            range.setText("10.96.0.0/24,fd00:10:96::/112");
            version.setValue(KubeVersion.V1_35);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#clusterSettingsOk");
        assertEquals(KubeVersion.V1_35, vm.session().view().settings().kubernetesVersion());
        assertEquals("Cluster settings", vm.session().undoLabel().orElseThrow());
        assertTrue(robot.lookup("#status").queryLabeled().getText().startsWith("Cluster settings: Kubernetes"));
        Platform.runLater(vm::undo);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(KubeVersion.V1_34, vm.session().view().settings().kubernetesVersion());
    }

    @Test
    void fileNewAsksForTheClusterAndCanStartSeveralApiservers(FxRobot robot) throws Exception {
        robot.clickOn("#fileMenu").clickOn("#newItem");
        WaitForAsyncUtils.waitForFxEvents();
        TextField range = robot.lookup("#apiserverRange-kube-apiserver").queryAs(TextField.class);
        assertEquals("10.96.0.0/12", range.getText());
        assertTrue(robot.lookup("#removeApiServer-kube-apiserver").queryButton().isDisabled(), "the only one");
        robot.clickOn("#addApiServer");
        TextField second = robot.lookup("#apiserverRange-kube-apiserver-2").queryAs(TextField.class);
        assertEquals("10.96.0.0/12", second.getText());
        assertTrue(!robot.lookup("#removeApiServer-kube-apiserver").queryButton().isDisabled());
        Platform.runLater(() -> {
            range.setText("10.64.0.0/20");
            second.setText("10.64.0.0/20");
        });
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(range.getScene(), "new-plan")).get();
        robot.clickOn("#clusterSettingsOk");
        assertEquals("untitled.cidrplan.yaml", vm.session().name());
        assertEquals(java.util.Map.of("kube-apiserver", "10.64.0.0/20", "kube-apiserver-2", "10.64.0.0/20"),
                dev.cidrstudio.app.ClusterSettingsEdit.current(vm.session().view()).apiServerRanges());
        assertEquals("New plan: Service range 10.64.0.0/20, Kubernetes 1.34",
                robot.lookup("#status").queryLabeled().getText());
    }
}
