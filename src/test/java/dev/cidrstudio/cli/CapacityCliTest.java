package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code cidrstudio capacity}: the prefixes with Used%, the threshold warning, and sizing for a target. */
class CapacityCliTest {

    private static final String PLAN = """
            apiVersion: cidrstudio.dev/v1alpha1
            kind: Cluster
            metadata: {name: small}
            spec:
              serviceClusterIPRange: 10.96.0.0/28
              clusterCIDR: 10.244.0.0/16
              clusterDNS: none
            """ + "---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"
            + services();

    private static String services() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append("}\nspec: {ports: [{port: 80}]}\n");
        }
        return sb.toString();
    }

    @Test
    void printsThePrefixesAndWarnsOverTheMark() {
        CliTest.Run r = CliTest.cli(PLAN, "capacity", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                SERVICECIDR   CIDR           STATUS   TOTAL   USABLE   ALLOCATED   FREE   USED
                kubernetes    10.96.0.0/28   Ready    16      14       12          2      85.7%
                warning: ServiceCIDR kubernetes 10.96.0.0/28 is 85.7% allocated (2 free), over the 80% mark: see \
                Capacity for a prefix to add

                Nodes and Pods (range allocator, host-local IPAM, maxPods 110):
                FAMILY   CLUSTER CIDR    NODE MASK   MAX NODES   USED   FREE   PODS/NODE   MAX PODS
                IPv4     10.244.0.0/16   /24         256         1      255    110         28,160
                """, r.out());
    }

    @Test
    void aTargetThePlanCannotMeetExitsOneWithCandidates() {
        CliTest.Run r = CliTest.cli(PLAN, "capacity", "-", "--add", "100", "--headroom", "50");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\nIPv4: 12 in use, 2 free. Target: room for 100 more and 50% growth (6 more): 106 more. "
                + "Short by 104: add a "
                + "ServiceCIDR of at least /25.\n  10.96.0.128/25\t126 usable\n  10.96.1.0/24\t254 usable\n"
                + "  10.96.2.0/23\t510 usable\n"), r.out());
        CliTest.Run fits = CliTest.cli(PLAN, "capacity", "-", "--headroom", "10");
        assertEquals(0, fits.code());
        assertTrue(fits.out().contains("IPv4: 12 in use, 2 free. Target: 10% growth (2 more). The plan has room"),
                fits.out());
    }

    private static final String NODES = """
            apiVersion: cidrstudio.dev/v1alpha1
            kind: Cluster
            metadata: {name: nodes}
            spec:
              serviceClusterIPRange: 10.96.0.0/16
              clusterCIDR: 10.244.0.0/22,fd00:10:244::/56
              nodeCIDRMaskSizeIPv4: 24
              nodeCIDRMaskSizeIPv6: 64
              clusterDNS: none
              nodes: [{name: worker0}, {name: worker1}]
            """;

    @Test
    void nodesAndPodsPerFamilyWithTheWhatIfAndTheSmallestFit() {
        CliTest.Run r = CliTest.cli(NODES, "capacity", "-", "--nodes", "6", "--pods-per-node", "110");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("""
                Nodes and Pods (range allocator, host-local IPAM, maxPods 110):
                FAMILY   CLUSTER CIDR       NODE MASK   MAX NODES   USED   FREE   PODS/NODE   MAX PODS
                IPv4     10.244.0.0/22      /24         4           2      2      110         440
                IPv6     fd00:10:244::/56   /64         256         2      254    110         28,160

                IPv4: +4 nodes: short by 2 blocks
                IPv6: +4 nodes: fits (250 blocks left)
                IPv4: target 6 nodes of 110 Pods: short by 2 node blocks. Smallest for 6 nodes of 110 Pods: cluster \
                /22 with node mask /25; with the plan's node mask /24: cluster /21.
                IPv6: target 6 nodes of 110 Pods: fits (256 nodes of 110 Pods). Smallest for 6 nodes of 110 Pods: \
                cluster /118 with node mask /121; with the plan's node mask /64: cluster /61.
                """), r.out());
        CliTest.Run fits = CliTest.cli(NODES, "capacity", "-", "--nodes", "4");
        assertEquals(0, fits.code(), fits.out());
        assertTrue(fits.out().contains("IPv4: target 4 nodes: fits (4 nodes of 110 Pods). Smallest for 4 nodes of 110 "
                + "Pods: cluster /23 with node mask /25; with the plan's node mask /24: cluster /22."), fits.out());
    }

    @Test
    void podsAboveWhatTheBlockHoldsFallShort() {
        String plan = NODES.replace("nodeCIDRMaskSizeIPv4: 24", "nodeCIDRMaskSizeIPv4: 26")
                .replace("10.244.0.0/22,fd00:10:244::/56", "10.244.0.0/16");
        CliTest.Run r = CliTest.cli(plan, "capacity", "-", "--pods-per-node", "100");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("note: IPv4 10.244.0.0/16: a /26 block gives host-local 61 Pod addresses, "
                + "fewer than maxPods 110: the block, not maxPods, limits Pods per node\n"), r.out());
        assertTrue(r.out().contains("IPv4: target 100 Pods per node: 61 Pods per node (the /26 block's "
                + "addresses). Smallest for 2 nodes of 100 Pods: cluster /24 with node mask /25."), r.out());
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(2, CliTest.cli(PLAN, "capacity", "-", "--add", "-3").code());
        assertEquals(2, CliTest.cli(PLAN, "capacity", "-", "--nodes", "-1").code());
        assertEquals(2, CliTest.cli("kind: [", "capacity", "-").code());
    }
}
