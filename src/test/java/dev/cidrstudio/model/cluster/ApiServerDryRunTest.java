package dev.cidrstudio.model.cluster;

import static dev.cidrstudio.model.cluster.SimulationFixture.cluster;
import static dev.cidrstudio.model.cluster.SimulationFixture.fingerprint;
import static dev.cidrstudio.model.cluster.SimulationFixture.service;
import static dev.cidrstudio.model.cluster.SimulationFixture.serviceCidr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.KubeObject;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.api.ServicePort;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A dry run answers exactly as the real write would, and keeps nothing. */
class ApiServerDryRunTest {

    /** One write, dry or real. */
    @FunctionalInterface
    private interface Write {
        KubeObject run(ApiServer api, ApiServer.DryRun dryRun) throws ApiException;
    }

    private record Case(String name, Write write) {
    }

    private static final List<Case> CASES = List.of(
            new Case("create a ServiceCIDR: the controller's finalizer and status",
                    (api, dry) -> api.create(serviceCidr("extra", "10.9.0.0/24"), dry)),
            new Case("delete a Service", (api, dry) -> api.delete(Kind.SERVICE, "app", "web", dry)),
            new Case("delete the kubernetes ServiceCIDR: kept pending",
                    (api, dry) -> api.delete(Kind.SERVICE_CIDR, null, "kubernetes", dry)));

    @Test
    void aDryRunReturnsWhatTheWriteWouldAndKeepsNothing() throws Exception {
        for (Case c : CASES) {
            ApiServer api = cluster();
            List<Object> before = fingerprint(api);
            long revision = api.revision();
            KubeObject dry = c.write().run(api, ApiServer.DryRun.ALL);
            List<String> dryWarnings = api.takeWarnings();
            assertEquals(before, fingerprint(api), c.name() + ": nothing kept");
            assertEquals(revision, api.revision(), c.name());
            KubeObject real = c.write().run(api, ApiServer.DryRun.NONE);
            assertEquals(real, dry, c.name() + ": the same object, UID and resourceVersion included");
            assertEquals(api.takeWarnings(), dryWarnings, c.name() + ": the same warnings");
            assertFalse(before.equals(fingerprint(api)), c.name() + ": the real write was kept");
        }
    }

    /** One dry-run write of a Service and what Kubernetes' dry-run allocators answer. */
    private record DryCase(String name, Write write, List<String> clusterIPs, List<Integer> nodePorts) {
    }

    private static final List<DryCase> DRY_CASES = List.of(
            new DryCase("a dynamic cluster IP is the network address of the family's prefix",
                    (api, dry) -> api.create(service("new", "ClusterIP"), dry), List.of("10.0.0.0", "2001:db8::"),
                    List.of()),
            new DryCase("NodePorts are placeholders counting up from 32769",
                    (api, dry) -> api.create(service("new", "NodePort").withSpec(service("new", "NodePort").spec()
                            .withPorts(List.of(new ServicePort("a", "TCP", 80, "80", true, null, null),
                                    new ServicePort("b", "TCP", 81, "81", true, null, null)))), dry),
                    List.of("10.0.0.0", "2001:db8::"), List.of(32769, 32770)),
            new DryCase("a requested cluster IP is checked for range, not for use",
                    (api, dry) -> api.create(service("dup", "ClusterIP").withSpec(service("dup", "ClusterIP").spec()
                            .withIpFamilyPolicy("SingleStack").withIpFamilies(null)
                            .withClusterIPs(webIp(api), List.of(webIp(api)))), dry),
                    null, List.of()),
            new DryCase("an upgrade to NodePort gets a placeholder NodePort",
                    (api, dry) -> {
                        Service web = api.get(Kind.SERVICE, "app", "web");
                        return api.update(web.withSpec(web.spec().withType("NodePort")), dry);
                    }, null, List.of(32769)));

    private static String webIp(ApiServer api) {
        return api.<Service>find(Kind.SERVICE, "app", "web").orElseThrow().spec().clusterIPs().get(0);
    }

    @Test
    void aDryRunAnswersWithTheAllocatorsDryRunAndKeepsNothing() throws Exception {
        for (DryCase c : DRY_CASES) {
            ApiServer api = cluster();
            List<Object> before = fingerprint(api);
            long revision = api.revision();
            Service dry = (Service) c.write().run(api, ApiServer.DryRun.ALL);
            assertEquals(before, fingerprint(api), c.name() + ": nothing kept");
            assertEquals(revision, api.revision(), c.name());
            if (c.clusterIPs() != null) {
                assertEquals(c.clusterIPs(), dry.spec().clusterIPs(), c.name());
            }
            assertEquals(c.nodePorts(), dry.spec().portsOrEmpty().stream().map(ServicePort::nodePort)
                    .filter(p -> p != null).toList(), c.name());
            for (String ip : dry.spec().clusterIPsOrEmpty()) {
                assertTrue(api.find(Kind.IP_ADDRESS, null, ip).isEmpty()
                        || api.<Service>find(Kind.SERVICE, "app", "web").orElseThrow().spec().clusterIPs().contains(ip),
                        c.name() + ": no IPAddress for " + ip);
            }
        }
    }

    @Test
    void aDryRunOfATakenClusterIpSucceedsWhereTheWriteFails() throws Exception {
        ApiServer api = cluster();
        Write dup = DRY_CASES.get(2).write();
        Service dry = (Service) dup.run(api, ApiServer.DryRun.ALL);
        assertEquals(List.of(webIp(api)), dry.spec().clusterIPs());
        ApiException real = assertThrows(ApiException.class, () -> dup.run(api, ApiServer.DryRun.NONE));
        assertTrue(real.getMessage().endsWith("provided IP is already allocated"), real.getMessage());
    }

    @Test
    void aRealCreateAfterADryRunAllocatesAsIfTheDryRunHadNotHappened() throws Exception {
        ApiServer a = cluster();
        ApiServer b = cluster();
        a.create(service("new", "NodePort"), ApiServer.DryRun.ALL);
        Service afterDry = (Service) a.create(service("new", "NodePort"));
        Service plain = (Service) b.create(service("new", "NodePort"));
        assertEquals(plain.spec(), afterDry.spec());
        assertTrue(a.auditLog().stream().filter(e -> e.object().endsWith("app/new")).count() <= 1);
    }

    @Test
    void aRefusedDryRunFailsAsTheWriteWould() throws Exception {
        List<Function<ApiServer, Write>> refused = List.of(
                api -> (a, dry) -> a.create(service("denied", "ClusterIP"), dry),
                api -> (a, dry) -> a.create(service("web", "ClusterIP"), dry),
                api -> (a, dry) -> a.create(new ServiceCidr(dev.cidrstudio.model.api.ObjectMeta.named("bad"),
                        List.of("10.0.0.0/33"), List.of()), dry),
                api -> (a, dry) -> a.delete(Kind.NAMESPACE, null, "kube-system", dry),
                api -> (a, dry) -> a.delete(Kind.SERVICE, "app", "missing", dry));
        for (Function<ApiServer, Write> r : refused) {
            ApiServer api = cluster();
            List<Object> before = fingerprint(api);
            Write w = r.apply(api);
            ApiException dry = assertThrows(ApiException.class, () -> w.run(api, ApiServer.DryRun.ALL));
            List<String> dryWarnings = api.takeWarnings();
            assertEquals(before, fingerprint(api));
            ApiException real = assertThrows(ApiException.class, () -> w.run(api, ApiServer.DryRun.NONE));
            assertEquals(real.status(), dry.status());
            assertEquals(api.takeWarnings(), dryWarnings);
            assertEquals(before, fingerprint(api));
        }
    }

    @Test
    void aDryRunInsideATransactionLeavesTheTransactionsWorkAlone() throws Exception {
        ApiServer api = cluster();
        api.transaction(() -> {
            api.create(service("kept", "ClusterIP"));
            List<Object> mid = fingerprint(api);
            api.create(service("probe", "ClusterIP"), ApiServer.DryRun.ALL);
            assertEquals(mid, fingerprint(api));
            return null;
        });
        assertTrue(api.find(Kind.SERVICE, "app", "kept").isPresent());
        assertTrue(api.find(Kind.SERVICE, "app", "probe").isEmpty());
    }
}
