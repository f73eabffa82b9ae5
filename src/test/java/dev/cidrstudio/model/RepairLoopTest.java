package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Event;
import dev.cidrstudio.model.api.IpAddressObject;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.ParentReference;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ClusterSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ClusterIP repair loop's cases (repairip_test.go), run through the simulated apiserver. */
class RepairLoopTest {

    private ApiServer api;

    @BeforeEach
    void cluster() throws Exception {
        api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange("10.0.0.0/16,2001:db8::/64")
                .withClusterDNS("none"));
        api.create(new dev.cidrstudio.model.api.Namespace(ObjectMeta.named("bar"), null));
    }

    private static Service svc(String name, List<String> ips) {
        ServiceSpec spec = ServiceSpec.empty().withType("ClusterIP").withClusterIPs(ips.get(0), ips)
                .withIpFamilyPolicy(ips.size() > 1 ? "PreferDualStack" : "SingleStack")
                .withIpFamilies(ips.stream().map(ip -> ip.contains(":") ? "IPv6" : "IPv4").toList())
                .withSelector(Map.of("app", name)).withPorts(List.of(ServicePort.tcp(80)));
        return new Service(ObjectMeta.named("bar", name), spec, List.of());
    }

    private static IpAddressObject ip(String name, String owner) {
        return new IpAddressObject(ObjectMeta.named(name).withLabels(IpAddressObject.allocatorLabels(
                name.contains(":") ? "IPv6" : "IPv4")), ParentReference.service("bar", owner));
    }

    private List<String> events() {
        return api.<Event>list(Kind.EVENT, null).stream()
                .filter(e -> e.sourceComponent().equals("ipallocator-repair-controller"))
                .map(e -> e.type() + " " + e.reason() + " " + e.message()).toList();
    }

    @Test
    void missingIpAddressesAreRecreated() throws Exception {
        api.restoreObject(svc("test-svc", List.of("10.0.1.1", "2001:db8::10")), false);
        assertEquals(List.of("Warning ClusterIPNotAllocated Cluster IP [IPv4]: 10.0.1.1 is not allocated; repairing",
                "Warning ClusterIPNotAllocated Cluster IP [IPv6]: 2001:db8::10 is not allocated; repairing"),
                events());
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.1.1").isPresent());
        assertTrue(api.find(Kind.IP_ADDRESS, null, "2001:db8::10").isPresent());
    }

    @Test
    void wrongReferenceIsRepaired() throws Exception {
        api.restoreObject(ip("10.0.1.1", "test-svc2"), false);
        api.restoreObject(svc("test-svc", List.of("10.0.1.1")), false);
        assertTrue(events().contains("Warning ClusterIPNotAllocated the ClusterIP [IPv4]: 10.0.1.1 for Service "
                + "bar/test-svc has a wrong reference; repairing"), events().toString());
        IpAddressObject held = api.get(Kind.IP_ADDRESS, null, "10.0.1.1");
        assertEquals("test-svc", held.parentRef().name());
    }

    @Test
    void outOfRangeIpsAreReportedNotTouched() throws Exception {
        api.restoreObject(svc("test-svc", List.of("192.168.1.1")), true);
        api.restoreObject(svc("net", List.of("10.0.0.0")), true);
        assertEquals(java.util.Set.of("Warning ClusterIPOutOfRange Cluster IP [IPv4]: 192.168.1.1 is not within any "
                + "configured Service CIDR; please recreate service", "Warning ClusterIPOutOfRange Cluster IP "
                + "[IPv4]: 10.0.0.0 is not within any configured Service CIDR; please recreate service"),
                java.util.Set.copyOf(events()));
        assertTrue(api.find(Kind.IP_ADDRESS, null, "192.168.1.1").isPresent());
    }

    @Test
    void leakedIpAddressIsCleanedUpAfterAMinute() throws Exception {
        api.restoreObject(ip("10.0.1.1", "test-svc"), false);
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.1.1").isPresent(), "younger than 60 s: left alone");
        api.advanceClock(Duration.ofSeconds(61));
        assertEquals(List.of("Warning IPAddressNotAllocated IPAddress: 10.0.1.1 for Service bar/test-svc appears "
                + "to have leaked: cleaning up"), events());
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.1.1").isEmpty());
    }

    @Test
    void twoServicesWithOneIp() throws Exception {
        api.restoreObject(svc("test-svc2", List.of("10.0.1.1")), true);
        api.restoreObject(svc("test-svc", List.of("10.0.1.1")), false);
        assertEquals(List.of("Warning ClusterIPAlreadyAllocated Cluster IP [IPv4]:10.0.1.1 was assigned to multiple "
                + "services; please recreate service"), events());
    }

    @Test
    void aDeletedIpAddressComesBackAtTheNextResync() throws Exception {
        api.restoreObject(svc("web", List.of("10.0.5.5")), true);
        api.delete(Kind.IP_ADDRESS, null, "10.0.5.5");
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.5.5").isEmpty());
        api.advanceClock(ApiServer.REPAIR_PERIOD.plusSeconds(10));
        assertTrue(api.find(Kind.IP_ADDRESS, null, "10.0.5.5").isPresent());
        assertEquals(List.of("Warning ClusterIPNotAllocated Cluster IP [IPv4]: 10.0.5.5 is not allocated; repairing"),
                events());
    }

    @Test
    void normalOperationReportsNothing() throws Exception {
        for (int i = 0; i < 20; i++) {
            api.create(svc("s" + i, List.of("10.0.9." + (i + 1))).withSpec(ServiceSpec.empty()
                    .withSelector(Map.of("a", "b")).withPorts(List.of(ServicePort.tcp(80)))));
        }
        api.delete(Kind.SERVICE, "bar", "s3");
        api.advanceClock(Duration.ofMinutes(10));
        assertEquals(List.of(), events());
    }
}
