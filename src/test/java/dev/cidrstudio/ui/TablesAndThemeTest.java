package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.ui.controls.NaturalOrder;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.overview.OverviewViewModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Tables people can read (natural order from the start, no name cut while there is room) and the theme switch. */
@ExtendWith(ApplicationExtension.class)
class TablesAndThemeTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;

    @Start
    void start(Stage s) {
        vm = new MainWindowViewModel(PlanSession.demo(dir.resolve("config")), Runnable::run);
        s.setScene(CidrStudioApp.createMainWindow(vm).scene());
        s.setWidth(1024);
        s.setHeight(700);
        s.show();
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void naturalOrderComparesNumbersAsNumbers() {
        List<String> names = new ArrayList<>(List.of("s100", "s10", "S2", "s1", "10.96.1.100", "10.96.1.10",
                "10.96.1.9", "10.96.1.1", "a", "s01"));
        names.sort(NaturalOrder.INSTANCE);
        assertEquals(List.of("10.96.1.1", "10.96.1.9", "10.96.1.10", "10.96.1.100", "a", "s01", "s1", "S2", "s10",
                "s100"), names);
    }

    @Test
    void theOverviewListsServicesInNaturalOrderWithNoNameCut(FxRobot robot) {
        fx(() -> {
            try {
                vm.session().edit("Create s-Services", api -> {
                    for (String n : List.of("s10", "s2", "s1", "s100")) {
                        api.create(new Service(ObjectMeta.named("default", n), ServiceSpec.empty()
                                .withType("ClusterIP").withPorts(List.of(ServicePort.tcp(80))), List.of()));
                    }
                });
            } catch (dev.cidrstudio.model.cluster.ApiException e) {
                throw new AssertionError(e);
            }
        });
        Tabs.open(robot, "Overview");
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        TableView<OverviewViewModel.ServiceRow> table = robot.lookup("#serviceTable").queryAs(TableView.class);
        List<String> defaults = table.getItems().stream().filter(r -> r.namespace().equals("default"))
                .map(OverviewViewModel.ServiceRow::name).filter(n -> n.matches("s\\d+")).toList();
        assertEquals(List.of("s1", "s2", "s10", "s100"), defaults);

        // Every name and namespace fits its column at 1024 pixels: nothing ends in an ellipsis.
        Text probe = new Text();
        probe.setFont(robot.lookup("#serviceTable .table-row-cell .table-cell").queryLabeled().getFont());
        for (TableColumn<OverviewViewModel.ServiceRow, ?> c : List.of(table.getColumns().get(0),
                table.getColumns().get(1))) {
            for (int i = 0; i < table.getItems().size(); i++) {
                probe.setText(String.valueOf(c.getCellData(i)));
                assertTrue(probe.getLayoutBounds().getWidth() < c.getWidth() - 8, c.getText() + " cuts "
                        + c.getCellData(i) + ": " + c.getWidth());
            }
        }
        // A wrapping column is at least as wide as its longest value ("3000:31626/TCP" never breaks inside).
        TableColumn<OverviewViewModel.ServiceRow, ?> ports = table.getColumns().stream()
                .filter(c -> c.getText().equals("Ports")).findFirst().orElseThrow();
        probe.setText("3000:31626/TCP");
        assertTrue(ports.getWidth() > probe.getLayoutBounds().getWidth(), "Ports: " + ports.getWidth());
    }

    @Test
    void controlShiftDSwitchesTheThemeBothWays(FxRobot robot) {
        assertFalse(vm.darkProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.darkProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(vm.darkProperty().get());
    }
}
