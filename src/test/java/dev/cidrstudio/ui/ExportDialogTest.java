package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.CheckBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File > Export: the CLI's options, and what the export leaves out and why. */
@ExtendWith(ApplicationExtension.class)
class ExportDialogTest {

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

    @Test
    void theDialogSaysWhatIsLeftOutAndExportsWithTheChosenOptions(FxRobot robot) throws Exception {
        robot.clickOn("#fileMenu").clickOn("#exportItem");
        WaitForAsyncUtils.waitForFxEvents();
        String left = robot.lookup("#exportLeftOut").queryLabeled().getText();
        assertTrue(left.contains("Service kube-system/kube-dns: the cluster installer creates it"), left);
        assertTrue(left.contains("Service default/kubernetes: kube-apiserver creates it"), left);
        assertTrue(left.contains("ServiceCIDR kubernetes: each kube-apiserver makes it"), left);
        assertTrue(left.startsWith("\u2022 the Cluster settings document"), left);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(
                robot.lookup("#exportLeftOut").query().getScene(), "export-dialog")).get();

        robot.clickOn("#exportDropAllocated");
        left = robot.lookup("#exportLeftOut").queryLabeled().getText();
        assertTrue(left.contains("the cluster IPs of 5 Services: the allocator picked them"), left);
        robot.clickOn("#exportDropAllocated");
        CheckBox cluster = robot.lookup("#exportIncludeCluster").queryAs(CheckBox.class);
        robot.clickOn(cluster);
        left = robot.lookup("#exportLeftOut").queryLabeled().getText();
        assertFalse(left.contains("Cluster settings document"), left);
        robot.clickOn("#exportKeepStatus");
        assertEquals("nothing: the export holds the whole plan",
                robot.lookup("#exportLeftOut").queryLabeled().getText());
        robot.clickOn("Cancel");
    }

    @Test
    void exportWritesWhatTheOptionsSay() throws Exception {
        Path out = dir.resolve("manifests.yaml");
        Platform.runLater(() -> vm.export(out, false, true));
        WaitForAsyncUtils.waitForFxEvents();
        String yaml = Files.readString(out);
        assertTrue(yaml.startsWith("apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\n"), yaml);
        assertFalse(yaml.contains("name: kube-dns"), "kube-dns is the installer's");
        assertFalse(yaml.contains("resourceVersion:"));
    }
}
