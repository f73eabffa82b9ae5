package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.services.ServicesViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Services tab: find, sort by IP, create many, delete, undo, and jump to the map. */
@ExtendWith(ApplicationExtension.class)
class ServicesViewTest {

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
    void findsCreatesDeletesAndShowsOnTheMap(FxRobot robot) throws Exception {
        // Edit > Find (Ctrl+F) opens the tab with the cursor in the Find box.
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        assertEquals("servicesTab", tabs.getSelectionModel().getSelectedItem().getId());
        TextField find = robot.lookup("#serviceFilter").queryAs(TextField.class);
        assertTrue(find.isFocused());

        @SuppressWarnings("unchecked")
        TableView<ServicesViewModel.ServiceRow> table = robot.lookup("#servicesTable").queryAs(TableView.class);
        int all = table.getItems().size();
        robot.write("shop/");
        assertEquals(java.util.List.of("cart", "catalog-db", "frontend", "payments"), table.getItems().stream()
                .map(ServicesViewModel.ServiceRow::name).sorted().toList());
        fx(() -> find.setText("10.96.0.10"));
        assertEquals(java.util.List.of("kube-dns"), table.getItems().stream().map(ServicesViewModel.ServiceRow::name)
                .toList());
        fx(() -> find.setText(""));
        assertEquals(all, table.getItems().size());

        // Create three at once: one undoable edit.
        fx(() -> {
            robot.lookup("#newName").queryAs(TextField.class).setText("batch");
            @SuppressWarnings("unchecked")
            Spinner<Integer> n = robot.lookup("#newCount").queryAs(Spinner.class);
            n.getValueFactory().setValue(3);
            robot.lookup("#createServices").queryAs(Button.class).fire();
        });
        assertEquals(all + 3, table.getItems().size());
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "batch-3").isPresent());
        assertEquals("Create 3 Services", vm.session().undoLabel().orElseThrow());

        // Sorted by cluster IP, numerically.
        fx(() -> {
            var ips = table.getColumns().get(3);
            table.getSortOrder().setAll(java.util.List.of(ips));
        });
        var sorted = table.getItems().stream().map(ServicesViewModel.ServiceRow::clusterIps)
                .filter(s -> s.startsWith("10.96.0.")).map(s -> Integer.parseInt(s.split(",")[0].substring(8)))
                .toList();
        assertEquals(sorted.stream().sorted().toList(), sorted);

        // Delete one, then undo.
        fx(() -> {
            find.setText("batch-2");
            table.getSelectionModel().select(0);
            robot.lookup("#deleteServices").queryAs(Button.class).fire();
        });
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "batch-2").isEmpty());
        fx(vm::undo);
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "batch-2").isPresent());

        // Show on the map: the Map tab comes forward with the address in the inspector.
        fx(() -> {
            find.setText("kube-dns");
            table.getSelectionModel().select(0);
            robot.lookup("#showServiceOnMap").queryAs(Button.class).fire();
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mapTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertEquals("IPAddress 10.96.0.10", robot.lookup("#inspectorTitle").queryAs(javafx.scene.control.Label.class)
                .getText());
        String inspector = robot.lookup("#inspector").queryAs(TextArea.class).getText();
        assertTrue(inspector.contains("kind: IPAddress") && inspector.contains("name: kube-dns"), inspector);
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-reveal")).get();
    }

    @Test
    void theNewServicesFormLabelsEveryFieldAndFitsTheTab(FxRobot robot) {
        Tabs.open(robot, "Services");
        javafx.scene.control.TitledPane pane = robot.lookup("#newServicesPane").queryAs(
                javafx.scene.control.TitledPane.class);
        fx(() -> pane.setExpanded(true));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.FlowPane form = robot.lookup("#newServicesForm").queryAs(javafx.scene.layout.FlowPane.class);
        for (String id : java.util.List.of("#newNamespace", "#newName", "#newPolicy", "#newFamily", "#newCount")) {
            javafx.scene.Node field = robot.lookup(id).query();
            assertTrue(robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                    .anyMatch(l -> l.getLabelFor() == field && !l.getText().isBlank()), id + " has a label");
        }
        javafx.geometry.Bounds area = pane.localToScene(pane.getLayoutBounds());
        for (javafx.scene.Node n : form.getChildren()) {
            javafx.geometry.Bounds b = n.localToScene(n.getLayoutBounds());
            assertTrue(b.getMaxX() <= area.getMaxX() + 0.5, "clipped: " + n + " " + b + " in " + area);
        }
    }
}
