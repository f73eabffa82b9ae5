package dev.cidrstudio.model.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * vectors/nodeipam/flags.json: kube-controller-manager's node IPAM flags, from node_ipam_controller_test.go and
 * options_test.go where those tests cover them, else from the rule in core.go or cidr_set.go the vector names.
 */
class NodeIpamFlagsVectorsTest {

    @TestFactory
    Stream<DynamicTest> vectors() {
        List<JsonNode> vectors = Vectors.load("nodeipam/flags.json");
        assertFalse(vectors.isEmpty());
        return vectors.stream().map(v -> dynamicTest((v.get("goTest").isNull() ? "rule" : v.get("goTest").asText())
                + ": " + v.get("name").asText(), () -> run(v)));
    }

    private static void run(JsonNode v) throws NodeIpamException {
        JsonNode f = v.get("flags");
        var flags = new NodeIpamConfig.Flags(f.get("clusterCIDR").asText(), f.get("nodeCIDRMaskSize").asInt(),
                f.get("nodeCIDRMaskSizeIPv4").asInt(), f.get("nodeCIDRMaskSizeIPv6").asInt(),
                f.get("serviceClusterIPRange").asText());
        if (v.has("error")) {
            NodeIpamException e = assertThrows(NodeIpamException.class, () -> NodeIpamConfig.process(flags));
            assertEquals(v.get("error").asText(), e.getMessage());
            return;
        }
        NodeIpamConfig c = NodeIpamConfig.process(flags);
        JsonNode x = v.get("expect");
        assertEquals(Vectors.strings(x.get("clusterCIDRs")), c.clusterCidrs().stream().map(Cidr::toString).toList());
        List<Integer> masks = new ArrayList<>();
        x.get("nodeCIDRMaskSizes").forEach(m -> masks.add(m.asInt()));
        assertEquals(masks, c.nodeCidrMaskSizes());
        List<Long> max = new ArrayList<>();
        x.get("maxNodes").forEach(m -> max.add(m.asLong()));
        assertEquals(max, c.maxNodes());
    }
}
