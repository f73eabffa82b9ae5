package dev.cidrstudio.console.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl run} beyond what the real kubectl prints without a cluster (the differential corpus covers
 * {@code --dry-run=client}): what is sent is created, {@code --expose} creates the Service first, and
 * {@code --dry-run=server} checks everything and keeps nothing.
 */
class RunOptionsTest {

    private static CommandResult run(Kubectl k, String line) {
        return k.run(List.of(line.split(" ")), "");
    }

    @Test
    void runWithExposeCreatesTheServiceThenThePod() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl k = new Kubectl(api, p -> "");
        CommandResult r = run(k, "run web --image=nginx --port=8080 --labels=app=web --expose");
        assertEquals("service/web created\npod/web created\n", r.stdout(), r.stderr());
        Service svc = api.get(Kind.SERVICE, "default", "web");
        assertEquals(Map.of("app", "web"), svc.spec().selector());
        assertEquals(8080, svc.spec().ports().get(0).port());
        assertTrue(run(k, "get pod web").stdout().contains("web"));
    }

    @Test
    void runWithDryRunServerKeepsNothing() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl k = new Kubectl(api, p -> "");
        long before = api.revision();
        CommandResult r = run(k, "run web --image=nginx --port=80 --expose --dry-run=server");
        assertEquals("service/web created (server dry run)\npod/web created (server dry run)\n", r.stdout(),
                r.stderr());
        assertEquals(before, api.revision());
        assertTrue(api.find(Kind.SERVICE, "default", "web").isEmpty());
        assertEquals("Error from server (NotFound): pods \"web\" not found\n", run(k, "get pod web").stderr());
    }

    @Test
    void runRefusesWhatKubectlRefusesBeforeSendingAnything() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl k = new Kubectl(api, p -> "");
        long before = api.revision();
        assertEquals("error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and "
                + "examples\n", run(k, "run web --image=nginx --expose").stderr());
        assertEquals("error: invalid env: 1A=x\n", run(k, "run web --image=nginx --env=1A=x").stderr());
        assertEquals(before, api.revision());
    }

    @Test
    void runWithAnOutputFormatPrintsThePodItStarted() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        Kubectl k = new Kubectl(api, p -> "");
        assertEquals("pod/web\n", run(k, "run web --image=nginx -o name").stdout());
        CommandResult yaml = run(k, "run api --image=nginx -o yaml");
        assertTrue(yaml.stdout().startsWith("apiVersion: v1\nkind: Pod\n"), yaml.stdout());
        assertTrue(yaml.stdout().contains("phase: Running"), yaml.stdout());
    }
}
