package dev.cidrstudio.console.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.console.CommandResult;
import dev.cidrstudio.console.Kubectl;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl apply} on a live object sends a three-way patch: the server's own fields stay. The dual-stack
 * integration tests' PreferDualStack Services ({@code TestUpgradeServicePreferToDualStack},
 * {@code TestDowngradeServicePreferFromDualStack}) keep their families when the cluster's families changed and an
 * unrelated field is applied.
 */
class ApplyThreeWayTest {

    private static final String MANIFEST = """
            apiVersion: v1
            kind: Service
            metadata:
              name: svc-prefer-dual
              namespace: default
              labels: {tier: LABEL}
            spec:
              ipFamilyPolicy: PreferDualStack
              selector: {app: web}
              ports:
              - port: 443
            """;

    private static CommandResult apply(Kubectl k, String label) {
        return k.run(List.of("apply", "-f", "-"), MANIFEST.replace("LABEL", label));
    }

    private static Service svc(ApiServer api) throws Exception {
        return api.get(Kind.SERVICE, "default", "svc-prefer-dual");
    }

    private static ApiServer cluster(String ranges) throws Exception {
        return ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange(ranges)
                .withClusterDNS("none"));
    }

    @Test
    void testUpgradeServicePreferToDualStackThenAnUnrelatedFieldIsApplied() throws Exception {
        ApiServer api = cluster("192.168.0.0/24");
        Kubectl k = new Kubectl(api, p -> "");
        assertEquals("service/svc-prefer-dual created\n", apply(k, "a").stdout());
        List<String> ips = svc(api).spec().clusterIPs();
        api.restartApiServer(api.activeApiServer().name(), "192.168.0.0/24,2001:db8:1::/108");
        CommandResult r = apply(k, "b");
        assertEquals("service/svc-prefer-dual configured\n", r.stdout(), r.stderr());
        assertEquals(List.of("IPv4"), svc(api).spec().ipFamilies());
        assertEquals(ips, svc(api).spec().clusterIPs());
    }

    @Test
    void testDowngradeServicePreferFromDualStackThenAnUnrelatedFieldIsApplied() throws Exception {
        ApiServer api = cluster("192.168.0.0/24,2001:db8:1::/108");
        Kubectl k = new Kubectl(api, p -> "");
        apply(k, "a");
        List<String> ips = svc(api).spec().clusterIPs();
        assertEquals(2, ips.size());
        api.restartApiServer(api.activeApiServer().name(), "192.168.0.0/24");
        CommandResult r = apply(k, "b");
        assertEquals("service/svc-prefer-dual configured\n", r.stdout(), r.stderr());
        assertEquals("", r.stderr());
        assertEquals(List.of("IPv4", "IPv6"), svc(api).spec().ipFamilies());
        assertEquals(ips, svc(api).spec().clusterIPs());
    }

    @Test
    void labelsOthersSetStayAndLabelsTheLastApplySetAndThisOneLeavesOutGo() throws Exception {
        ApiServer api = cluster("192.168.0.0/24");
        Kubectl k = new Kubectl(api, p -> "");
        k.run(List.of("apply", "-f", "-"), MANIFEST.replace("{tier: LABEL}", "{tier: a, old: x}"));
        k.run(List.of("label", "svc", "svc-prefer-dual", "team=net"), "");
        apply(k, "b");
        assertEquals(Map.of("team", "net", "tier", "b"), svc(api).meta().labels());
    }
}
