package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code cidrstudio check} on a plan: the address-plan check's warnings, at the plan's lines. */
class CheckAddressPlanCliTest {

    @Test
    void overlapsAreWarningsAtTheirLineAndLeaveTheExitCode() {
        CliTest.Run r = CliTest.cli("""
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: c}
                spec:
                  serviceClusterIPRange: 10.96.0.0/16
                  clusterCIDR: 10.244.0.0/16
                  clusterDNS: none
                  nodes: []
                  networks:
                  - {name: office, cidr: 10.244.128.0/17, kind: OnPremises}
                """, "check", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("STDIN:6: warning: address plan: Pod range 10.244.0.0/16 (clusterCIDR) contains network "
                + "10.244.128.0/17 (OnPremises office): the cluster cannot reach the on-premises hosts in that "
                + "range: their traffic stays inside the cluster\n", r.out());
    }

    @Test
    void manifestsWithoutAClusterDocumentAreNotAPlan() {
        CliTest.Run r = CliTest.cli("""
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata: {name: docker}
                spec: {cidrs: [172.17.0.0/24]}
                """, "check", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
    }
}
