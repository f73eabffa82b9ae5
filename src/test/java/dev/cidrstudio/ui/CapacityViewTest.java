package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import dev.cidrstudio.ui.capacity.CapacityViewModel;
import java.util.List;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Capacity tab: a what-if that fills the ranges, the suggestion, adding to the plan, undo. */
@ExtendWith(ApplicationExtension.class)
class CapacityViewTest {

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
    void aWhatIfThatFillsTheRangeThenTheSuggestedServiceCidrThenUndo(FxRobot robot) throws Exception {
        Tabs.open(robot, "Capacity");
        @SuppressWarnings("unchecked")
        Spinner<Integer> count = robot.lookup("#whatIfCount").queryAs(Spinner.class);
        fx(() -> count.getValueFactory().setValue(5000));
        assertTrue(robot.lookup("#moreFit").queryAs(Label.class).getText().startsWith("4,342 more SingleStack IPv4 "
                + "Services fit"), robot.lookup("#moreFit").queryAs(Label.class).getText());
        // The sizing answers its own target, not the what-if's count.
        String suggestion = robot.lookup("#suggestion").queryAs(Label.class).getText();
        assertTrue(suggestion.startsWith("IPv4: 6 in use, 4,342 free. Target: 25% growth (2 more). The plan has "
                + "room"), suggestion);
        assertTrue(robot.lookup("#addSuggestion").queryAs(Button.class).isDisabled(), "nothing to add");
        @SuppressWarnings("unchecked")
        Spinner<Integer> more = robot.lookup("#sizingMore").queryAs(Spinner.class);
        fx(() -> more.getValueFactory().setValue(5000));
        suggestion = robot.lookup("#suggestion").queryAs(Label.class).getText();
        assertTrue(suggestion.startsWith("IPv4: 6 in use, 4,342 free. Target: room for 5,000 more and 25% growth (2 more): 5,002 more. "
                + "Short by 660: "
                + "add a ServiceCIDR of at least /22."), suggestion);
        TableView<CapacityViewModel.CandidateRow> candidates = robot.lookup("#sizingCandidates").queryTableView();
        assertEquals(List.of("10.96.4.0/22 1,022", "10.96.8.0/21 2,046", "10.96.16.0/20 4,094"),
                candidates.getItems().stream().map(r -> r.cidr() + " " + r.usable()).toList());
        assertEquals("10.96.4.0/22", candidates.getSelectionModel().getSelectedItem().cidr());
        assertFalse(robot.lookup("#addSuggestion").queryAs(Button.class).isDisabled());

        int before = vm.session().view().list(Kind.SERVICE, null).size();
        fx(() -> robot.lookup("#whatIfRun").queryAs(Button.class).fire());
        String result = robot.lookup("#whatIfResult").queryAs(TextArea.class).getText();
        assertTrue(result.startsWith("4,342 of 5,000 fit; the range fills up at Service default/svc-4343:"),
                result);
        assertTrue(result.contains("range is full"), result);
        assertEquals(before, vm.session().view().list(Kind.SERVICE, null).size(), "a what-if leaves the plan alone");
        // The map shows the what-if copy.
        assertTrue(vm.map().previewingProperty().get().startsWith("Showing the what-if preview"));
        Tabs.open(robot, "Map");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "map-what-if")).get();
        Tabs.open(robot, "Capacity");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "capacity")).get();

        // The namespace box keeps its value when the plan changes under it.
        @SuppressWarnings("unchecked")
        ComboBox<String> ns = robot.lookup("#whatIfNamespace").queryAs(ComboBox.class);
        fx(() -> ns.setValue("team-a"));
        int services = vm.session().view().list(Kind.SERVICE, null).size();
        fx(() -> robot.lookup("#addSuggestion").queryAs(Button.class).fire());
        assertTrue(vm.session().view().find(Kind.SERVICE_CIDR, null, "capacity-10-96-4-0-22").isPresent());
        fx(() -> robot.lookup("#whatIfRun").queryAs(Button.class).fire());
        assertTrue(robot.lookup("#whatIfResult").queryAs(TextArea.class).getText().startsWith(
                "All 5,000 Services fit."), robot.lookup("#whatIfResult").queryAs(TextArea.class).getText());
        fx(() -> robot.lookup("#whatIfAdd").queryAs(Button.class).fire());
        assertEquals(services + 5000, vm.session().view().list(Kind.SERVICE, null).size());
        assertEquals(5000, vm.session().view().list(Kind.SERVICE, "team-a").size());
        assertEquals("team-a", ns.getValue(), "the namespace box keeps its value after Add");
        Tabs.open(robot, "Overview");
        Label warning = robot.lookup("#capacityWarning").queryAs(Label.class);
        assertTrue(warning.isVisible() && warning.getText().contains("ServiceCIDR kubernetes 10.96.0.0/24 is 100% "
                + "allocated (0 free), over the 80% mark"), warning.getText());
        Tabs.open(robot, "Capacity");
        assertEquals("Add 5000 Services", vm.session().undoLabel().orElseThrow());
        fx(vm::undo);
        assertEquals(services, vm.session().view().list(Kind.SERVICE, null).size());
        fx(vm::undo);
        assertFalse(vm.session().view().find(Kind.SERVICE_CIDR, null, "capacity-10-96-4-0-22").isPresent());
    }

    @Test
    void theTabAnswersInOnePlaceAndHandsAPrefixToTheWizard(FxRobot robot) {
        Tabs.open(robot, "Capacity");
        // Where the plan stands: each Service range with its use, as the ServiceCIDRs tab and the Overview say it.
        TableView<dev.cidrstudio.app.CapacityReport.Row> prefixes = robot.lookup("#capacityPrefixes").queryTableView();
        assertEquals(List.of("extra-v4 10.97.0.0/20", "kubernetes 10.96.0.0/24", "kubernetes fd00:10:96::/112"),
                prefixes.getItems().stream().map(r -> r.serviceCidr() + " " + r.cidr()).toList());
        assertEquals("<0.1%", prefixes.getColumns().get(5).getCellData(0));

        // A what-if that does not fit sizes the plan for it: the prefixes to add are offered at once.
        @SuppressWarnings("unchecked")
        Spinner<Integer> count = robot.lookup("#whatIfCount").queryAs(Spinner.class);
        fx(() -> count.getValueFactory().setValue(5000));
        fx(() -> robot.lookup("#whatIfRun").queryAs(Button.class).fire());
        assertEquals(5000, vm.capacity().moreWantedProperty().get());
        TableView<CapacityViewModel.CandidateRow> candidates = robot.lookup("#sizingCandidates").queryTableView();
        assertEquals("10.96.4.0/22", candidates.getSelectionModel().getSelectedItem().cidr());

        // One click to rehearse it: the Wizard's Extend scenario, with that prefix, prepared.
        Button rehearse = robot.lookup("#rehearseSuggestion").queryAs(Button.class);
        assertFalse(rehearse.isDisabled());
        fx(rehearse::fire);
        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        assertEquals("wizardTab", tabs.getSelectionModel().getSelectedItem().getId());
        assertEquals(dev.cidrstudio.wizard.ScenarioKind.EXTEND, vm.wizard().kindProperty().get());
        assertEquals("10.96.4.0/22", vm.wizard().targetProperty().get());
        assertFalse(vm.wizard().preflight().isEmpty(), "the pre-flight ran");
    }
}
