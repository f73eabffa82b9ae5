package dev.cidrstudio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.differential.RealKubectl;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl logs} (pods/log) against a served plan prints what the console's {@code kubectl logs} prints. */
class ServePodLogTest {

    @TempDir
    Path dir;

    @Test
    void theRealKubectlPrintsThePodsLogAsTheConsoleDoes() throws Exception {
        try (ServedPlan plan = new ServedPlan(KubeVersion.V1_34, dir)) {
            CommandResult console = plan.console("logs", "hostaliases-pod", "-n", "shop");
            assertFalse(console.stdout().isEmpty());
            for (String[] args : new String[][] {{"logs", "hostaliases-pod", "-n", "shop"},
                    {"logs", "pod/hostaliases-pod", "-n", "shop"},
                    {"logs", "hostaliases-pod", "-n", "shop", "-c", "cat-hosts"}}) {
                assertEquals(new RealKubectl.Run(console.stdout(), "", 0), plan.real(args), String.join(" ", args));
            }
            assertEquals(new RealKubectl.Run("", "error: container nope is not valid for pod hostaliases-pod\n", 1),
                    plan.real("logs", "hostaliases-pod", "-n", "shop", "-c", "nope"));
            assertEquals(new RealKubectl.Run("", "error: error from server (NotFound): pods \"nope\" not found in "
                    + "namespace \"shop\"\n", 1), plan.real("logs", "nope", "-n", "shop"));
            var raw = plan.send("GET", "/api/v1/namespaces/shop/pods/hostaliases-pod/log", null, null);
            assertEquals("text/plain", raw.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(console.stdout(), raw.body());
            assertEquals(404, plan.send("GET", "/api/v1/namespaces/shop/pods/nope/log", null, null).statusCode());
            assertEquals(405, plan.send("POST", "/api/v1/namespaces/shop/pods/hostaliases-pod/log", null, null)
                    .statusCode());
            assertFalse(plan.session.dirty());
        }
    }
}
