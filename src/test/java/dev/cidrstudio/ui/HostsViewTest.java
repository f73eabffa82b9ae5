package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.ui.hosts.HostsViewModel;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Hosts tab: a Pod of the plan, live file with the HostAliases block set apart, errors at the row. */
@ExtendWith(ApplicationExtension.class)
class HostsViewTest {

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

    private Path shot(String name) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), name)).get();
    }

    private static String shown(FxRobot robot) {
        StringBuilder sb = new StringBuilder();
        robot.lookup("#hostsFile").queryAs(TextFlow.class).getChildren().forEach(n -> sb.append(((Text) n).getText()));
        return sb.toString();
    }

    /** What the user copies or saves: the file with its TABs. */
    private String file() {
        return vm.hosts().fileTextProperty().get();
    }

    @Test
    void editsAPodOfThePlanAndShowsTheKubeletsFileLive(FxRobot robot) throws Exception {
        Tabs.open(robot, "Hosts");
        @SuppressWarnings("unchecked")
        ComboBox<String> pods = robot.lookup("#planPods").queryAs(ComboBox.class);
        assertEquals(java.util.List.of("shop/hostaliases-pod"), pods.getItems());
        fx(() -> pods.getSelectionModel().select(0));
        HostsViewModel hosts = vm.hosts();
        String header = "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
                + "::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\n"
                + "fe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n";
        String aliases = "\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n"
                + "10.1.2.3\tfoo.remote\tbar.remote\n";
        // The demo plan is dual-stack: the Pod gets the first address of each family on a node.
        assertEquals(header + "10.244.0.2\thostaliases-pod\nfd00:10:244::2\thostaliases-pod\n" + aliases, file());
        assertTrue(shown(robot).contains("\n10.1.2.3        foo.remote      bar.remote\n"), shown(robot));
        TextFlow flow = robot.lookup("#hostsFile").queryAs(TextFlow.class);
        assertEquals(2, flow.getChildren().size());
        assertTrue(flow.getChildren().get(1).getStyleClass().contains("aliases"));
        assertEquals("assigned: 10.244.0.2, fd00:10:244::2", robot.lookup("#addresses").queryAs(Label.class)
                .getText());

        robot.clickOn("#podSubdomain").write("web");
        assertTrue(file().contains("10.244.0.2\thostaliases-pod.web.shop.svc.cluster.local\thostaliases-pod\n"),
                file());

        fx(() -> hosts.aliases().get(1).ipProperty().set("10.1.2.300"));
        assertEquals("", file());
        assertTrue(shown(robot).startsWith("The apiserver would refuse this Pod"), shown(robot));
        assertEquals("spec.hostAliases[1].ip: Invalid value: \"10.1.2.300\": must be a valid IP address, "
                + "(e.g. 10.9.8.7 or 2001:db8::ffff)", hosts.rowErrors().get(1));
        @SuppressWarnings("unchecked")
        TableView<HostsViewModel.AliasRow> table = robot.lookup("#aliases").queryAs(TableView.class);
        assertTrue(robot.lookup(".table-row-cell.invalid").tryQuery().isPresent());
        assertEquals(2, table.getItems().size());
        shot("hosts-invalid");

        fx(() -> hosts.aliases().get(1).ipProperty().set("10.1.2.3"));
        assertFalse(robot.lookup(".table-row-cell.invalid").tryQuery().isPresent());

        // A row just added is not an error (nor part of the Pod) until it is typed in; then it is checked.
        String before = file();
        robot.clickOn("Add");
        assertEquals(3, table.getItems().size());
        assertFalse(robot.lookup(".table-row-cell.invalid").tryQuery().isPresent(), "no error before typing");
        assertEquals(before, file());
        fx(() -> hosts.aliases().get(2).hostnamesProperty().set("late.local"));
        assertTrue(hosts.rowErrors().get(2).startsWith("spec.hostAliases[2].ip: Invalid value: \"\": "),
                hosts.rowErrors().toString());
        fx(() -> hosts.aliases().get(2).ipProperty().set("10.9.9.9"));
        assertTrue(file().endsWith("10.9.9.9\tlate.local\n"), file());

        // A long line scrolls sideways instead of wrapping.
        String longName = "a-very-long-host-name-that-does-not-fit-the-preview-pane-at-this-width.example.com";
        fx(() -> hosts.aliases().get(2).hostnamesProperty().set(longName + " " + longName.replace("a-", "b-")));
        javafx.scene.control.ScrollPane scroll = robot.lookup("#hostsScroll").queryAs(
                javafx.scene.control.ScrollPane.class);
        assertFalse(scroll.isFitToWidth());
        assertTrue(flow.getWidth() > scroll.getViewportBounds().getWidth(), "wider than the pane: it scrolls");
        fx(() -> hosts.removeAlias(2));
        fx(() -> hosts.podIpsProperty().set("10.0.0.1, 10.0.0.2"));
        assertTrue(robot.lookup("#fieldError").queryAs(Label.class).getText().endsWith(
                "may specify no more than one IP for each IP family"));
        fx(() -> hosts.podIpsProperty().set("10.244.1.4, a00:100::4"));
        fx(() -> hosts.subdomainProperty().set(""));
        assertTrue(java.nio.file.Files.size(shot("hosts")) > 10_000);

        fx(() -> hosts.hostNetworkProperty().set(true));
        assertTrue(robot.lookup("#nodeHosts").query().isVisible());
        assertTrue(file().startsWith("# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n"));
        assertTrue(hosts.podYaml().contains("  hostNetwork: true\n"), hosts.podYaml());
    }

    @Test
    void theDualStackTabWalksThePageForThePlan(FxRobot robot) throws Exception {
        Tabs.open(robot, "Dual-stack");
        assertEquals("All 14 checks pass: the plan is dual-stack end to end.",
                robot.lookup("#dualStackVerdict").queryAs(Label.class).getText());
        @SuppressWarnings("unchecked")
        TableView<dev.cidrstudio.app.DualStackReport.Item> items = robot.lookup("#dualStackItems")
                .queryAs(TableView.class);
        assertEquals("Node worker0 spec.podCIDRs (allocated from cluster-cidr)", items.getItems().get(2).subject());
        assertTrue(robot.lookup(".table-cell.pass").tryQuery().isPresent());
        shot("dual-stack");
    }

    @Test
    void aNewPodGetsAFreeAddressAndThereIsAWayBackToIt(FxRobot robot) throws Exception {
        Tabs.open(robot, "Hosts");
        HostsViewModel hosts = vm.hosts();
        Label addresses = robot.lookup("#addresses").queryAs(Label.class);
        // The plan's hostaliases-pod holds the first addresses of the first node; a new Pod goes where the scheduler
        // and the node's IPAM would put it: the node with the fewest Pods, its first free addresses.
        assertEquals("assigned: 10.244.1.2, fd00:10:244:1::2", addresses.getText());
        assertTrue(file().contains("10.244.1.2\thostaliases-pod\n"), file());

        @SuppressWarnings("unchecked")
        ComboBox<String> pods = robot.lookup("#planPods").queryAs(ComboBox.class);
        fx(() -> pods.getSelectionModel().select(0));
        assertEquals("assigned: 10.244.0.2, fd00:10:244::2", addresses.getText(), "the plan's Pod keeps its own");
        assertEquals("shop", hosts.namespaceProperty().get());
        assertFalse(hosts.newPodProperty().get());

        robot.clickOn("#newPod");
        assertTrue(hosts.newPodProperty().get());
        assertEquals(null, pods.getValue());
        assertEquals("a new Pod", ((javafx.scene.control.ListCell<?>) pods.getButtonCell()).getText());
        assertEquals("default", hosts.namespaceProperty().get());
        assertEquals("", hosts.podIpsProperty().get());
        assertEquals(2, hosts.aliases().size());
        assertEquals("assigned: 10.244.1.2, fd00:10:244:1::2", addresses.getText());
        shot("hosts-new-pod");
    }
}
