package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Client-side kubectl commands whose output a real kubectl recorded (fidelity/client/N.cmd and N.out, kubectl
 * 1.32 with --dry-run=client): the console must print the same bytes on a 1.33 plan, whose kubectl still prints
 * {@code creationTimestamp: null} for objects the client built, as 1.32 did.
 */
class KubectlClientFidelityTest {

    static String resource(String name) throws Exception {
        try (InputStream in = KubectlClientFidelityTest.class.getResourceAsStream("/fidelity/client/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @TestFactory
    Stream<DynamicTest> sameBytesAsKubectl() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; resource(i + ".cmd") != null; i++) {
            String cmd = resource(i + ".cmd").strip();
            String expected = resource(i + ".out");
            tests.add(dynamicTest(cmd, () -> {
                Kubectl k = new Kubectl(ApiServer.bootstrap(ClusterSettings.defaults()
                        .withKubernetesVersion(KubeVersion.V1_33)), p -> "");
                CommandResult r = k.run(List.of(cmd.split(" ")), "");
                assertEquals(expected, r.stdout() + r.stderr());
            }));
        }
        return tests.stream();
    }
}
