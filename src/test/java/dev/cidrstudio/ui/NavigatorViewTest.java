package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.navigator.NavigatorViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The navigator and inspector: select shows YAML, open brings the editor or the map forward; presenter mode. */
@ExtendWith(ApplicationExtension.class)
class NavigatorViewTest {

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

    @Test
    void selectingInspectsAndOpeningGoesToTheEditorOrTheMap(FxRobot robot) throws Exception {
        @SuppressWarnings("unchecked")
        TreeView<NavigatorViewModel.Node> tree = robot.lookup("#navigatorTree").queryAs(TreeView.class);
        assertEquals(java.util.List.of("ServiceCIDRs (2)", "Services (9)", "IPAddresses (8)", "Pods (1)",
                "Nodes (0)", "Policies (2)"), tree.getRoot().getChildren().stream().map(i -> i.getValue().label())
                        .toList());
        var extra = new NavigatorViewModel.Ref("ServiceCIDR", null, "extra-v4");
        fx(() -> vm.navigator().reveal(extra));
        assertEquals("ServiceCIDR extra-v4", robot.lookup("#inspectorTitle").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#inspector").queryAs(TextArea.class).getText().contains("- 10.97.0.0/20"));
        assertEquals(extra, tree.getSelectionModel().getSelectedItem().getValue().ref());

        fx(() -> vm.navigator().open(extra));
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("serviceCidrsTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertEquals("extra-v4", robot.lookup("#scName").queryAs(TextField.class).getText());

        fx(() -> vm.navigator().open(new NavigatorViewModel.Ref("Service", "kube-system", "kube-dns")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mapTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertEquals("IPAddress 10.96.0.10", robot.lookup("#inspectorTitle").queryAs(Label.class).getText());

        // Presenter mode: larger type everywhere, remembered.
        double before = robot.lookup("#inspectorTitle").queryAs(Label.class).getFont().getSize();
        fx(() -> vm.presenterProperty().set(true));
        double after = robot.lookup("#inspectorTitle").queryAs(Label.class).getFont().getSize();
        assertTrue(after > before * 1.3, before + " -> " + after);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "presenter")).get();
        assertTrue(dev.cidrstudio.app.UiPreferences.load(dir.resolve("config")).presenter());
        fx(() -> vm.presenterProperty().set(false));
    }
}
