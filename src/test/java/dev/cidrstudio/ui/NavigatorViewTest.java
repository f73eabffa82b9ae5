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
                "Nodes (2)", "Policies (2)"), tree.getRoot().getChildren().stream().map(i -> i.getValue().label())
                        .toList());
        // The Nodes the Dual-stack tab checks (from the cluster settings), with their pod ranges; the status bar
        // counts the policy and its binding as the Policies group does.
        assertEquals(java.util.List.of("worker0  10.244.0.0/24, fd00:10:244::/64",
                "worker1  10.244.1.0/24, fd00:10:244:1::/64"), tree.getRoot().getChildren().get(4).getChildren()
                        .stream().map(i -> i.getValue().label()).toList());
        assertTrue(vm.navigator().totalsProperty().get().endsWith("1 policy, 1 binding, all valid"),
                vm.navigator().totalsProperty().get());
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

        // Presenter mode: larger type everywhere, the navigator folded away (not squeezed), remembered.
        Label inspectorTitle = robot.lookup("#inspectorTitle").queryAs(Label.class);
        double before = robot.lookup("#status").queryAs(Label.class).getFont().getSize();
        fx(() -> vm.presenterProperty().set(true));
        double after = robot.lookup("#status").queryAs(Label.class).getFont().getSize();
        assertTrue(after > before * 1.3, before + " -> " + after);
        assertTrue(inspectorTitle.getScene() == null, "the navigator and inspector are folded away");
        javafx.scene.control.SplitPane split = robot.lookup("#workspace").queryAs(javafx.scene.control.SplitPane.class);
        assertEquals(1, split.getItems().size());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "presenter")).get();
        assertTrue(dev.cidrstudio.app.UiPreferences.load(dir.resolve("config")).presenter());
        fx(() -> vm.presenterProperty().set(false));
        assertEquals(2, split.getItems().size());
        assertTrue(inspectorTitle.getScene() != null, "the navigator is back");
    }

    @Test
    void theInspectorEditsAnObjectThroughTheApiServer(FxRobot robot) throws Exception {
        var extra = new NavigatorViewModel.Ref("ServiceCIDR", null, "extra-v4");
        fx(() -> vm.navigator().reveal(extra));
        fx(() -> robot.lookup("#inspectorEdit").queryAs(javafx.scene.control.Button.class).fire());
        TextArea inspector = robot.lookup("#inspector").queryAs(TextArea.class);
        assertTrue(inspector.isEditable());
        // An immutable change is refused with Kubernetes' text at its line; the plan stays as it was.
        fx(() -> inspector.setText(inspector.getText().replace("- 10.97.0.0/20", "- 10.97.0.0/21")));
        fx(() -> robot.lookup("#inspectorApply").queryAs(javafx.scene.control.Button.class).fire());
        String refused = robot.lookup("#inspectorMessage").queryAs(Label.class).getText();
        assertTrue(refused.startsWith("inspector:") && refused.contains("field is immutable"), refused);
        assertTrue(inspector.isEditable(), "the draft stays for another try");
        assertTrue(vm.session().undoLabel().isEmpty());
        // Single- to dual-stack is the one change Kubernetes allows, and the demo's policy still has its say.
        fx(() -> inspector.setText(inspector.getText().replace("- 10.97.0.0/21", "- 10.97.0.0/20\n  - fd00:10:97::/112")));
        fx(() -> robot.lookup("#inspectorApply").queryAs(javafx.scene.control.Button.class).fire());
        assertTrue(robot.lookup("#inspectorMessage").queryAs(Label.class).getText().contains(
                "denied request: failed expression: object.spec.cidrs.all("));
        fx(() -> inspector.setText(inspector.getText().replace("fd00:10:97::/112", "fd00:10:96::1:0/112")));
        fx(() -> robot.lookup("#inspectorApply").queryAs(javafx.scene.control.Button.class).fire());
        assertEquals("servicecidr.networking.k8s.io/extra-v4 configured",
                robot.lookup("#inspectorMessage").queryAs(Label.class).getText());
        assertEquals(java.util.List.of("10.97.0.0/20", "fd00:10:96::1:0/112"), vm.session().view()
                .<dev.cidrstudio.model.api.ServiceCidr>find(dev.cidrstudio.model.api.Kind.SERVICE_CIDR, null,
                        "extra-v4").orElseThrow().cidrs());
        assertEquals("Edit ServiceCIDR extra-v4", vm.session().undoLabel().orElseThrow());
        assertTrue(!inspector.isEditable());
        assertTrue(inspector.getText().contains("fd00:10:96::1:0/112"));
    }

    @Test
    void editIsOffOnTheReadOnlyPracticeClusterWithATooltipSayingWhy(FxRobot robot) throws Exception {
        var kubernetes = new NavigatorViewModel.Ref("ServiceCIDR", null, "kubernetes");
        fx(() -> vm.navigator().reveal(kubernetes));
        javafx.scene.control.Button edit = robot.lookup("#inspectorEdit").queryAs(javafx.scene.control.Button.class);
        assertTrue(!edit.isDisabled(), "the plan's ServiceCIDR can be edited");

        // The console replays a docs page on a practice cluster: the navigator shows it, read-only.
        fx(() -> vm.console().loadDocsPage(dev.cidrstudio.console.DocsPages.PAGES.get(0)));
        assertTrue(robot.lookup("#inspectorTitle").queryAs(Label.class).getText().startsWith("ServiceCIDR kubernetes"));
        assertTrue(edit.isDisabled(), "Edit would do nothing on the practice cluster");
        assertEquals(NavigatorViewModel.PRACTICE_READ_ONLY, edit.getTooltip().getText());
        assertEquals(NavigatorViewModel.PRACTICE_READ_ONLY, ((javafx.scene.control.Tooltip) robot
                .lookup("#inspectorEditBox").query().getProperties().get("javafx.scene.control.Tooltip")).getText(),
                "the box around the disabled button shows the tooltip");
        fx(() -> vm.navigator().startEdit());
        assertTrue(!robot.lookup("#inspector").queryAs(TextArea.class).isEditable());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "inspector-practice-read-only")).get();

        fx(() -> vm.console().usePlan());
        assertTrue(!edit.isDisabled(), "back on the plan");
    }
}
