package dev.cidrstudio.ui;

import dev.cidrstudio.ui.controls.AppIcons;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.DumpFixturesAccess;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import dev.cidrstudio.ui.overview.OverviewViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window: File menu, import into the open plan, dirty marker, save, recent files, recovery copy. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path dir;

    private MainWindowViewModel vm;
    private Stage stage;
    private final List<MainWindowViewModel.Message> messages = new ArrayList<>();

    @Start
    void start(Stage s) {
        stage = s;
        PlanSession session = PlanSession.demo(dir.resolve("config"));
        vm = new MainWindowViewModel(session, Runnable::run);
        CidrStudioApp.MainWindow main = CidrStudioApp.createMainWindow(vm);
        vm.setMessageHandler(messages::add);
        s.titleProperty().bind(vm.titleProperty());
        s.setScene(main.scene());
        s.show();
    }

    private void fx(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void importSaveAndRecoverThroughTheWindow(FxRobot robot) throws Exception {
        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        assertEquals(java.util.Arrays.asList("New", "Open...", "Open Recent", "Open the demo plan", "Close", null,
                "Save", "Save As...", null,
                "Import...", "Export...", null, "Quit"), menus.getMenus().get(0).getItems().stream()
                .map(i -> i.getText() == null ? null : i.getText().replace("_", "")).toList());
        assertEquals("CIDR Studio - demo.cidrplan.yaml", stage.getTitle());

        Path dump = dir.resolve("dump.yaml");
        Files.writeString(dump, DumpFixturesAccess.smallDump().replace("10.96.0.0/24", "10.98.0.0/24")
                .replace("10.96.0.", "10.98.0."));
        fx(() -> vm.importFiles(List.of(dump)));
        assertEquals("CIDR Studio - demo.cidrplan.yaml *", stage.getTitle());
        assertTrue(messages.get(messages.size() - 1).lines().stream()
                .anyMatch(l -> l.contains("warning: ClusterIPOutOfRange")), messages.toString());
        TableView<OverviewViewModel.CidrRow> cidrs = robot.lookup("#cidrTable").queryTableView();
        assertTrue(cidrs.getItems().stream().anyMatch(r -> r.cidr().equals("10.98.0.0/24")),
                cidrs.getItems().toString());

        // Edit > Undo takes the import back, Redo applies it again.
        javafx.scene.control.MenuItem undo = menus.getMenus().get(1).getItems().get(0);
        assertEquals("Undo Import", undo.getText());
        assertFalse(undo.isDisable());
        fx(vm::undo);
        assertFalse(cidrs.getItems().stream().anyMatch(r -> r.cidr().equals("10.98.0.0/24")));
        assertTrue(undo.isDisable());
        assertEquals("Redo Import", menus.getMenus().get(1).getItems().get(1).getText());
        assertEquals("Undid Import", robot.lookup("#status").queryAs(Label.class).getText());
        fx(vm::redo);
        assertTrue(cidrs.getItems().stream().anyMatch(r -> r.cidr().equals("10.98.0.0/24")));
        assertEquals(java.util.Arrays.asList("File", "Edit", "View", "Cluster", "Training", "Help"), menus.getMenus().stream()
                .map(m -> m.getText().replace("_", "")).toList());

        fx(vm::autosave);
        assertTrue(vm.session().recoveryFile().isPresent(), "unsaved work has a recovery copy");

        Path plan = dir.resolve("lab.cidrplan.yaml");
        fx(() -> vm.saveAs(plan));
        assertEquals("CIDR Studio - lab.cidrplan.yaml", stage.getTitle());
        assertTrue(Files.readString(plan).startsWith("apiVersion: cidrstudio.dev/v1alpha1\nkind: Cluster\n"));
        assertFalse(vm.session().recoveryFile().isPresent(), "saving removes the recovery copy");
        assertEquals(plan.toAbsolutePath(), vm.recentFiles().get(0));
        assertEquals("Saved lab.cidrplan.yaml", robot.lookup("#status").queryAs(Label.class).getText());

        assertTrue(Files.size(Screenshots.writeFromTest(stage.getScene(), "main-window")) > 1000);
    }

    @Test
    void aboutSaysThePomsVersionAndWhereSettingsLive(FxRobot robot) throws Exception {
        fx(() -> stage.getIcons().setAll(AppIcons.window()));
        assertEquals(5, stage.getIcons().size(), "the window has the app's icon at every size");
        MenuBar menus = robot.lookup("#menuBar").queryAs(MenuBar.class);
        javafx.scene.control.MenuItem item = menus.getMenus().get(5).getItems().stream()
                .filter(i -> "aboutItem".equals(i.getId())).findFirst().orElseThrow();
        fx(item::fire);
        javafx.scene.control.DialogPane about = robot.lookup("#aboutDialog").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("CIDR Studio " + dev.cidrstudio.cli.CliTestAccess.pomVersion(), about.getHeaderText());
        assertTrue(about.getContentText().contains("1.33, 1.34 and 1.35"), about.getContentText());
        assertTrue(about.getContentText().contains(dir.resolve("config").toString()), about.getContentText());
        assertTrue(about.getGraphic() instanceof javafx.scene.image.ImageView, "the dialog shows the icon");
        assertTrue(Files.size(Screenshots.writeFromTest(about.getScene(), "about")) > 1000);
        fx(() -> ((Stage) about.getScene().getWindow()).close());
    }

    @Test
    void aBrokenImportLeavesThePlanAndTitleAlone(FxRobot robot) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: -1}]}\n");
        int rowsBefore = robot.lookup("#serviceTable").queryTableView().getItems().size();
        fx(() -> vm.importFiles(List.of(bad)));
        MainWindowViewModel.Message m = messages.get(messages.size() - 1);
        assertTrue(m.error(), m.toString());
        assertEquals("Importing 1 file failed; the plan is unchanged", m.heading());
        assertTrue(m.lines().get(0).startsWith(bad + ":4: error: Service \"x\" is invalid: spec.ports[0].port"),
                m.lines().toString());
        assertEquals("CIDR Studio - demo.cidrplan.yaml", stage.getTitle());
        assertEquals(rowsBefore, robot.lookup("#serviceTable").queryTableView().getItems().size());
    }

    @Test
    void anOpenedDumpIsAnUntitledPlanThatSaveNeverWritesOver(FxRobot robot) throws Exception {
        Path dump = dir.resolve("svc-dump.yaml");
        String text = DumpFixturesAccess.smallDump();
        Files.writeString(dump, text);
        Files.setPosixFilePermissions(dump, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        fx(() -> vm.open(dump));
        assertEquals("CIDR Studio - svc-dump.cidrplan.yaml", stage.getTitle());
        assertTrue(messages.get(messages.size() - 1).heading().contains("Save asks where"),
                messages.get(messages.size() - 1).heading());
        AtomicReference<Boolean> saved = new AtomicReference<>();
        fx(() -> saved.set(vm.save()));
        assertFalse(saved.get(), "Save asks for a file instead of writing over the dump");
        assertEquals(text, Files.readString(dump));
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dump)));
    }
}
