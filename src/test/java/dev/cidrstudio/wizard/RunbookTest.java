package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.console.ConsoleOutput;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.console.ScriptRunner;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runbook's script, run against the console on the plan, reaches the rehearsal's end state. */
class RunbookTest {

    static ApiServer replay(ClusterState plan, Map<String, String> files) {
        ApiServer api = ApiServer.fromState(plan);
        Map<String, String> fs = new HashMap<>(files);
        Kubectl.FileSource read = p -> {
            String c = fs.get(p);
            if (c == null) {
                throw new IOException("no " + p);
            }
            return c;
        };
        ScriptRunner runner = new ScriptRunner(new Kubectl(api, read), read).withFileSink(fs::put);
        List<ConsoleOutput> out = runner.run(files.get(Runbook.SCRIPT));
        StringBuilder sb = new StringBuilder();
        out.forEach(o -> sb.append(o.text()));
        assertFalse(runner.stopped(), sb::toString);
        assertFalse(sb.toString().contains("FAILED"), sb::toString);
        assertFalse(sb.toString().contains("console: line"), sb::toString);
        return api;
    }

    @Test
    void theReplacePrimaryScriptReachesTheSameEndState() throws Exception {
        ClusterState plan = ScenariosTest.plan(ScenariosTest.SINGLE_STACK);
        Rehearsal r = ScenariosTest.rehearsed(plan, ScenarioKind.REPLACE_PRIMARY, "10.100.0.0/16");
        ApiServer replayed = replay(plan, Runbook.files(r, "plan.yaml"));
        for (ApiServer api : List.of(r.cluster(), replayed)) {
            assertEquals(List.of("10.100.0.0/16"), api.<ServiceCidr>get(Kind.SERVICE_CIDR, null, "kubernetes").cidrs());
            assertEquals("10.100.0.1", api.<Service>get(Kind.SERVICE, "default", "kubernetes").spec().clusterIP());
            assertEquals("10.100.0.10", api.<Service>get(Kind.SERVICE, "kube-system", "kube-dns").spec().clusterIP());
        }
        assertEquals(r.cluster().state().apiServers(), replayed.state().apiServers());
        assertEquals(r.cluster().settings(), replayed.settings());
    }

    @Test
    void everyScenarioScriptReplaysWithItsChecks() throws Exception {
        ClusterState demo = ScenariosTest.demo();
        for (ScenarioKind kind : List.of(ScenarioKind.EXTEND, ScenarioKind.DUAL_TO_SINGLE)) {
            Rehearsal r = ScenariosTest.rehearsed(demo, kind, null);
            ApiServer replayed = replay(demo, Runbook.files(r, "demo.cidrplan.yaml"));
            assertEquals(r.cluster().<ServiceCidr>list(Kind.SERVICE_CIDR, null).stream().map(ServiceCidr::cidrs)
                    .toList(), replayed.<ServiceCidr>list(Kind.SERVICE_CIDR, null).stream().map(ServiceCidr::cidrs)
                    .toList(), kind.id());
        }
        ClusterState single = ScenariosTest.plan(ScenariosTest.SINGLE_STACK);
        Rehearsal r = ScenariosTest.rehearsed(single, ScenarioKind.SINGLE_TO_DUAL, "fd00:96::/112");
        ApiServer replayed = replay(single, Runbook.files(r, "plan.yaml"));
        assertEquals(List.of("IPv4", "IPv6"), replayed.<Service>get(Kind.SERVICE, "default", "web").spec()
                .ipFamiliesOrEmpty());
    }

    @Test
    void theFolderHoldsTheMarkdownTheScriptAndTheManifests(@TempDir Path dir) throws Exception {
        Rehearsal r = ScenariosTest.rehearsed(ScenariosTest.demo(), ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        Runbook.write(r, "demo.cidrplan.yaml", dir);
        String md = Files.readString(dir.resolve(Runbook.MARKDOWN));
        assertTrue(md.startsWith("# Replace the primary Service range 10.96.0.0/24 with 10.96.16.0/20\n"));
        assertTrue(md.contains("Plan `demo.cidrplan.yaml`, Kubernetes 1.34, 1 kube-apiserver:"));
        assertTrue(md.contains("| DNS Service address | WARN | kube-dns moves from 10.96.0.10 to 10.96.16.10;"));
        assertTrue(md.contains("## Step 7. Delete kubernetes.default so it comes back in the new range"));
        assertTrue(md.contains("$ kubectl delete service kubernetes\nservice \"kubernetes\" deleted from default namespace\n"));
        assertTrue(md.contains("**Rollback:**"));
        String sh = Files.readString(dir.resolve(Runbook.SCRIPT));
        assertTrue(sh.startsWith("#!/usr/bin/env bash\n"));
        assertTrue(sh.contains("verify 'ServiceCIDR kubernetes has 10.96.16.0/20,fd00:10:96::/112' 'kubectl get "
                + "servicecidr kubernetes -o jsonpath='\\''{.spec.cidrs}'\\''' '[\"10.96.16.0/20\",\"fd00:10:96::/112\"]'"));
        assertTrue(Files.isExecutable(dir.resolve(Runbook.SCRIPT)));
        assertEquals(ScenarioSupport.serviceCidrManifest(ScenarioSupport.MIGRATION_CIDR,
                List.of("10.96.16.0/20", "fd00:10:96::/112")),
                Files.readString(dir.resolve("manifests/03-servicecidr-servicecidr-migration.yaml")));
        String dns = Files.readString(dir.resolve("manifests/05-service-kube-system-kube-dns.yaml"));
        assertTrue(dns.contains("clusterIP: 10.96.16.10\n"), dns);
        assertFalse(dns.contains("uid:"), "no server-owned fields");
    }

    @Test
    void theScriptIsValidBash(@TempDir Path dir) throws Exception {
        Rehearsal r = ScenariosTest.rehearsed(ScenariosTest.demo(), ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        Runbook.write(r, "demo.cidrplan.yaml", dir);
        Optional<Path> bash = Stream.of("/bin/bash", "/usr/bin/bash").map(Path::of).filter(Files::isExecutable)
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(bash.isPresent(), "bash is not installed");
        Process p = new ProcessBuilder(bash.get().toString(), "-n", dir.resolve(Runbook.SCRIPT).toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }
}
