package dev.cidrstudio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.io.manifest.GoJson;
import dev.cidrstudio.io.manifest.GoYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoYamlTest {

    /** The ServiceCIDR of the "Extend Service IP Ranges" page, byte for byte as kubectl printed it there. */
    @Test
    void printsTheDocsPageServiceCidrExactly() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uid", "5ffd8afe-c78f-4e60-ae76-cec448a8af40");
        meta.put("name", "newcidr1");
        meta.put("resourceVersion", "1133");
        meta.put("finalizers", List.of("networking.k8s.io/service-cidr-finalizer"));
        meta.put("deletionTimestamp", "2023-10-12T15:12:45Z");
        meta.put("deletionGracePeriodSeconds", 0);
        meta.put("creationTimestamp", "2023-10-12T15:11:07Z");
        Map<String, Object> cond = new LinkedHashMap<>();
        cond.put("type", "Ready");
        cond.put("status", "False");
        cond.put("reason", "OrphanIPAddress");
        cond.put("message", "There are still IPAddresses referencing the ServiceCIDR, please remove them or create "
                + "a new ServiceCIDR");
        cond.put("lastTransitionTime", "2023-10-12T15:12:45Z");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", Map.of("conditions", List.of(cond)));
        doc.put("spec", Map.of("cidrs", List.of("10.96.0.0/24")));
        doc.put("metadata", meta);
        doc.put("kind", "ServiceCIDR");
        doc.put("apiVersion", "networking.k8s.io/v1");
        String expected = """
                apiVersion: networking.k8s.io/v1
                kind: ServiceCIDR
                metadata:
                  creationTimestamp: "2023-10-12T15:11:07Z"
                  deletionGracePeriodSeconds: 0
                  deletionTimestamp: "2023-10-12T15:12:45Z"
                  finalizers:
                  - networking.k8s.io/service-cidr-finalizer
                  name: newcidr1
                  resourceVersion: "1133"
                  uid: 5ffd8afe-c78f-4e60-ae76-cec448a8af40
                spec:
                  cidrs:
                  - 10.96.0.0/24
                status:
                  conditions:
                  - lastTransitionTime: "2023-10-12T15:12:45Z"
                    message: There are still IPAddresses referencing the ServiceCIDR, please remove
                      them or create a new ServiceCIDR
                    reason: OrphanIPAddress
                    status: "False"
                    type: Ready
                """;
        assertEquals(expected, GoYaml.marshal(doc));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "plain|plain",
        "'true'|\"true\"",
        "'yes'|\"yes\"",
        "'1133'|\"1133\"",
        "'1.34'|\"1.34\"",
        "'0x1F'|\"0x1F\"",
        "''|\"\"",
        "'null'|\"null\"",
        "'*'|'''*'''",
        "'- x'|'''- x'''",
        "'a: b'|'''a: b'''",
        "'a #b'|'''a #b'''",
        "10.96.0.0/12|10.96.0.0/12",
        "fd00::/108|fd00::/108",
        "'::1'|::1",
        "'2026-01-01'|\"2026-01-01\"",
        "'1:20'|\"1:20\"",
        "'a\tb'|\"a\\tb\""
    })
    void quotesScalarsAsGoYamlDoes(String in, String out) {
        assertEquals("k: " + out + "\n", GoYaml.marshal(Map.of("k", in)));
    }

    @Test
    void writesMultiLineStringsAsLiteralBlocks() {
        assertEquals("a:\n  b: |\n    {\"x\":1}\n", GoYaml.marshal(Map.of("a", Map.of("b", "{\"x\":1}\n"))));
        assertEquals("a: |-\n  one\n  two\n", GoYaml.marshal(Map.of("a", "one\ntwo")));
    }

    @Test
    void writesEmptyCollectionsInFlowStyle() {
        assertEquals("a: {}\nb: []\n", GoYaml.marshal(new java.util.TreeMap<>(Map.of("a", Map.of(), "b", List.of()))));
    }

    @Test
    void sortsKeysLikeYamlV2() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a10", 1);
        m.put("a9", 1);
        m.put("B", 1);
        m.put("a", 1);
        assertEquals("B: 1\na: 1\na9: 1\na10: 1\n", GoYaml.marshal(m));
    }

    @Test
    void jsonEscapesHtmlAndIndentsWithFourSpaces() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1, "x<y"));
        m.put("a", Map.of());
        assertEquals("{\n    \"a\": {},\n    \"b\": [\n        1,\n        \"x\\u003cy\"\n    ]\n}\n", GoJson.indent(m));
    }
}
