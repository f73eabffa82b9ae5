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
            new Case("create a Service: its cluster IPs and NodePorts allocated",
                    (api, dry) -> api.create(service("new", "NodePort"), dry)),
            new Case("create a ServiceCIDR: the controller's finalizer and status",
                    (api, dry) -> api.create(serviceCidr("extra", "10.9.0.0/24"), dry)),
            new Case("update a Service to dual-stack NodePort",
                    (api, dry) -> {
                        Service web = api.get(Kind.SERVICE, "app", "web");
                        return api.update(web.withSpec(web.spec().withType("NodePort")), dry);
                    }),
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

    @Test
    void aDryRunCreateAllocatesTheClusterIpsTheWriteWould() throws Exception {
        ApiServer api = cluster();
        Service dry = (Service) api.create(service("new", "ClusterIP"), ApiServer.DryRun.ALL);
        assertEquals(2, dry.spec().clusterIPs().size());
        for (String ip : dry.spec().clusterIPs()) {
            assertTrue(api.find(Kind.IP_ADDRESS, null, ip).isEmpty(), "no IPAddress for " + ip);
        }
        assertTrue(api.auditLog().stream().noneMatch(a -> a.object().endsWith("app/new")), "no audit entry");
        Service real = (Service) api.create(service("new", "ClusterIP"));
        assertEquals(dry.spec().clusterIPs(), real.spec().clusterIPs());
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
