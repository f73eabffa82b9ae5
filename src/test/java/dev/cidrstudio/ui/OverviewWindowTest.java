package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.ui.overview.OverviewViewModel;
import java.nio.file.Files;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, started the way the launcher starts it, checked headless. */
class OverviewWindowTest extends FxRobot {

    private javafx.application.Application app;

    @BeforeEach
    void start() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(CidrStudioApp.class);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    private Stage window() {
        List<Window> windows = listWindows();
        return (Stage) windows.stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith(CidrStudioApp.TITLE)).findFirst().orElseThrow();
    }

    @Test
    void opensTheDemoPlanWithCapacityPerServiceCidr() throws Exception {
        assertEquals("CIDR Studio - demo.cidrplan.yaml", window().getTitle());
        TableView<OverviewViewModel.CidrRow> cidrs = lookup("#cidrTable").queryTableView();
        List<String> names = cidrs.getItems().stream().map(r -> r.serviceCidr() + " " + r.cidr()).toList();
        assertEquals(List.of("extra-v4 10.97.0.0/20", "kubernetes 10.96.0.0/24", "kubernetes fd00:10:96::/112"),
                names);
        OverviewViewModel.CidrRow v4 = cidrs.getItems().get(1);
        assertEquals("256", v4.total());
        assertEquals("254", v4.usable());
        assertEquals(Long.parseLong(v4.usable()) - Long.parseLong(v4.allocated()), Long.parseLong(v4.free()));
        assertEquals(List.of("<0.1%", "1.6%", "<0.1%"), cidrs.getItems().stream().map(r -> r.used()).toList());
        assertTrue(!lookup("#capacityWarning").query().isVisible(), "no prefix is near full");
        TableView<OverviewViewModel.ServiceRow> services = lookup("#serviceTable").queryTableView();
        assertTrue(services.getItems().stream().anyMatch(s -> s.name().equals("kubernetes")
                && s.clusterIps().equals("10.96.0.1")));
        assertTrue(services.getItems().stream().anyMatch(s -> s.name().equals("frontend")
                && s.families().equals("PreferDualStack IPv4,IPv6")));
        Label plan = lookup("#planName").query();
        assertEquals("demo.cidrplan.yaml", plan.getText());

        assertTrue(Files.size(Screenshots.writeFromTest(window().getScene(), "overview")) > 1000);
    }
}
