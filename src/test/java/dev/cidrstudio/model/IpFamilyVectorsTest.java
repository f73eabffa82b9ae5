package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cidrstudio.io.manifest.ManifestDecoder;
import dev.cidrstudio.io.yaml.YamlReader;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiException;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.net.IpFamily;
import dev.cidrstudio.model.net.IpParsing;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every vector of vectors/ipfamily.json, run through the simulated apiserver's create and update. */
class IpFamilyVectorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ApiServer cluster(List<String> families) throws Exception {
        List<String> ranges = new ArrayList<>();
        for (String f : families) {
            ranges.add("IPv4".equals(f) ? "10.0.0.0/16" : "2000::/108");
        }
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults()
                .withServiceClusterIPRange(String.join(",", ranges)).withClusterDNS("none")
                // The vectors' messages print values with Go's %#v, as 1.33 does.
                .withKubernetesVersion(dev.cidrstudio.model.cluster.KubeVersion.V1_33));
        // The vectors come from REST tests that have no kubernetes.default holding .1.
        api.delete(Kind.SERVICE, "default", "kubernetes");
        return api;
    }

    static Service service(JsonNode svc) throws Exception {
        ObjectNode spec = svc.deepCopy();
        spec.remove("name");
        ObjectNode doc = JSON.createObjectNode();
        doc.put("apiVersion", "v1");
        doc.put("kind", "Service");
        doc.putObject("metadata").put("name", svc.get("name").asText()).put("namespace", "default");
        doc.set("spec", spec);
        String text = JSON.writeValueAsString(doc);
        var root = new YamlReader().read("vector", text).get(0).root();
        return (Service) ManifestDecoder.decodeObject("vector", (dev.cidrstudio.io.yaml.PNode.PMap) root,
                Kind.SERVICE);
    }

    private static void check(JsonNode expected, Service s) {
        assertEquals(expected.get("ipFamilyPolicy").isNull() ? null : expected.get("ipFamilyPolicy").asText(),
                s.spec().ipFamilyPolicy());
        if (expected.get("ipFamilies").isNull()) {
            assertTrue(s.spec().ipFamiliesOrEmpty().isEmpty());
        } else {
            assertEquals(Vectors.strings(expected.get("ipFamilies")), s.spec().ipFamilies());
        }
        List<String> want = Vectors.strings(expected.get("clusterIPs"));
        List<String> got = s.spec().clusterIPsOrEmpty();
        assertEquals(want.size(), got.size(), "clusterIPs " + got);
        for (int i = 0; i < want.size(); i++) {
            matches(want.get(i), got.get(i));
        }
        String wantIp = expected.get("clusterIP").asText();
        if (wantIp.isEmpty()) {
            assertTrue(s.spec().clusterIP() == null || s.spec().clusterIP().isEmpty());
        } else {
            matches(wantIp, s.spec().clusterIP());
        }
    }

    private static void matches(String want, String got) {
        if (want.startsWith("<allocated:")) {
            IpFamily f = IpFamily.fromName(want.substring(11, want.length() - 1));
            assertEquals(f, IpParsing.parseIpSloppy(got).orElseThrow().family(), got);
        } else {
            assertEquals(want, got);
        }
    }

    @TestFactory
    Stream<DynamicTest> vectors() {
        return Vectors.load("ipfamily.json").stream().map(v -> dynamicTest(v.get("name").asText(), () -> {
            JsonNode in = v.get("input");
            ApiServer api = cluster(Vectors.strings(in.get("clusterServiceFamilies")));
            JsonNode expected = v.get("expected");
            try {
                KubeObject result;
                if ("update".equals(in.get("operation").asText())) {
                    api.restoreObject(service(in.get("existing")), true);
                    result = api.update(service(in.get("service")));
                } else {
                    result = api.create(service(in.get("service")));
                }
                if (expected.has("error")) {
                    fail("expected error " + expected.get("error").asText() + " but got " + result);
                }
                check(expected, (Service) result);
                Service s = (Service) result;
                for (String ip : s.spec().clusterIPsOrEmpty()) {
                    if (!"None".equals(ip)) {
                        assertTrue(api.find(Kind.IP_ADDRESS, null, IpParsing.parseIpSloppy(ip).orElseThrow()
                                .toString()).isPresent(), "IPAddress for " + ip);
                    }
                }
                assertEquals(s.spec().clusterIPsOrEmpty().stream().filter(ip -> !"None".equals(ip)).count(),
                        api.list(Kind.IP_ADDRESS, null).size(), "IPAddress objects held");
            } catch (ApiException e) {
                if (!expected.has("error")) {
                    fail("unexpected error: " + e.getMessage());
                }
                assertEquals(expected.get("error").asText(), e.status().message());
            }
        }));
    }
}
