package dev.cidrstudio.model.cluster;

import static dev.cidrstudio.model.cluster.SimulationFixture.cluster;
import static dev.cidrstudio.model.cluster.SimulationFixture.fingerprint;
import static dev.cidrstudio.model.cluster.SimulationFixture.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.ObjectMeta;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServicePort;
import dev.cidrstudio.model.api.ServiceSpec;
import dev.cidrstudio.model.service.ServiceValidation;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The order of work of a Service write in kube-apiserver ({@code registry.Store.Create}: BeginCreate's allocations,
 * then validation, then admission, then the storage write that finds a taken name), the NodePort and health-check
 * NodePort allocation and its errors, and what an update that changes {@code type} wipes and gives back.
 */
class ServiceRestOrderTest {

    /** A write against the fixture cluster and the message it must fail with (null: it must succeed). */
    private record Case(String name, Write write, String error) {
    }

    @FunctionalInterface
    private interface Write {
        void run(ApiServer api) throws Exception;
    }

    private static Service svc(String name, String type, UnaryOperator<ServiceSpec> edit) {
        Service s = service(name, type);
        return s.withSpec(edit.apply(s.spec()));
    }

    private static ServiceSpec nodePort(ServiceSpec s, int port) {
        return s.withPorts(List.of(ServicePort.tcp(80).withNodePort(port)));
    }

    private static ServiceSpec sessionAffinity(ServiceSpec s) {
        return s.withDefaults("Sometimes", s.internalTrafficPolicy(), s.externalTrafficPolicy(),
                s.allocateLoadBalancerNodePorts());
    }

    private static String webIp(ApiServer api) {
        return api.<Service>find(Kind.SERVICE, "app", "web").orElseThrow().spec().clusterIPs().get(0);
    }

    private static final List<Case> CREATES = List.of(
            new Case("a taken cluster IP is reported before the taken name",
                    api -> api.create(svc("web", "ClusterIP", s -> s.withIpFamilyPolicy("SingleStack")
                            .withClusterIPs(webIp(api), List.of(webIp(api))))),
                    "Service \"web\" is invalid: spec.clusterIPs: Invalid value: [\"10.0.63.91\"]: failed to "
                            + "allocate IP 10.0.63.91: provided IP is already allocated"),
            new Case("a taken NodePort is reported before the taken name",
                    api -> {
                        api.create(svc("np", "NodePort", s -> nodePort(s, 30080)));
                        api.create(svc("web", "NodePort", s -> nodePort(s, 30080)));
                    },
                    "Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is "
                            + "already allocated"),
            new Case("a validation error is reported before the taken name",
                    api -> api.create(svc("web", "ClusterIP", s -> s.withDefaults("Sometimes", s.internalTrafficPolicy(), s.externalTrafficPolicy(), s.allocateLoadBalancerNodePorts()))),
                    "Service \"web\" is invalid: spec.sessionAffinity: Unsupported value: \"Sometimes\": supported "
                            + "values: \"ClientIP\", \"None\""),
            new Case("an allocation error is reported before a validation error",
                    api -> api.create(svc("bad", "NodePort", s -> sessionAffinity(nodePort(s, 40000)))),
                    "Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 40000: provided port is not "
                            + "in the valid range. The range of valid ports is 30000-32767"),
            new Case("a valid Service with a taken name is AlreadyExists",
                    api -> api.create(service("web", "ClusterIP")), "services \"web\" already exists"),
            new Case("a taken health-check NodePort is an internal error",
                    api -> {
                        api.create(svc("np", "NodePort", s -> nodePort(s, 31000)));
                        api.create(svc("lb", "LoadBalancer", s -> s.withDefaults("None", "Cluster", "Local", true)
                                .withOtherField("healthCheckNodePort", 31000L)));
                    },
                    "Internal error occurred: failed to allocate requested HealthCheck NodePort 31000: provided port "
                            + "is already allocated"),
            new Case("a health-check NodePort outside the range is an internal error, before validation",
                    api -> api.create(svc("lb", "LoadBalancer", s -> s.withDefaults("None", "Cluster", "Local", true)
                            .withOtherField("healthCheckNodePort", 70000L))),
                    "Internal error occurred: failed to allocate requested HealthCheck NodePort 70000: provided port "
                            + "is not in the valid range. The range of valid ports is 30000-32767"),
            new Case("one NodePort per port number: the number asked for later in the list is used for all",
                    api -> {
                        Service s = (Service) api.create(svc("dns", "NodePort", spec -> spec.withPorts(List.of(
                                new ServicePort("udp", "UDP", 53, "53", true, null, null),
                                new ServicePort("tcp", "TCP", 53, "53", true, 30053, null)))));
                        assertEquals(List.of(30053, 30053), s.spec().ports().stream().map(ServicePort::nodePort)
                                .toList());
                    }, null),
            new Case("a LoadBalancer without NodePorts still gets a health-check NodePort",
                    api -> {
                        Service s = (Service) api.create(svc("lb", "LoadBalancer",
                                spec -> spec.withDefaults("None", "Cluster", "Local", false)));
                        assertNull(s.spec().ports().get(0).nodePort());
                        long hc = ServiceValidation.healthCheckNodePort(s.spec());
                        assertTrue(hc >= 30000 && hc <= 32767, "health-check NodePort " + hc);
                    }, null));

    @Test
    void aCreateAllocatesThenValidatesThenFindsTheTakenName() throws Exception {
        for (Case c : CREATES) {
            ApiServer api = cluster();
            String web = webIp(api);
            Case fixed = new Case(c.name(), c.write(), c.error() == null ? null
                    : c.error().replace("10.0.63.91", web));
            if (fixed.error() == null) {
                fixed.write().run(api);
                continue;
            }
            List<Object> before = fingerprint(api);
            ApiException e = assertThrows(ApiException.class, () -> fixed.write().run(api), c.name());
            assertEquals(fixed.error(), e.getMessage(), c.name());
            if (!c.name().contains("NodePort is reported") && !c.name().contains("health-check NodePort is")) {
                assertEquals(before, fingerprint(api), c.name() + ": a failed create keeps nothing");
            }
        }
    }

    @Test
    void aFailedCreateGivesBackWhatItAllocated() throws Exception {
        ApiServer api = cluster();
        List<Object> before = fingerprint(api);
        Service bad = svc("web", "NodePort", s -> nodePort(s, 30999));
        assertThrows(ApiException.class, () -> api.create(bad));
        assertEquals(before, fingerprint(api));
        Service ok = (Service) api.create(svc("other", "NodePort", s -> nodePort(s, 30999)));
        assertEquals(30999, ok.spec().ports().get(0).nodePort());
    }

    // ---- updates that change type ----

    private static Service update(ApiServer api, String name, UnaryOperator<ServiceSpec> edit) throws ApiException {
        Service live = api.get(Kind.SERVICE, "app", name);
        return (Service) api.update(live.withSpec(edit.apply(live.spec())));
    }

    @Test
    void leavingNodePortClearsAndGivesBackTheNodePortsTheRequestStillCarries() throws Exception {
        ApiServer api = cluster();
        api.create(svc("np", "NodePort", s -> nodePort(s, 30080)));
        Service after = update(api, "np", s -> s.withType("ClusterIP"));
        assertNull(after.spec().ports().get(0).nodePort());
        assertNull(after.spec().externalTrafficPolicy());
        Service reuse = (Service) api.create(svc("next", "NodePort", s -> nodePort(s, 30080)));
        assertEquals(30080, reuse.spec().ports().get(0).nodePort());
    }

    @Test
    void leavingNodePortWithANewNodePortIsRefusedByValidation() throws Exception {
        ApiServer api = cluster();
        api.create(svc("np", "NodePort", s -> nodePort(s, 30080)));
        ApiException e = assertThrows(ApiException.class,
                () -> update(api, "np", s -> nodePort(s.withType("ClusterIP"), 30081)));
        assertTrue(e.getMessage().contains("spec.ports[0].nodePort: Forbidden: may not be used when `type` is "
                + "'ClusterIP'"), e.getMessage());
    }

    @Test
    void leavingLoadBalancerLocalGivesBackTheHealthCheckNodePort() throws Exception {
        ApiServer api = cluster();
        Service lb = (Service) api.create(svc("lb", "LoadBalancer", s -> s.withDefaults("None", "Cluster", "Local",
                true)));
        long hc = ServiceValidation.healthCheckNodePort(lb.spec());
        Service after = update(api, "lb", s -> s.withType("NodePort").withDefaults("None", "Cluster", "Cluster",
                s.allocateLoadBalancerNodePorts()));
        assertEquals(0, ServiceValidation.healthCheckNodePort(after.spec()));
        assertNull(after.spec().allocateLoadBalancerNodePorts());
        assertEquals(lb.spec().ports().get(0).nodePort(), after.spec().ports().get(0).nodePort());
        Service reuse = (Service) api.create(svc("next", "NodePort", s -> nodePort(s, (int) hc)));
        assertEquals((int) hc, reuse.spec().ports().get(0).nodePort());
    }

    @Test
    void anUpdateThatOmitsNodePortsKeepsThemByPortName() throws Exception {
        ApiServer api = cluster();
        Service np = (Service) api.create(svc("np", "NodePort", s -> s.withPorts(List.of(
                new ServicePort("http", "TCP", 80, "80", true, null, null)))));
        int held = np.spec().ports().get(0).nodePort();
        Service after = update(api, "np", s -> s.withPorts(List.of(
                new ServicePort("http", "TCP", 8080, "80", true, null, null))));
        assertEquals(held, after.spec().ports().get(0).nodePort());
    }

    @Test
    void clusterIpToExternalNameReleasesTheAddresses() throws Exception {
        ApiServer api = cluster();
        List<String> ips = api.<Service>get(Kind.SERVICE, "app", "web").spec().clusterIPs();
        Service after = update(api, "web", s -> s.withType("ExternalName").withExternalName("example.com"));
        assertTrue(after.spec().clusterIPsOrEmpty().isEmpty());
        assertNull(after.spec().ipFamilyPolicy());
        assertTrue(after.spec().ipFamiliesOrEmpty().isEmpty());
        for (String ip : ips) {
            assertTrue(api.find(Kind.IP_ADDRESS, null, ip).isEmpty(), ip + " released");
        }
    }

    @Test
    void aChangedClusterIpIsImmutable() throws Exception {
        ApiServer api = cluster();
        ApiException e = assertThrows(ApiException.class, () -> update(api, "web",
                s -> s.withClusterIPs("10.0.0.77", List.of("10.0.0.77", s.clusterIPs().get(1)))));
        assertTrue(e.getMessage().startsWith("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: "
                + "[\"10.0.0.77\""), e.getMessage());
        assertTrue(e.getMessage().contains("may not change once set"), e.getMessage());
    }

    // ---- PreferDualStack keeps its families when the cluster's change ----

    private static ApiServer singleStack(String range) throws Exception {
        ApiServer api = ApiServer.bootstrap(ClusterSettings.defaults().withServiceClusterIPRange(range));
        return api;
    }

    @Test
    void aPreferDualStackServiceKeepsBothFamiliesAfterADowngrade() throws Exception {
        ApiServer api = cluster();
        api.restartApiServer(api.activeApiServer().name(), "10.0.0.0/16");
        Service before = api.get(Kind.SERVICE, "app", "web");
        Service after = (Service) api.update(before.withMeta(before.meta().withLabels(java.util.Map.of("t", "1"))));
        assertEquals(List.of("IPv4", "IPv6"), after.spec().ipFamilies());
        assertEquals(before.spec().clusterIPs(), after.spec().clusterIPs());
        assertFalse(api.find(Kind.IP_ADDRESS, null, before.spec().clusterIPs().get(1)).isEmpty());
    }

    @Test
    void aPreferDualStackServiceStaysSingleAfterAnUpgrade() throws Exception {
        ApiServer api = singleStack("10.0.0.0/16");
        api.create(new dev.cidrstudio.model.api.Namespace(ObjectMeta.named("app"), null));
        Service web = (Service) api.create(service("web", "ClusterIP"));
        assertEquals(List.of("IPv4"), web.spec().ipFamilies());
        api.restartApiServer(api.activeApiServer().name(), "10.0.0.0/16,2001:db8::/64");
        Service after = (Service) api.update(web.withMeta(web.meta().withLabels(java.util.Map.of("t", "1"))));
        assertEquals(List.of("IPv4"), after.spec().ipFamilies());
        assertEquals(web.spec().clusterIPs(), after.spec().clusterIPs());
    }
}
