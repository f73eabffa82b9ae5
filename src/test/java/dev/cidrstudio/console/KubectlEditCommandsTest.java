package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * label, annotate, patch and expose against the simulated cluster, which the real kubectl cannot reach: each case runs
 * its setup lines, then one command, and checks what that command printed and how it exited.
 */
class KubectlEditCommandsTest {

    static Stream<Arguments> cases() {
        String svc = "create service clusterip web --tcp=80";
        return Stream.of(
                Arguments.of("label adds a label", List.of(svc), "label svc web tier=front",
                        "service/web labeled\n", "", 0),
                Arguments.of("label without --overwrite refuses a change", List.of(svc), "label svc web app=other",
                        "", "error: 'app' already has a value (web), and --overwrite is false\n", 1),
                Arguments.of("label --overwrite changes it", List.of(svc), "label svc web app=other --overwrite",
                        "service/web labeled\n", "", 0),
                Arguments.of("label KEY- removes it", List.of(svc), "label svc web app-",
                        "service/web unlabeled\n", "", 0),
                Arguments.of("label of a missing key says so", List.of(svc), "label svc web nothere-",
                        "label \"nothere\" not found.\nservice/web not labeled\n", "", 0),
                Arguments.of("label --list", List.of(svc, "label svc web tier=front"), "label svc web --list",
                        "app=web\ntier=front\n", "", 0),
                Arguments.of("label a Namespace", List.of("create namespace team"), "label ns team env=prod",
                        "namespace/team labeled\n", "", 0),
                Arguments.of("label a missing object", List.of(), "label svc nothere a=b", "",
                        "Error from server (NotFound): services \"nothere\" not found\n", 1),
                Arguments.of("annotate adds, --list shows", List.of(svc, "annotate svc web note=hi"),
                        "annotate svc web --list", "note=hi\n", "", 0),
                Arguments.of("annotate without --overwrite refuses", List.of(svc, "annotate svc web note=hi"),
                        "annotate svc web note=other", "", "error: --overwrite is false but found the following "
                                + "declared annotation(s): 'note' already has a value (hi)\n", 1),
                Arguments.of("annotate removes", List.of(svc, "annotate svc web note=hi"), "annotate svc web note-",
                        "service/web annotated\n", "", 0),
                Arguments.of("annotate a ServiceCIDR", List.of(), "annotate servicecidr kubernetes owner=net",
                        "servicecidr.networking.k8s.io/kubernetes annotated\n", "", 0),
                Arguments.of("patch strategic merges ports by port", List.of(svc),
                        "patch svc web -p {\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}",
                        "service/web patched\n", "", 0),
                Arguments.of("patch merge adds a label", List.of(svc),
                        "patch svc web --type merge -p {\"metadata\":{\"labels\":{\"x\":\"y\"}}}",
                        "service/web patched\n", "", 0),
                Arguments.of("patch that changes nothing", List.of(svc),
                        "patch svc web --type merge -p {\"metadata\":{\"labels\":{\"app\":\"web\"}}}",
                        "service/web patched (no change)\n", "", 0),
                Arguments.of("patch json replaces", List.of(svc),
                        "patch svc web --type json -p [{\"op\":\"replace\",\"path\":\"/spec/ports/0/port\","
                                + "\"value\":81}]", "service/web patched\n", "", 0),
                Arguments.of("patch json on a missing path", List.of(svc),
                        "patch svc web --type json -p [{\"op\":\"remove\",\"path\":\"/spec/nothere\"}]", "",
                        "error: doc is missing path: \"/spec/nothere\": missing value\n", 1),
                Arguments.of("expose a Service under a new name", List.of(svc), "expose svc web --name=web2 --port=8080",
                        "service/web2 exposed\n", "", 0),
                Arguments.of("expose under the same name", List.of(svc), "expose svc web", "",
                        "Error from server (AlreadyExists): services \"web\" already exists\n", 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void editsTheSimulatedCluster(String name, List<String> setup, String command, String stdout, String stderr,
            int exitCode) throws Exception {
        Kubectl kubectl = new Kubectl(ApiServer.bootstrap(ClusterSettings.defaults()), path -> "");
        for (String line : setup) {
            assertEquals(0, kubectl.run(List.of(line.split(" ")), "").exitCode(), line);
        }
        CommandResult r = kubectl.run(List.of(command.split(" ")), "");
        assertEquals(stdout, r.stdout(), "stdout; stderr: " + r.stderr());
        assertEquals(stderr, r.stderr(), "stderr");
        assertEquals(exitCode, r.exitCode(), "exit code");
    }
}
