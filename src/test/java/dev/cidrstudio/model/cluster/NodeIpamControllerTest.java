package dev.cidrstudio.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.KeptObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.pod.PodRuntime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * kube-controller-manager's node IPAM in the simulated control plane: the plan's Nodes and the Node objects get
 * their pod CIDRs from the range allocator, a deleted Node's blocks come back, exhaustion is an event, and the
 * Node's update rules keep pod CIDRs once set.
 */
class NodeIpamControllerTest {

    private static ClusterSettings settings(String clusterCidr, String serviceRange, List<String> nodes) {
        ClusterSettings d = ClusterSettings.defaults();
        return new ClusterSettings(d.name(), d.kubernetesVersion(), serviceRange, clusterCidr, 24, 64,
                d.clusterDomain(), nodes, d.clusterDNS(), d.randomSeed());
    }

    static KeptObject node(String name, String... podCidrs) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("apiVersion", "v1");
        content.put("kind", "Node");
        content.put("metadata", Map.of("name", name));
        if (podCidrs.length > 0) {
            content.put("spec", Map.of("podCIDR", podCidrs[0], "podCIDRs", List.of(podCidrs)));
        }
        return new KeptObject("v1", "Node", null, name, content);
    }

    private static Optional<KeptObject> kept(ApiServer api, String name) {
        return api.state().kept().stream().filter(k -> k.kind().equals("Node") && k.name().equals(name))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(ApiServer api, String name) {
        return (Map<String, Object>) kept(api, name).orElseThrow().content().get("spec");
    }

    private static List<Event> cidrEvents(ApiServer api) {
        return api.<Event>list(Kind.EVENT, null).stream().filter(e -> e.reason().equals("CIDRNotAvailable"))
                .toList();
    }

    @Test
    void thePlansNodesGetBlocksInOrder() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/16,fd00:10:244::/56", "10.96.0.0/12",
                List.of("cp", "worker0", "worker1")));
        assertEquals(List.of("10.244.0.0/24", "fd00:10:244::/64"), api.nodePodCidrs("cp"));
        assertEquals(List.of("10.244.1.0/24", "fd00:10:244:1::/64"), api.nodePodCidrs("worker0"));
        assertEquals(List.of("10.244.2.0/24", "fd00:10:244:2::/64"), api.nodePodCidrs("worker1"));
        assertEquals(Optional.empty(), api.nodeIpamError());
    }

    /** filterOutServiceRange: the Service range's blocks are never handed to a Node, and Pods follow the block. */
    @Test
    void aServiceRangeInsideTheClusterCidrIsFilteredOut() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.0.0.0/16", "10.0.0.0/23", List.of("worker0")));
        assertEquals(List.of("10.0.2.0/24"), api.nodePodCidrs("worker0"));
        Map<String, Object> pod = PodRuntime.start(Map.of("apiVersion", "v1", "kind", "Pod", "metadata",
                Map.of("name", "p"), "spec", Map.of("containers", List.of(Map.of("name", "c", "image", "nginx")))),
                "default", api.state(), List.of(), api.now());
        assertEquals("10.0.2.2", ((Map<?, ?>) pod.get("status")).get("podIP"));
    }

    @Test
    void aNodeObjectWithoutPodCidrsGetsTheNextBlockWrittenToItsSpec() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/16", "10.96.0.0/12", List.of("worker0")));
        api.keep(node("taken", "10.244.1.0/24"));
        api.keep(node("fresh"));
        assertEquals("10.244.2.0/24", spec(api, "fresh").get("podCIDR"));
        assertEquals(List.of("10.244.2.0/24"), spec(api, "fresh").get("podCIDRs"));
        assertEquals(List.of("10.244.2.0/24"), api.nodePodCidrs("fresh"));
        assertEquals(List.of("10.244.1.0/24"), spec(api, "taken").get("podCIDRs"));
    }

    /** Round-robin: a freed block is handed out again only after the allocator has gone round. */
    @Test
    void aDeletedNodesBlockIsReleasedAndComesBackInTurn() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/22", "10.96.0.0/12", List.of("worker0")));
        api.keep(node("a"));
        api.keep(node("b"));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("a"));
        api.removeKept(kept(api, "a").orElseThrow().key());
        api.keep(node("c"));
        assertEquals(List.of("10.244.3.0/24"), api.nodePodCidrs("c"));
        api.keep(node("d"));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("d"), "the released block, after going round");
    }

    @Test
    void exhaustionIsAnEventOnTheNodeAndTheNodeGetsABlockOnceOneIsFree() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/23", "10.96.0.0/12", List.of("worker0")));
        api.keep(node("a"));
        api.keep(node("b"));
        assertEquals(List.of(), api.nodePodCidrs("b"));
        assertTrue(kept(api, "b").orElseThrow().content().get("spec") == null, "no podCIDRs written");
        List<Event> events = cidrEvents(api);
        assertEquals(1, events.size());
        Event e = events.get(0);
        assertEquals("Warning", e.type());
        assertEquals("Node b status is now: CIDRNotAvailable", e.message());
        assertEquals("cidrAllocator", e.sourceComponent());
        assertEquals("Node", e.involvedObject().kind());
        assertEquals("b", e.involvedObject().name());
        assertEquals("default", e.namespace());
        // The work queue retries with back-off (5 ms, doubling): within a second at 5, 15, 35, 75, 155, 315 and
        // 635 ms, each failing again, so the same event counts 8.
        api.advanceClock(Duration.ofSeconds(1));
        assertEquals(8, cidrEvents(api).get(0).count(), "retried with back-off");
        assertEquals(1, cidrEvents(api).size());
        api.removeKept(kept(api, "a").orElseThrow().key());
        assertEquals(List.of(), api.nodePodCidrs("b"), "not before its retry is due");
        api.advanceClock(Duration.ofSeconds(2000));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("b"));
    }

    @Test
    void podCidrsCannotChangeOnceSet() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/16", "10.96.0.0/12", List.of("worker0")));
        api.keep(node("n"));
        KeptObject stored = kept(api, "n").orElseThrow();
        ApiException changed = assertThrows(ApiException.class, () -> api.validateKept(node("n", "10.244.9.0/24"),
                stored));
        assertEquals("Node \"n\" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR "
                + "except from \"\" to valid", changed.getMessage());
        ApiException dropped = assertThrows(ApiException.class, () -> api.validateKept(node("n", "10.244.1.0/24",
                "fd00::/64"), stored));
        assertEquals("Node \"n\" is invalid: spec.podCIDRs: Forbidden: node updates may not change podCIDR "
                + "except from \"\" to valid", dropped.getMessage());
        api.validateKept(node("n", "10.244.1.0/24"), stored);
        api.validateKept(node("m", "10.244.7.0/24"), node("m"));
    }

    @Test
    void flagsKubeControllerManagerRefusesLeaveNodesWithoutBlocks() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/25", "10.96.0.0/12", List.of("worker0")));
        assertEquals(Optional.of("Controller: Invalid --cluster-cidr, mask size of cluster CIDR must be less than or "
                + "equal to --node-cidr-mask-size configured for CIDR family"), api.nodeIpamError());
        assertEquals(List.of(), api.nodePodCidrs("worker0"));
        ApiServer v6 = ApiServer.bootstrap(settings("10.244.0.0/16,fd00:10:244::/47", "10.96.0.0/12",
                List.of("worker0")));
        assertEquals(Optional.of("New CIDR set failed; the node CIDR size is too big"), v6.nodeIpamError());
    }

    /** The allocator's state is part of the simulation: a rolled-back write gives its block back. */
    @Test
    void aRolledBackNodeLeavesNoBlockTaken() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/16", "10.96.0.0/12", List.of("worker0")));
        api.whatIf(() -> {
            api.keep(node("trial"));
            assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("trial"));
            return null;
        });
        api.keep(node("real"));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("real"));
    }

    /** A Node object that names a Node of the plan's list is that Node: its own pod CIDRs count. */
    @Test
    void aNodeObjectReplacesThePlanNodeOfItsName() throws Exception {
        ApiServer api = ApiServer.bootstrap(settings("10.244.0.0/22", "10.96.0.0/12", List.of("worker0",
                "worker1")));
        api.keep(node("worker0", "10.244.3.0/24"));
        assertEquals(List.of("10.244.3.0/24"), api.nodePodCidrs("worker0"));
        assertEquals(List.of("10.244.1.0/24"), api.nodePodCidrs("worker1"));
        api.keep(node("x"));
        assertEquals(List.of("10.244.2.0/24"), api.nodePodCidrs("x"));
        api.keep(node("y"));
        assertEquals(List.of("10.244.0.0/24"), api.nodePodCidrs("y"), "the plan Node's block was given back");
    }
}
