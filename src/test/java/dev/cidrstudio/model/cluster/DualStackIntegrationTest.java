package dev.cidrstudio.model.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kubernetes' dual-stack integration tests ({@code test/integration/dualstack/dualstack_test.go}) that
 * change the cluster's families under a PreferDualStack Service or update one, replayed on the model under their
 * names: the apiserver restarts with other {@code --service-cluster-ip-range} flags over the same storage.
 */
class DualStackIntegrationTest {

    private static final String SINGLE = "192.168.0.0/24";
    private static final String DUAL = "192.168.0.0/24,2001:db8:1::/108";

    private static ApiServer cluster(String ranges) throws Exception {
        return ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange(ranges)
                .withClusterDNS("none"));
    }

    private static Service svc(String name, String policy) {
        ServiceSpec spec = ServiceSpec.empty().withType("ClusterIP").withIpFamilyPolicy(policy)
                .withPorts(List.of(ServicePort.tcp(443)));
        return new Service(ObjectMeta.named("default", name), spec, List.of());
    }

    private static Service get(ApiServer api, String name) throws Exception {
        return api.get(Kind.SERVICE, "default", name);
    }

    /** {@code validateServiceAndClusterIPFamily}: the families, one cluster IP of each, in that order. */
    private static void assertFamilies(Service s, String... families) {
        assertEquals(List.of(families), s.spec().ipFamilies(), s.name());
        List<String> ips = s.spec().clusterIPs();
        assertEquals(families.length, ips.size(), s.name() + " " + ips);
        for (int i = 0; i < families.length; i++) {
            assertEquals(families[i], IpParsing.parseIpSloppy(ips.get(i)).orElseThrow().family().name(), ips.get(i));
        }
    }

    private static void restart(ApiServer api, String ranges) throws Exception {
        api.restartApiServer(api.activeApiServer().name(), ranges);
    }

    @Test
    void testUpgradeServicePreferToDualStack() throws Exception {
        ApiServer api = cluster(SINGLE);
        api.create(svc("svc-prefer-dual", "PreferDualStack"));
        assertFamilies(get(api, "svc-prefer-dual"), "IPv4");
        restart(api, DUAL);
        assertFamilies(get(api, "svc-prefer-dual"), "IPv4");
        api.create(svc("svc-dual", "PreferDualStack"));
        assertFamilies(get(api, "svc-dual"), "IPv4", "IPv6");
    }

    @Test
    void testUpgradeServicePreferToDualStackThenAnUnrelatedFieldIsApplied() throws Exception {
        ApiServer api = cluster(SINGLE);
        api.create(svc("svc-prefer-dual", "PreferDualStack"));
        restart(api, DUAL);
        Service read = get(api, "svc-prefer-dual");
        api.update(read.withSpec(read.spec().withSelector(Map.of("foo", "bar"))));
        Service after = get(api, "svc-prefer-dual");
        assertFamilies(after, "IPv4");
        assertEquals(Map.of("foo", "bar"), after.spec().selector());
        assertEquals(1, api.list(Kind.IP_ADDRESS, null).stream()
                .filter(o -> ((IpAddressObject) o).parentRef().name().equals("svc-prefer-dual")).count());
    }

    @Test
    void testDowngradeServicePreferFromDualStack() throws Exception {
        ApiServer api = cluster(DUAL);
        api.create(svc("svc-prefer-dual01", "PreferDualStack"));
        assertFamilies(get(api, "svc-prefer-dual01"), "IPv4", "IPv6");
        restart(api, SINGLE);
        assertFamilies(get(api, "svc-prefer-dual01"), "IPv4", "IPv6");
        api.create(svc("svc-single", "PreferDualStack"));
        assertFamilies(get(api, "svc-single"), "IPv4");
    }

    @Test
    void testDowngradeServicePreferFromDualStackThenAnUnrelatedFieldIsApplied() throws Exception {
        ApiServer api = cluster(DUAL);
        api.create(svc("svc-prefer-dual01", "PreferDualStack"));
        String secondary = get(api, "svc-prefer-dual01").spec().clusterIPs().get(1);
        restart(api, SINGLE);
        Service read = get(api, "svc-prefer-dual01");
        api.update(read.withMeta(read.meta().withLabels(Map.of("x", "y"))));
        assertFamilies(get(api, "svc-prefer-dual01"), "IPv4", "IPv6");
        assertTrue(api.find(Kind.IP_ADDRESS, null, secondary).isPresent(), "the secondary address stays held");
    }

    @Test
    void testPreferDualStack() throws Exception {
        ApiServer api = cluster("10.0.0.0/16,2001:db8:1::/108");
        api.create(svc("svc-upgrade", "PreferDualStack"));
        assertFamilies(get(api, "svc-upgrade"), "IPv4", "IPv6");
        Service read = get(api, "svc-upgrade");
        Service upgraded = (Service) api.update(read.withSpec(read.spec().withSelector(Map.of("foo", "bar"))));
        assertFamilies(upgraded, "IPv4", "IPv6");
    }

    @Test
    void testUpgradeDowngrade() throws Exception {
        ApiServer api = cluster("10.0.0.0/16,2001:db8:1::/108");
        api.create(svc("svc-upgrade", null));
        Service s = get(api, "svc-upgrade");
        assertFamilies(s, "IPv4");
        Service upgraded = (Service) api.update(s.withSpec(s.spec().withIpFamilyPolicy("RequireDualStack")));
        assertFamilies(upgraded, "IPv4", "IPv6");
        ServiceSpec down = upgraded.spec().withIpFamilyPolicy("SingleStack")
                .withClusterIPs(upgraded.spec().clusterIP(), upgraded.spec().clusterIPs().subList(0, 1))
                .withIpFamilies(upgraded.spec().ipFamilies().subList(0, 1));
        Service downgraded = (Service) api.update(upgraded.withSpec(down));
        assertFamilies(downgraded, "IPv4");
        Service again = (Service) api.update(downgraded.withSpec(downgraded.spec()
                .withIpFamilyPolicy("RequireDualStack")));
        assertFamilies(again, "IPv4", "IPv6");
        Service downAgain = (Service) api.update(again.withSpec(again.spec().withIpFamilyPolicy("SingleStack")));
        assertFamilies(downAgain, "IPv4");
    }

    @Test
    void testConvertToFromExternalName() throws Exception {
        ApiServer api = cluster("10.0.0.0/16,2001:db8:1::/108");
        api.create(svc("svc-ext-name", null));
        Service s = get(api, "svc-ext-name");
        assertFamilies(s, "IPv4");
        Service ext = (Service) api.update(s.withSpec(s.spec().withType("ExternalName")
                .withClusterIPs("", s.spec().clusterIPs()).withExternalName("something.somewhere")));
        assertTrue(ext.spec().clusterIPsOrEmpty().isEmpty(), ext.spec().toString());
        assertTrue(ext.spec().clusterIP() == null || ext.spec().clusterIP().isEmpty(), ext.spec().toString());
        assertTrue(ext.spec().ipFamiliesOrEmpty().isEmpty(), ext.spec().toString());
        Service back = (Service) api.update(ext.withSpec(ext.spec().withType("ClusterIP").withExternalName(null)));
        assertFamilies(back, "IPv4");
    }

    @Test
    void testServiceUpdate() throws Exception {
        ApiServer api = cluster("10.0.0.0/16");
        api.create(svc("test-service", null));
        Service s = get(api, "test-service");
        api.update(s.withMeta(s.meta().withLabels(Map.of("x", "y"))));
        assertEquals(Map.of("x", "y"), get(api, "test-service").meta().labels());
        assertNull(null);
    }
}
