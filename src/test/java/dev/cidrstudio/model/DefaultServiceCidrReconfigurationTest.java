package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterConfigException;
import dev.cidrstudio.model.cluster.ClusterSettings;
import dev.cidrstudio.model.cluster.KubeVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The steps of "Kubernetes Default ServiceCIDR Reconfiguration", and the apiserver flag rules per version. */
class DefaultServiceCidrReconfigurationTest {

    private static Service svc(String name) {
        return new Service(ObjectMeta.named("default", name), ServiceSpec.empty().withSelector(Map.of("app", name))
                .withPorts(List.of(ServicePort.tcp(80))), List.of());
    }

    private static String ipOf(ApiServer api, String name) throws Exception {
        Service s = api.get(Kind.SERVICE, "default", name);
        return s.spec().clusterIP();
    }

    @Test
    void replaceTheDefaultServiceCidr() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/16")
                .withClusterDNS("none"));
        api.create(svc("app1"));
        assertTrue(ipOf(api, "app1").startsWith("10.96."));

        api.create(new ServiceCidr(ObjectMeta.named("new-range"), List.of("10.100.0.0/16"), List.of()));
        api.delete(Kind.SERVICE_CIDR, null, "kubernetes");
        ServiceCidr old = api.get(Kind.SERVICE_CIDR, null, "kubernetes");
        assertEquals("Terminating", old.condition("Ready").reason(), "kept by the IPs still in it");

        api.delete(Kind.SERVICE, "default", "app1");
        api.create(svc("app1"));
        assertTrue(ipOf(api, "app1").startsWith("10.100."), "new IPs come from the ready range only");

        api.restartApiServer("kube-apiserver", "10.100.0.0/16");
        api.delete(Kind.SERVICE, "default", "kubernetes");
        api.advanceClock(Duration.ofSeconds(30));
        assertEquals("10.100.0.1", ipOf(api, "kubernetes"), "recreated from the new flag's first address");

        ServiceCidr recreated = api.get(Kind.SERVICE_CIDR, null, "kubernetes");
        assertEquals(List.of("10.100.0.0/16"), recreated.cidrs(), "the old object went and the new flags made it");
        assertTrue(!recreated.meta().beingDeleted());
    }

    @Test
    void singleToDualStackUpgradeOfTheDefaultObject() throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.96.0.0/16"));
        api.restartApiServer("kube-apiserver", "10.96.0.0/16,fd00:96::/112");
        ServiceCidr sc = api.get(Kind.SERVICE_CIDR, null, "kubernetes");
        assertEquals(List.of("10.96.0.0/16", "fd00:96::/112"), sc.cidrs());
    }

    @Test
    void flagSizeLimitAppliesIn133Only() throws Exception {
        ClusterSettings big = ClusterSettings.defaults().withServiceClusterIPRange("10.0.0.0/8");
        ClusterConfigException e = assertThrows(ClusterConfigException.class,
                () -> ApiServer.bootstrap(big.withKubernetesVersion(KubeVersion.V1_33)));
        assertEquals(List.of("specified --service-cluster-ip-range is too large; for 32-bit addresses, the mask must "
                + "be >= 12"), e.errors());
        ApiServer api = ApiServer.bootstrap(big.withKubernetesVersion(KubeVersion.V1_34));
        assertEquals("10.0.0.1", ipOf(api, "kubernetes"));
        assertTrue(ApiServer.bootstrap(big.withKubernetesVersion(KubeVersion.V1_35)) != null);
    }

    @Test
    void tooSmallAndMalformedFlags() {
        assertEquals(List.of("the service cluster IP range must be at least 8 IP addresses"),
                assertThrows(ClusterConfigException.class, () -> ApiServer.bootstrap(ClusterSettings.defaults()
                        .withServiceClusterIPRange("10.0.0.0/30"))).errors());
        assertEquals(List.of("--service-cluster-ip-range[0] and --service-cluster-ip-range[1] must be of different IP "
                + "family"), assertThrows(ClusterConfigException.class, () -> ApiServer.bootstrap(
                        ClusterSettings.defaults().withServiceClusterIPRange("10.0.0.0/16,10.1.0.0/16"))).errors());
        assertEquals(List.of("service-cluster-ip-range[0] is not a valid cidr"), assertThrows(
                ClusterConfigException.class, () -> ApiServer.bootstrap(ClusterSettings.defaults()
                        .withServiceClusterIPRange("banana"))).errors());
    }
}
