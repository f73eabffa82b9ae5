package dev.cidrstudio.model.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * vectors/nodeipam/range-allocator.json: the cases of range_allocator_test.go. Each creates the allocator (with the
 * Nodes it lists at start, the Service range filtered out), occupies blocks directly as the Go tests do, then runs
 * AllocateOrOccupyCIDR and ReleaseCIDR for Nodes and checks the blocks, errors and event.
 */
class RangeAllocatorVectorsTest {

    @TestFactory
    Stream<DynamicTest> vectors() {
        List<JsonNode> vectors = Vectors.load("nodeipam/range-allocator.json");
        assertFalse(vectors.isEmpty());
        return vectors.stream().map(v -> dynamicTest(v.get("goTest").asText() + ": " + v.get("name").asText(),
                () -> run(v)));
    }

    private static List<String> strings(JsonNode n) {
        return Vectors.strings(n);
    }

    private static List<RangeAllocator.NodeCidrs> nodes(JsonNode n) {
        List<RangeAllocator.NodeCidrs> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(x -> out.add(new RangeAllocator.NodeCidrs(x.get("name").asText(), strings(x.get("podCIDRs")))));
        }
        return out;
    }

    private static void run(JsonNode v) throws NodeIpamException {
        List<Cidr> clusters = strings(v.get("clusterCIDRs")).stream().map(CidrSetVectorsTest::cidr).toList();
        List<Integer> masks = new ArrayList<>();
        v.get("nodeCIDRMaskSizes").forEach(m -> masks.add(m.asInt()));
        Optional<Cidr> service = v.has("serviceCIDR") ? Optional.of(CidrSetVectorsTest.cidr(v.get("serviceCIDR")
                .asText())) : Optional.empty();
        NodeIpamConfig config = new NodeIpamConfig(clusters, masks, service, Optional.empty());
        List<RangeAllocator.NodeCidrs> existing = nodes(v.get("existingNodes"));
        JsonNode createError = v.get("createError");
        if (createError != null && createError.isTextual()) {
            NodeIpamException e = assertThrows(NodeIpamException.class, () -> RangeAllocator.create(config,
                    existing));
            assertEquals(createError.asText(), e.getMessage());
            return;
        }
        RangeAllocator allocator = RangeAllocator.create(config, existing);
        if (v.has("preOccupied")) {
            var it = v.get("preOccupied").fields();
            while (it.hasNext()) {
                var e = it.next();
                for (String c : strings(e.getValue())) {
                    allocator.cidrSet(Integer.parseInt(e.getKey())).occupy(CidrSetVectorsTest.cidr(c));
                }
            }
        }
        if (!v.has("steps")) {
            return;
        }
        for (JsonNode step : v.get("steps")) {
            var node = new RangeAllocator.NodeCidrs(step.get("node").asText(), strings(step.get("podCIDRs")));
            switch (step.get("op").asText()) {
                case "allocateOrOccupy" -> {
                    RangeAllocator.Outcome out = allocator.allocateOrOccupyCidr(node);
                    if (step.has("error")) {
                        var na = assertInstanceOf(RangeAllocator.Outcome.NotAvailable.class, out);
                        assertEquals(step.get("error").asText(), na.error());
                        if (step.has("event")) {
                            JsonNode ev = step.get("event");
                            assertEquals("Warning", ev.get("type").asText());
                            assertEquals(ev.get("reason").asText(), RangeAllocator.CIDR_NOT_AVAILABLE);
                            assertEquals(ev.get("message").asText(), RangeAllocator.statusChangeMessage(node.name(),
                                    RangeAllocator.CIDR_NOT_AVAILABLE));
                        }
                    } else if (step.path("occupied").asBoolean(false)) {
                        assertInstanceOf(RangeAllocator.Outcome.Occupied.class, out);
                    } else {
                        var a = assertInstanceOf(RangeAllocator.Outcome.Allocated.class, out);
                        if (step.has("expect")) {
                            assertEquals(strings(step.get("expect")), a.strings());
                        }
                        if (step.has("allocatedCount")) {
                            assertEquals(step.get("allocatedCount").asInt(), a.cidrs().size());
                            for (int i = 0; i < a.cidrs().size(); i++) {
                                assertEquals(masks.get(i), a.cidrs().get(i).prefixLength());
                                assertEquals(clusters.get(i).family(), a.cidrs().get(i).family());
                            }
                        }
                    }
                }
                case "release" -> allocator.releaseCidr(node);
                default -> throw new AssertionError(step.toString());
            }
        }
    }
}
