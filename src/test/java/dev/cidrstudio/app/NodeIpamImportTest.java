package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Imported Nodes meet kube-controller-manager's range allocator as a real cluster's would: the ones that carry pod
 * CIDRs keep them (their blocks are taken), the others get the next free blocks, in the order they came.
 */
class NodeIpamImportTest {

    @Test
    void importedNodesWithoutPodCidrsGetTheNextBlocks() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults());
        String text = """
                apiVersion: v1
                kind: Node
                metadata: {name: old}
                spec: {podCIDR: 10.244.1.0/24, podCIDRs: [10.244.1.0/24]}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: new-a}
                ---
                apiVersion: v1
                kind: Node
                metadata: {name: new-b}
                """;
        ManifestImport.apply(api, ManifestImport.decode(List.of(new ManifestImport.Source("nodes.yaml", text))));
        assertEquals(List.of("10.244.0.0/24"), api.nodePodCidrs("worker0"));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("old"));
        assertEquals(List.of("10.244.2.0/24"), api.nodePodCidrs("new-a"));
        assertEquals(List.of("10.244.3.0/24"), api.nodePodCidrs("new-b"));
    }
}
