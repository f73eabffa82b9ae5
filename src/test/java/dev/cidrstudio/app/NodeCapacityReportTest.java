package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.nodeipam.NodeCapacity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's node and Pod capacity: blocks of the plan's nodes and Node objects, the Service range, a target. */
class NodeCapacityReportTest {

    private static NodeCapacityReport.Report report(String plan) throws Exception {
        return NodeCapacityReport.of(PlanLoader.load("plan.yaml", plan).api().state(), 110);
    }

    @Test
    void countsTheBlocksOfThePlanNodesAndOfNodeObjects() throws Exception {
        NodeCapacityReport.Report r = report("""
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: c}
                spec:
                  serviceClusterIPRange: 10.244.3.0/24
                  clusterCIDR: 10.244.0.0/22
                  clusterDNS: none
                  nodes: [{name: worker0}]
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: old}
                spec: {podCIDR: 10.244.2.0/24, podCIDRs: [10.244.2.0/24]}
                """);
        assertEquals(null, r.error());
        assertEquals(2, r.nodes());
        NodeCapacity.Family f = r.families().get(0);
        // 4 blocks, one the Service range's, one worker0's (10.244.0.0/24), one the Node object's.
        assertEquals(List.of(4L, 1L, 3L, 2L, 1L, 0L), List.of(f.blocks(), f.serviceBlocks(), f.maxNodes(),
                f.usedBlocks(), f.freeBlocks(), f.waitingNodes()));
        assertEquals(List.of("IPv4: +1 nodes: fits (0 blocks left)"), NodeCapacityReport.whatIfMoreNodes(r, 1));
        assertEquals(List.of("IPv4: +2 nodes: short by 1 blocks"), NodeCapacityReport.whatIfMoreNodes(r, 2));
        assertTrue(NodeCapacityReport.fits(r, new NodeCapacityReport.Target(3, 110)));
        assertFalse(NodeCapacityReport.fits(r, new NodeCapacityReport.Target(4, 110)));
        assertFalse(NodeCapacityReport.fits(r, new NodeCapacityReport.Target(1, 111)));
        assertEquals(List.of("IPv4 10.244.0.0/22: 1 of 4 node blocks overlap the Service range and are never handed "
                + "out"), NodeCapacityReport.notes(r));
    }

    @Test
    void nodesWithoutABlockWaitAndCountAgainstTheWhatIf() throws Exception {
        NodeCapacityReport.Report r = report("""
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: c}
                spec:
                  clusterCIDR: 10.244.0.0/24
                  clusterDNS: none
                  nodes: [{name: a}, {name: b}, {name: c}]
                """);
        NodeCapacity.Family f = r.families().get(0);
        assertEquals(List.of(1L, 1L, 0L, 2L), List.of(f.maxNodes(), f.usedBlocks(), f.freeBlocks(),
                f.waitingNodes()));
        assertEquals(List.of("IPv4: +1 nodes: short by 3 blocks"), NodeCapacityReport.whatIfMoreNodes(r, 1));
        assertTrue(NodeCapacityReport.notes(r).contains("IPv4 10.244.0.0/24: 2 node(s) have no block"));
    }
}
