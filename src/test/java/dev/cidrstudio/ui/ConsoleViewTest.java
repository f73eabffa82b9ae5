package dev.cidrstudio.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.ui.console.ConsoleViewModel;
import dev.cidrstudio.ui.main.MainWindowViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Console tab: kubectl against the open plan, writes as undoable edits, the demo's policy enforced. */
@ExtendWith(ApplicationExtension.class)
class ConsoleViewTest {

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

    private List<String> lines(ListView<ConsoleViewModel.Line> t) {
        return t.getItems().stream().map(ConsoleViewModel.Line::text).toList();
    }

    @Test
    void runsKubectlOnThePlanAndUndoesItsWrites(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        @SuppressWarnings("unchecked")
        ListView<ConsoleViewModel.Line> transcript = robot.lookup("#consoleTranscript").queryAs(ListView.class);

        robot.clickOn(input).write("kubectl get servicecidr").type(KeyCode.ENTER);
        List<String> out = lines(transcript);
        assertEquals("$ kubectl get servicecidr", out.get(0));
        assertTrue(out.get(1).startsWith("NAME"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("kubernetes   10.96.0.0/24,fd00:10:96::/112")),
                out.toString());

        // The demo plan's policy refuses a range outside 10.96.0.0/12, with kubectl's text, on stderr.
        fx(() -> {
            input.setText("""
                    kubectl apply -f - <<EOF
                    apiVersion: networking.k8s.io/v1
                    kind: ServiceCIDR
                    metadata:
                      name: outside
                    spec:
                      cidrs:
                      - 172.20.0.0/16
                    EOF""");
            vm.console().run();
        });
        ConsoleViewModel.Line denial = transcript.getItems().stream().filter(ConsoleViewModel.Line::error)
                .findFirst().orElseThrow();
        assertTrue(denial.text().startsWith("The servicecidrs \"outside\" is invalid: : ValidatingAdmissionPolicy "
                + "'servicecidrs.default' with binding 'servicecidrs-binding' denied request: failed expression:"),
                denial.text());
        assertTrue(vm.session().undoLabel().isEmpty(), "a refused write is no edit");

        fx(() -> {
            input.setText("kubectl create service clusterip console-made --tcp=80");
            vm.console().run();
        });
        assertTrue(lines(transcript).contains("service/console-made created"));
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "console-made").isPresent());
        assertEquals("kubectl create service clusterip console-made --tcp=80",
                vm.session().undoLabel().orElseThrow());
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "console")).get();
        fx(vm::undo);
        assertTrue(vm.session().view().find(Kind.SERVICE, "default", "console-made").isEmpty());

        // Up brings the last command back.
        robot.clickOn(input).type(KeyCode.UP);
        assertEquals("kubectl create service clusterip console-made --tcp=80", input.getText());
    }

    @Test
    void replaysTheDocsPageOnAPracticeClusterWithoutTouchingThePlan(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        @SuppressWarnings("unchecked")
        ListView<ConsoleViewModel.Line> transcript = robot.lookup("#consoleTranscript").queryAs(ListView.class);
        long before = vm.session().view().state().contentVersion();

        robot.clickOn("#consoleDocs").clickOn("Extend Service IP Ranges");
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        assertTrue(input.getText().startsWith("kubectl get servicecidr\n"), input.getText());
        assertTrue(robot.lookup("#consoleTarget").queryLabeled().getText().contains("practice cluster"));
        robot.clickOn("#consoleRun");

        List<String> out = lines(transcript);
        // The page's numbers: a /28 holds 12 Services (.1 is kubernetes.default), the 13th fails.
        assertTrue(out.stream().anyMatch(l -> l.matches("kubernetes   10\\.96\\.0\\.0/28   \\d+s")), out.toString());
        assertTrue(out.contains("error: failed to create ClusterIP service: Internal error occurred: "
                + "failed to allocate a serviceIP: range is full"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("There are still IPAddresses referencing the ServiceCIDR")),
                out.toString());
        assertEquals("Error from server (NotFound): servicecidrs.networking.k8s.io \"newcidr1\" not found",
                out.get(out.size() - 1));
        assertEquals(before, vm.session().view().state().contentVersion(), "the plan is not touched");
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "console-docs-page")).get();
        assertTrue(vm.session().undoLabel().isEmpty());

        robot.clickOn("#consoleUsePlan");
        assertTrue(robot.lookup("#consoleTarget").queryLabeled().getText().startsWith("kubectl against the plan"));
        robot.clickOn(input).write("kubectl get servicecidr").type(KeyCode.ENTER);
        assertTrue(lines(transcript).stream().anyMatch(l -> l.startsWith("kubernetes   10.96.0.0/24,fd00:10:96::/112")));
    }

    @Test
    void eachCommandIsFollowedByItsOwnOutputAndStepModeRunsOneAtATime(FxRobot robot) {
        Tabs.open(robot, "Console");
        @SuppressWarnings("unchecked")
        ListView<ConsoleViewModel.Line> transcript = robot.lookup("#consoleTranscript").queryAs(ListView.class);
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);
        fx(() -> {
            input.setText("kubectl get service kubernetes -o name\nkubectl get servicecidr kubernetes -o name");
            vm.console().run();
        });
        assertEquals(List.of("$ kubectl get service kubernetes -o name", "service/kubernetes",
                "$ kubectl get servicecidr kubernetes -o name", "servicecidr.networking.k8s.io/kubernetes"),
                lines(transcript));

        fx(() -> {
            vm.console().transcript().clear();
            input.setText("kubectl get service kubernetes -o name\nkubectl get servicecidr kubernetes -o name");
        });
        robot.clickOn("#consoleStep");
        assertEquals(List.of("$ kubectl get service kubernetes -o name", "service/kubernetes"), lines(transcript));
        assertEquals("kubectl get servicecidr kubernetes -o name", input.getText(), "the rest waits in the input");
        robot.clickOn("#consoleStep");
        assertEquals(4, lines(transcript).size());
        assertEquals("", input.getText());
    }

    @Test
    void aLearnerCompletesTheHostAliasesExerciseInTheConsole(FxRobot robot) throws Exception {
        Tabs.open(robot, "Console");
        long before = vm.session().view().state().contentVersion();
        robot.clickOn("#consoleExercises").clickOn("Adding entries to Pod /etc/hosts with HostAliases");
        assertTrue(robot.lookup("#exercisePanel").query().isVisible());
        assertEquals("Step 1 of 4: Run an nginx Pod", robot.lookup("#exerciseStep").queryLabeled().getText());
        TextArea input = robot.lookup("#consoleInput").queryAs(TextArea.class);

        // Checking before doing anything says what is missing.
        robot.clickOn("#exerciseCheck");
        assertTrue(robot.lookup("#exerciseFeedback").queryLabeled().getText().startsWith(
                "Not yet: Pod nginx is Running: expected \"Running\""),
                robot.lookup("#exerciseFeedback").queryLabeled().getText());
        robot.clickOn("#exerciseHint");
        assertTrue(vm.console().exerciseHints().get(0).startsWith("Hint: "));

        robot.clickOn(input).write("kubectl run nginx --image nginx").type(KeyCode.ENTER);
        assertEquals("Step 2 of 4: Read the default hosts file", robot.lookup("#exerciseStep").queryLabeled().getText());
        // While the exercise runs, the navigator and the status bar show its practice cluster.
        assertTrue(robot.lookup("#totals").queryLabeled().getText().startsWith("Console on a practice cluster"),
                robot.lookup("#totals").queryLabeled().getText());
        robot.clickOn(input).write("kubectl exec nginx -- cat /etc/hosts").type(KeyCode.ENTER);
        robot.clickOn("#exerciseAnswer");
        assertEquals("kubectl apply -f https://k8s.io/examples/service/networking/hostaliases-pod.yaml\n"
                + "kubectl get pod --output=wide", input.getText());
        fx(() -> vm.console().run());
        robot.clickOn(input).write("kubectl logs hostaliases-pod").type(KeyCode.ENTER);
        assertTrue(vm.console().exercise().orElseThrow().finished());
        assertTrue(robot.lookup("#exerciseFeedback").queryLabeled().getText().startsWith("Exercise complete"));
        WaitForAsyncUtils.asyncFx(() -> Screenshots.write(stage.getScene(), "console-exercise")).get();
        assertEquals(before, vm.session().view().state().contentVersion(), "the plan is not touched");

        robot.clickOn("#exerciseEnd");
        assertTrue(robot.lookup("#totals").queryLabeled().getText().startsWith("demo"),
                robot.lookup("#totals").queryLabeled().getText());
    }
}
