package dev.cidrstudio.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpParsing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The "Extend Service IP Ranges" docs page, run verbatim against a 10.96.0.0/28 cluster. */
class ConsoleReplayTest {

    static String resource(String path) throws IOException {
        try (InputStream in = ConsoleReplayTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ApiServer cluster28() throws Exception {
        return ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/28"));
    }

    /** Stdout and stderr merged in the order a terminal shows them. */
    static List<String> lines(List<ConsoleOutput> out) {
        StringBuilder sb = new StringBuilder();
        out.forEach(o -> sb.append(o.text()));
        return List.of(sb.toString().split("\n"));
    }

    @Test
    void extendServiceIpRangesPageReplaysAsTheDocsShow() throws Exception {
        ApiServer api = cluster28();
        Kubectl kubectl = new Kubectl(api, p -> {
            throw new IOException("no files");
        });
        ScriptRunner runner = new ScriptRunner(kubectl, p -> {
            throw new IOException("no files");
        });
        List<String> l = lines(runner.run(resource("/dev/cidrstudio/console/docs/extend-service-ip-ranges.sh")));
        int i = 0;
        assertEquals("NAME         CIDRS          AGE", l.get(i++));
        assertTrue(l.get(i++).matches("kubernetes   10\\.96\\.0\\.0/28   \\d+s"));
        assertEquals("NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE", l.get(i++));
        assertTrue(l.get(i++).matches("kubernetes   ClusterIP   10\\.96\\.0\\.1    <none>        443/TCP   \\d+s"));
        assertEquals("NAME        PARENTREF", l.get(i++));
        assertEquals("10.96.0.1   services/default/kubernetes", l.get(i++));
        // 12 Services fit: .2 to .14 without .1 (kubernetes) and .10 (kube-dns), each exactly once.
        Set<String> first = new HashSet<>();
        for (int k = 0; k < 12; k++) {
            first.add(l.get(i++));
        }
        Set<String> expected = new HashSet<>();
        for (int h = 2; h <= 14; h++) {
            if (h != 10) {
                expected.add("10.96.0." + h);
            }
        }
        assertEquals(expected, first);
        assertEquals("error: failed to create ClusterIP service: Internal error occurred: failed to allocate a "
                + "serviceIP: range is full", l.get(i++));
        assertEquals("servicecidr.networking.k8s.io/newcidr1 created", l.get(i++));
        IpAddress low = IpParsing.parseIp("10.96.0.17").orElseThrow();
        IpAddress high = IpParsing.parseIp("10.96.0.254").orElseThrow();
        for (int k = 0; k < 4; k++) {
            IpAddress ip = IpParsing.parseIp(l.get(i++)).orElseThrow();
            assertTrue(ip.compareTo(low) >= 0 && ip.compareTo(high) <= 0, "upper band of the /24: " + ip);
        }
        assertEquals("servicecidr.networking.k8s.io \"newcidr1\" deleted", l.get(i++));
        List<String> yaml = new ArrayList<>();
        while (!l.get(i).startsWith("service \"")) {
            yaml.add(l.get(i++));
        }
        String doc = String.join("\n", yaml);
        assertTrue(doc.contains("  deletionGracePeriodSeconds: 0\n"), doc);
        assertTrue(doc.contains("  finalizers:\n  - networking.k8s.io/service-cidr-finalizer\n"), doc);
        assertTrue(doc.contains("    message: There are still IPAddresses referencing the ServiceCIDR, please remove\n"
                + "      them or create a new ServiceCIDR\n    reason: Terminating\n    status: \"False\"\n"
                + "    type: Ready"), doc);
        for (int n = 13; n <= 16; n++) {
            // The docs page shows an older kubectl; 1.34 names the namespace.
            assertEquals("service \"test-" + n + "\" deleted from default namespace", l.get(i++));
        }
        assertEquals("Error from server (NotFound): servicecidrs.networking.k8s.io \"newcidr1\" not found", l.get(i++));
        assertEquals(l.size(), i);
        assertTrue(api.find(Kind.SERVICE_CIDR, null, "newcidr1").isEmpty());
        assertEquals(1, runner.exitCode());
    }

    @Test
    void replayIsIdenticalForTheSameSeed() throws Exception {
        String script = resource("/dev/cidrstudio/console/docs/extend-service-ip-ranges.sh");
        List<String> a = lines(new ScriptRunner(new Kubectl(cluster28(), p -> ""), p -> "").run(script));
        List<String> b = lines(new ScriptRunner(new Kubectl(cluster28(), p -> ""), p -> "").run(script));
        assertEquals(a, b);
    }

    @Test
    void aBadLineReportsOneErrorAndTheScriptGoesOn() throws Exception {
        ApiServer api = cluster28();
        ScriptRunner r = new ScriptRunner(new Kubectl(api, p -> ""), p -> "");
        List<String> l = lines(r.run("helm install x\nkubectl create service clusterip ok --tcp 80\n"
                + "echo \"unterminated\nkubectl get svc ok -o name\n"));
        assertEquals(List.of(
                "console: line 1: helm: not available in the practice console (it runs kubectl, jq, cat, echo, sleep, "
                        + "seq, grep, head, verify and control-plane)",
                "service/ok created",
                "console: line 3: unexpected EOF while looking for matching `\"'",
                "service/ok"), l);
    }

    @Test
    void redirectionsAndMultiLineLoops() throws Exception {
        ApiServer api = cluster28();
        java.util.Map<String, String> written = new java.util.HashMap<>();
        ScriptRunner r = new ScriptRunner(new Kubectl(api, written::get), written::get)
                .withFileSink(written::put);
        List<String> l = lines(r.run("""
                for i in $(seq 1 2)
                do
                  kubectl create service clusterip "web-$i" --tcp=80 > /dev/null
                done
                kubectl get svc web-1 -o yaml > web.yaml
                kubectl delete -f web.yaml
                kubectl get svc nope 2>&1 | grep -c NotFound || true
                kubectl get svc nope 2>/dev/null
                kubectl get svc web-2 -o name
                """));
        // grep -c counts the one NotFound line kubectl printed; "|| true" keeps the status 0.
        assertEquals(List.of("service \"web-1\" deleted from default namespace", "1", "service/web-2"), l);
        assertTrue(written.get("web.yaml").contains("name: web-1"));
    }
}
