package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.io.manifest.ClusterDocuments;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The console's control-plane and verify commands, and a runbook's shell functions read as built-ins. */
class ControlPlaneConsoleTest {

    static ApiServer cluster() throws Exception {
        return ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/16"));
    }

    @Test
    void restartsApiserversAndTheSettingsFollowTheFirst() throws Exception {
        ApiServer api = cluster();
        String out = ConsoleScripts.run(api, """
                control-plane add-apiserver kube-apiserver-2 --service-cluster-ip-range=10.96.0.0/16
                control-plane restart-apiserver kube-apiserver --service-cluster-ip-range 10.96.0.0/16,fd00:96::/112
                control-plane status
                """);
        assertEquals("""
                kube-apiserver-2 started with --service-cluster-ip-range=10.96.0.0/16
                kube-apiserver restarted with --service-cluster-ip-range=10.96.0.0/16,fd00:96::/112
                NAME               SERVICE-CLUSTER-IP-RANGE
                kube-apiserver     10.96.0.0/16,fd00:96::/112
                kube-apiserver-2   10.96.0.0/16
                kubelet clusterDNS: 10.96.0.10
                """, out);
        assertEquals("10.96.0.0/16,fd00:96::/112", api.settings().serviceClusterIPRange());
        assertEquals(List.of(new ClusterSettings.ApiServerSetting("kube-apiserver", null),
                new ClusterSettings.ApiServerSetting("kube-apiserver-2", "10.96.0.0/16")), api.settings().apiServers());
    }

    @Test
    void aKubeletClusterDnsDerivedFromTheOldRangeStaysOnTheOldAddress() throws Exception {
        ApiServer api = cluster();
        assertEquals(ClusterSettings.DNS_AUTO, api.settings().clusterDNS());
        ConsoleScripts.run(api, "control-plane restart-apiserver kube-apiserver --service-cluster-ip-range=10.100.0.0/16\n");
        assertEquals(Optional.of("10.96.0.10"), api.kubeletClusterDns(), "a node's clusterDNS is a fixed address");
        assertEquals("kubelets restarted with clusterDNS 10.100.0.10\n",
                ConsoleScripts.run(api, "control-plane set-kubelet-cluster-dns 10.100.0.10\n"));
        assertEquals(Optional.of("10.100.0.10"), api.kubeletClusterDns());
    }

    @Test
    void refusals() throws Exception {
        ApiServer api = cluster();
        assertEquals("control-plane: the service cluster IP range must be at least 8 IP addresses\n",
                ConsoleScripts.run(api, "control-plane restart-apiserver kube-apiserver "
                        + "--service-cluster-ip-range=10.0.0.0/30\n"));
        assertEquals("control-plane: no kube-apiserver named cp-9\n", ConsoleScripts.run(api,
                "control-plane stop-apiserver cp-9\n"));
        assertEquals("control-plane: cannot stop kube-apiserver: it is the only kube-apiserver\n",
                ConsoleScripts.run(api, "control-plane stop-apiserver kube-apiserver\n"));
        assertEquals("control-plane: 10.0.0.300: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n",
                ConsoleScripts.run(api, "control-plane set-kubelet-cluster-dns 10.0.0.300\n"));
        assertTrue(ConsoleScripts.run(api, "control-plane restart-apiserver kube-apiserver\n")
                .startsWith("Usage: control-plane COMMAND\n"));
        assertEquals("10.96.0.0/16", api.activeApiServer().flags().text(), "a refused restart changes nothing");
    }

    @Test
    void verifyComparesOutputAndAFailureStopsTheScript() throws Exception {
        ApiServer api = cluster();
        String out = ConsoleScripts.run(api, """
                verify 'the default range' 'kubectl get servicecidr kubernetes -o jsonpath='\\''{.spec.cidrs}'\\''' '["10.96.0.0/16"]'
                verify 'a missing Service' 'kubectl get service nope' 'x'
                echo not reached
                """);
        assertEquals("""
                ok: the default range
                FAILED: a missing Service
                  expected: x
                  got:      Error from server (NotFound): services "nope" not found
                """, out);
    }

    @Test
    void aRunbooksShellFunctionsAreSkippedAndOthersRefused() throws Exception {
        ApiServer api = cluster();
        String out = ConsoleScripts.run(api, """
                set -euo pipefail
                control-plane() {
                  case "$1" in
                    status) echo hi ;;
                  esac
                }
                verify() { echo one line; }
                helper() {
                  echo x
                }
                kubectl get servicecidr -o name
                """);
        assertEquals("""
                console: line 8: shell functions are not available in the practice console (it has control-plane and verify built in)
                servicecidr.networking.k8s.io/kubernetes
                """, out);
    }

    @Test
    void aPlanListsItsApiserversAndTheyRoundTrip() throws Exception {
        String plan = """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                spec:
                  serviceClusterIPRange: 10.96.0.0/16
                  apiServers: [{name: cp-1}, {name: cp-2, serviceClusterIPRange: 10.100.0.0/16}]
                """;
        ApiServer api = PlanLoader.load("plan.yaml", plan).api();
        assertEquals(List.of("cp-1", "cp-2"), api.state().apiServers().stream().map(a -> a.name()).toList());
        assertEquals("10.100.0.0/16", api.state().apiServers().get(1).flags().text());
        assertTrue(ConsoleScripts.run(api, "kubectl get events -A\n").contains("KubernetesDefaultServiceCIDRInconsistent"),
                "the second apiserver disagrees with the object the first created");
        @SuppressWarnings("unchecked")
        var spec = (java.util.Map<String, Object>) ClusterDocuments.encode(api.settings()).get("spec");
        assertEquals(List.of(java.util.Map.of("name", "cp-1"), java.util.Map.of("name", "cp-2",
                "serviceClusterIPRange", "10.100.0.0/16")), spec.get("apiServers"));
    }

    @Test
    void badApiserverListsNameTheLineAndField() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.cidrstudio.app.ManifestImport.ImportException.class,
                () -> PlanLoader.load("plan.yaml", """
                        apiVersion: cidrstudio.dev/v1alpha1
                        kind: Cluster
                        spec:
                          apiServers:
                          - {name: cp-1, serviceClusterIPRange: 10.1.0.0/16}
                          - {name: cp-2, serviceClusterIPRange: 10.0.0.0/30}
                          - {name: cp-2}
                        """));
        assertEquals(List.of(
                "plan.yaml:5: error: spec.apiServers[0].serviceClusterIPRange: the first kube-apiserver runs with "
                        + "spec.serviceClusterIPRange; give its flag there (column 41)",
                "plan.yaml:6: error: spec.apiServers[1].serviceClusterIPRange: kube-apiserver would not start: the "
                        + "service cluster IP range must be at least 8 IP addresses (column 41)",
                "plan.yaml:7: error: spec.apiServers[2].name: duplicate kube-apiserver name \"cp-2\" (column 12)"),
                e.findings().stream().map(f -> f.describe()).toList());
    }
}
