package dev.cidrstudio.model.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * vectors/nodeipam/cidrset.json: the cases of kube-controller-manager's cidr_set_test.go, each a cluster CIDR, a
 * node mask size and a sequence of operations on the set with what each must answer.
 */
class CidrSetVectorsTest {

    static Cidr cidr(String text) {
        return IpParsing.parseCidrSloppy(text).orElseThrow().masked();
    }

    @TestFactory
    Stream<DynamicTest> vectors() {
        List<JsonNode> vectors = Vectors.load("nodeipam/cidrset.json");
        assertFalse(vectors.isEmpty());
        return vectors.stream().map(v -> dynamicTest(v.get("goTest").asText() + ": " + v.get("name").asText(),
                () -> run(v)));
    }

    private static void run(JsonNode v) throws NodeIpamException {
        Cidr cluster = cidr(v.get("clusterCIDR").asText());
        int mask = v.get("nodeMaskSize").asInt();
        if (v.has("newError")) {
            NodeIpamException e = assertThrows(NodeIpamException.class, () -> CidrSet.newCidrSet(cluster, mask));
            assertEquals(v.get("newError").asText(), e.getMessage());
            return;
        }
        CidrSet set = CidrSet.newCidrSet(cluster, mask);
        Map<String, List<Cidr>> saved = new HashMap<>();
        for (JsonNode step : v.get("steps")) {
            String op = step.get("op").asText();
            switch (op) {
                case "allocateNext" -> {
                    if (step.has("error")) {
                        NodeIpamException e = assertThrows(NodeIpamException.class, set::allocateNext);
                        assertEquals(step.get("error").asText(), e.getMessage());
                    } else {
                        assertEquals(step.get("expect").asText(), set.allocateNext().toString());
                    }
                }
                case "allocateMany" -> {
                    List<Cidr> got = new ArrayList<>();
                    for (int i = 0; i < step.get("count").asInt(); i++) {
                        got.add(set.allocateNext());
                    }
                    if (step.has("save")) {
                        saved.put(step.get("save").asText(), got);
                    }
                }
                case "release" -> set.release(cidr(step.get("cidr").asText()));
                case "occupy" -> set.occupy(cidr(step.get("cidr").asText()));
                case "releaseSaved", "occupySaved" -> {
                    List<Cidr> list = saved.get(step.get("saved").asText());
                    for (Cidr c : list.subList(step.get("from").asInt(), step.get("to").asInt())) {
                        if (op.equals("releaseSaved")) {
                            set.release(c);
                        } else {
                            set.occupy(c);
                        }
                    }
                }
                case "sameSaved" -> {
                    List<Cidr> a = saved.get(step.get("saved").get(0).asText());
                    List<Cidr> b = saved.get(step.get("saved").get(1).asText());
                    if (step.has("from")) {
                        a = a.subList(step.get("from").asInt(), step.get("to").asInt());
                    }
                    assertEquals(a, b);
                }
                case "indexToCIDRBlock" -> assertEquals(step.get("expect").asText(),
                        set.indexToCidrBlock(step.get("index").asLong()).toString());
                case "getIndexForCIDR" -> {
                    Cidr c = cidr(step.get("cidr").asText());
                    if (step.has("error")) {
                        NodeIpamException e = assertThrows(NodeIpamException.class,
                                () -> set.getIndexForIp(c.network()));
                        assertEquals(step.get("error").asText(), e.getMessage());
                    } else {
                        assertEquals(step.get("expect").asInt(), set.getIndexForIp(c.network()));
                    }
                }
                default -> throw new AssertionError("unknown op " + op);
            }
            if (step.has("allocated")) {
                assertEquals(step.get("allocated").asInt(), set.allocatedCidrs(), op);
            }
            if (step.has("used")) {
                long begin = step.get("used").get(0).asLong();
                long end = step.get("used").get(1).asLong();
                for (long i = Math.max(0, begin - 2); i <= end + 2 && i < set.maxCidrs(); i++) {
                    assertEquals(i >= begin && i <= end, set.isUsed(i), "bit " + i);
                }
                assertTrue(set.allocatedCidrs() == end - begin + 1);
            }
        }
    }
}
