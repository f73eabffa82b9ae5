package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.Finding;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The exercises: each built-in can be completed by typing its steps' commands, and not before. */
class TrainingTest {

    @ParameterizedTest
    @ValueSource(strings = {"hostaliases", "extend-service-ip-ranges", "replace-default-servicecidr",
            "validate-dual-stack"})
    void aBuiltInExerciseCompletesWhenTheLearnerTypesItsCommands(String id) throws Exception {
        Training.Exercise ex = Training.builtIn(id).orElseThrow().build().get();
        Rehearsal r = ex.start();
        assertTrue(ex.scenario().ready(), ex.scenario().preflight().toString());
        assertThrows(Rehearsal.Refused.class, r::complete, "step 1 is not done before the learner does anything");
        for (Step step : ex.scenario().steps()) {
            for (String command : step.commands()) {
                r.type(command);
            }
            List<CheckResult> now = r.checkNow();
            assertTrue(now.stream().allMatch(CheckResult::passed), step.title() + ": " + now);
            Rehearsal.StepRun run = r.complete();
            assertTrue(run.passed(), step.title());
        }
        assertTrue(r.finished());
    }

    @Test
    void aCheckThatDoesNotHoldSaysWhatIsMissing() throws Exception {
        Rehearsal r = Training.builtIn("hostaliases").orElseThrow().build().get().start();
        r.type("kubectl run nginx --image nginx");
        r.complete();
        // Step 2 only asks the learner to look: another command does not do.
        r.type("kubectl get pods");
        Rehearsal.Refused e = assertThrows(Rehearsal.Refused.class, r::complete);
        assertEquals("not yet: you read /etc/hosts inside the nginx Pod: run a command like: "
                + "kubectl exec nginx -- cat /etc/hosts", e.getMessage());
        r.type("kubectl exec nginx -- cat /etc/hosts");
        r.complete();
        r.type("kubectl apply -f https://k8s.io/examples/service/networking/hostaliases-pod.yaml");
        r.complete();
        List<CheckResult> logs = r.checkNow();
        assertFalse(logs.get(0).passed());
        assertTrue(logs.get(1).passed(), "the state holds; the learner has yet to look");
    }

    @Test
    void aTrainersFileLoadsAndRuns() throws Exception {
        Training.Exercise ex = Training.load("my-class.yaml", """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: TrainingScenario
                metadata:
                  name: my-class
                spec:
                  title: Two Services
                  cluster:
                    serviceClusterIPRange: 10.0.0.0/24
                  setup: |
                    kubectl create service clusterip first --tcp 80
                  files:
                    second.yaml: |
                      apiVersion: v1
                      kind: Service
                      metadata: {name: second}
                      spec: {ports: [{port: 80}]}
                  steps:
                  - title: Create the second Service
                    commands: [kubectl apply -f second.yaml]
                    hints: [kubectl apply -f second.yaml]
                    checks:
                    - description: two Services and kubernetes
                      command: kubectl get svc -o name
                      matches: 'service/first\\nservice/kubernetes\\nservice/second'
                """);
        assertEquals("Two Services", ex.title());
        Rehearsal r = ex.start();
        assertThrows(Rehearsal.Refused.class, r::complete);
        assertEquals("service/second created\n", r.type("kubectl apply -f second.yaml").text());
        assertTrue(r.complete().passed());
        assertTrue(r.finished());
    }

    @Test
    void aBadFileNamesEachProblemAtItsLine() {
        Training.InvalidExercise e = assertThrows(Training.InvalidExercise.class, () -> Training.load("bad.yaml", """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: TrainingScenario
                spec:
                  title: Broken
                  cluster:
                    serviceClusterIPRange: 10.0.0.0/30
                  steps:
                  - title: no checks
                  - title: bad pattern
                    checks:
                    - description: typed
                      typed: '(unclosed'
                    - description: two answers
                      command: kubectl get svc
                      expected: a
                      contains: b
                    colour: blue
                """));
        List<String> lines = e.findings().stream().map(Finding::describe).toList();
        assertEquals(List.of(
                "bad.yaml:6: error: spec.cluster.serviceClusterIPRange: kube-apiserver would not start: the service "
                        + "cluster IP range must be at least 8 IP addresses (column 28)",
                "bad.yaml:8: error: spec.steps[0].checks: required: at least one check, so the learner knows when "
                        + "the step is done (column 5)",
                "bad.yaml:12: error: spec.steps[1].checks[0].typed: not a valid regular expression: missing "
                        + "closing ) (column 14)",
                "bad.yaml:13: error: spec.steps[1].checks[1]: give exactly one of expected, contains, matches (with "
                        + "command) or typed (column 7)",
                "bad.yaml:17: error: spec.steps[1].colour: unknown field (column 5)"), lines);
    }

    /** Patterns are judged at load as the check runs them: RE2, Go's syntax, so a Java-only look-ahead is refused. */
    @Test
    void aPatternGoCannotRunIsRefusedWhenTheFileLoads() {
        Training.InvalidExercise e = assertThrows(Training.InvalidExercise.class, () -> Training.load("ahead.yaml", """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: TrainingScenario
                spec:
                  title: Look-ahead
                  steps:
                  - title: one
                    checks:
                    - description: look-ahead
                      command: kubectl get svc
                      matches: 'kubernetes(?=\\s)'
                """));
        assertEquals(1, e.findings().size(), e.findings().toString());
        assertTrue(e.findings().get(0).describe().startsWith("ahead.yaml:10: error: spec.steps[0].checks[0].matches: "
                + "not a valid regular expression"), e.findings().toString());
    }

    @Test
    void notYamlAtAllIsOneClearError() {
        Training.InvalidExercise e = assertThrows(Training.InvalidExercise.class,
                () -> Training.load("x.yaml", "steps: [unclosed\n"));
        assertEquals(1, e.findings().size());
        assertTrue(e.findings().get(0).describe().startsWith("x.yaml:"), e.findings().toString());
    }
}
