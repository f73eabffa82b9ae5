package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cidrstudio.model.field.ErrorList;
import dev.cidrstudio.model.hosts.HostAlias;
import dev.cidrstudio.model.hosts.HostAliasValidation;
import dev.cidrstudio.model.hosts.HostsFile;
import dev.cidrstudio.model.hosts.PodHostsInput;
import dev.cidrstudio.testutil.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every vector of vectors/hosts.json: the kubelet's hosts file byte for byte, and hostAliases validation. */
class HostsVectorsTest {

    static List<HostAlias> aliases(JsonNode array) {
        List<HostAlias> out = new ArrayList<>();
        array.forEach(a -> out.add(new HostAlias(a.get("ip").asText(), Vectors.strings(a.get("hostnames")))));
        return out;
    }

    static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    @TestFactory
    Stream<DynamicTest> everyVector() {
        List<JsonNode> vectors = Vectors.load("hosts.json");
        assertEquals(27, vectors.size());
        return vectors.stream().map(v -> dynamicTest(v.get("name").asText(), () -> run(v)));
    }

    private static void run(JsonNode v) {
        JsonNode in = v.get("input");
        switch (in.get("function").asText()) {
            case "managedHostsFileContent" -> assertEquals(v.get("expected").asText(),
                    HostsFile.managed(Vectors.strings(in.get("hostIPs")), in.get("hostName").asText(),
                            in.get("hostDomainName").asText(), aliases(in.get("hostAliases"))));
            case "nodeHostsFileContent" -> assertEquals(v.get("expected").asText(),
                    HostsFile.hostNetwork(in.get("nodeHostsFile").asText(), aliases(in.get("hostAliases"))));
            case "pod" -> {
                JsonNode p = in.get("pod");
                PodHostsInput pod = new PodHostsInput(p.get("name").asText(), text(p.get("namespace")),
                        text(p.get("hostname")), text(p.get("subdomain")), text(p.get("hostnameOverride")),
                        p.path("hostNetwork").asBoolean(false), p.has("hostAliases") ? aliases(p.get("hostAliases"))
                                : List.of());
                String file = HostsFile.forPod(pod, Vectors.strings(in.get("criPodIPs")),
                        in.get("clusterDomain").asText(), text(in.get("nodeEtcHosts")),
                        in.path("hostnameOverrideGate").asBoolean(false)).orElseThrow();
                assertEquals(v.get("expected").asText(), file);
            }
            case "ValidateHostAliases" -> {
                var errs = HostAliasValidation.validate(aliases(in.get("hostAliases")), "spec.hostAliases",
                        in.get("strictIPCIDRValidation").asBoolean());
                JsonNode expected = v.get("expected");
                assertEquals(expected.get("valid").asBoolean(), errs.isEmpty(), errs.toString());
                if (!errs.isEmpty()) {
                    assertEquals(expected.get("error").asText(),
                            "Pod \"" + in.get("podName").asText() + "\" is invalid: " + ErrorList.aggregate(errs));
                }
            }
            default -> throw new AssertionError("unknown vector function " + in.get("function"));
        }
    }

    @Test
    void aPodNetworkPodWithoutAnIpGetsNoManagedFile() {
        PodHostsInput pod = new PodHostsInput("p", "default", null, null, null, false, List.of());
        assertTrue(HostsFile.forPod(pod, List.of(), "cluster.local", null, false).isEmpty());
    }

    @Test
    void hostnameOverrideWinsWhenTheGateIsOnAndDropsTheDomain() {
        PodHostsInput pod = new PodHostsInput("busybox-2", "default", "foo", "bar",
                "busybox-2.busybox.example.domain", false, List.of());
        String file = HostsFile.forPod(pod, List.of("10.0.0.7"), "cluster.local", null, true).orElseThrow();
        assertTrue(file.endsWith("\n10.0.0.7\tbusybox-2.busybox.example.domain\n"), file);
    }

    @Test
    void strictValidationRefusesLeadingZerosThatTheLegacyCheckAccepts() {
        List<HostAlias> a = List.of(new HostAlias("010.1.2.3", List.of("a")));
        assertTrue(HostAliasValidation.validate(a, "spec.hostAliases", false).isEmpty());
        assertEquals("spec.hostAliases[0].ip: Invalid value: \"010.1.2.3\": must not have leading 0s",
                ErrorList.aggregate(HostAliasValidation.validate(a, "spec.hostAliases", true)));
    }
}
