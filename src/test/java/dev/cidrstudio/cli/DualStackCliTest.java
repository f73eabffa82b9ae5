package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code cidrstudio dualstack}: the page's checks, passing on a dual-stack plan and failing with the reason. */
class DualStackCliTest {

    @Test
    void aHalfDualStackPlanFailsWhereThePageWouldNotice() {
        String plan = """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: half}
                spec:
                  serviceClusterIPRange: 10.0.0.0/16,2001:db8:fd00::/108
                  clusterCIDR: 10.244.0.0/16
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: k8s-linuxpool1-34450317-0}
                spec:
                  podCIDRs: [10.244.1.0/24, 2001:db8::/64]
                status:
                  addresses:
                  - {type: Hostname, address: k8s-linuxpool1-34450317-0}
                  - {type: InternalIP, address: 10.0.0.5}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: pod01}
                spec: {containers: [{name: c, image: nginx}]}
                status:
                  podIPs: [{ip: 10.244.1.4}, {ip: "2001:db8::4"}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: my-service}
                spec:
                  ipFamilyPolicy: PreferDualStack
                  clusterIP: 10.0.216.242
                  ports: [{port: 80}]
                """;
        CliTest.Run r = CliTest.cli(plan, "dualstack", "-");
        assertEquals(1, r.code(), r.err());
        String out = r.out().replaceFirst("2001:db8:fd00::[0-9a-f:]+\n", "2001:db8:fd00::ALLOCATED\n");
        assertEquals("""
                PASS  Cluster service-cluster-ip-range: 10.0.0.0/16, 2001:db8:fd00::/108 (one IPv4, one IPv6)
                FAIL  Cluster cluster-cidr: 10.244.0.0/16: needs one IPv4 and one IPv6
                PASS  Node k8s-linuxpool1-34450317-0 spec.podCIDRs: 10.244.1.0/24, 2001:db8::/64 (one IPv4, one IPv6)
                FAIL  Node k8s-linuxpool1-34450317-0 InternalIP addresses: 10.0.0.5: needs one IPv4 and one IPv6
                PASS  Pod default/pod01 status.podIPs: 10.244.1.4, 2001:db8::4 (one IPv4, one IPv6)
                PASS  Service default/kubernetes: SingleStack IPv4 -> 10.0.0.1
                PASS  Service default/my-service: PreferDualStack IPv4,IPv6 -> 10.0.216.242, 2001:db8:fd00::ALLOCATED
                PASS  Service kube-system/kube-dns: SingleStack IPv4 -> 10.0.0.10
                """, out);
    }

    @Test
    void checkWithDualStackReportsTheFailingItemsAsErrors() {
        String plan = """
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: half}
                spec:
                  serviceClusterIPRange: 10.0.0.0/16,2001:db8:fd00::/108
                  clusterCIDR: 10.244.0.0/16
                """;
        CliTest.Run r = CliTest.cli(plan, "check", "--dual-stack", "-");
        assertEquals(1, r.code());
        assertEquals("STDIN: error: dual-stack: Cluster cluster-cidr: 10.244.0.0/16: needs one IPv4 and one IPv6\n"
                + "STDIN: error: dual-stack: Node worker0 spec.podCIDRs (allocated from cluster-cidr): 10.244.0.0/24: "
                + "needs one IPv4 and one IPv6\n", r.out());
        assertEquals(0, CliTest.cli(plan, "check", "-").code());
    }
}
