package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes created in the console get their pod CIDRs from kube-controller-manager's range allocator. */
class NodeIpamConsoleTest {

    @Test
    void aNodeCreatedWithoutPodCidrsShowsItsBlockAndExhaustionIsAnEvent() throws Exception {
        ClusterSettings d = ClusterSettings.defaults();
        ApiServer api = ApiServer.bootstrap(new ClusterSettings(d.name(), d.kubernetesVersion(),
                d.serviceClusterIPRange(), "10.244.0.0/23", 24, 64, d.clusterDomain(), List.of("worker0"),
                d.clusterDNS(), d.randomSeed()));
        String out = ConsoleScripts.run(api, """
                kubectl create -f - <<EOF
                apiVersion: v1
                kind: Node
                metadata:
                  name: node-1
                EOF
                kubectl get node node-1 -o jsonpath='{.spec.podCIDR} {.spec.podCIDRs}{"\\n"}'
                kubectl apply -f - <<EOF
                apiVersion: v1
                kind: Node
                metadata:
                  name: node-2
                EOF
                kubectl get node node-2 -o jsonpath='[{.spec.podCIDR}]{"\\n"}'
                kubectl get events
                kubectl get node node-1 -o yaml
                """);
        assertEquals("""
                node/node-1 created
                10.244.1.0/24 ["10.244.1.0/24"]
                node/node-2 created
                []
                LAST SEEN   TYPE      REASON             OBJECT        MESSAGE
                4s          Warning   CIDRNotAvailable   node/node-2   Node node-2 status is now: CIDRNotAvailable
                apiVersion: v1
                kind: Node
                metadata:
                  creationTimestamp: "2026-01-01T00:00:04Z"
                  name: node-1
                spec:
                  podCIDR: 10.244.1.0/24
                  podCIDRs:
                  - 10.244.1.0/24
                """, out);
    }
}
