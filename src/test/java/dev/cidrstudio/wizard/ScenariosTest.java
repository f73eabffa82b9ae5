package dev.cidrstudio.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.app.DemoPlan;
import dev.cidrstudio.app.PlanLoader;
import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.api.Service;
import dev.cidrstudio.model.api.ServiceCidr;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.cluster.ApiServerInstance;
import dev.cidrstudio.model.cluster.ClusterState;
import dev.cidrstudio.model.net.IpFamily;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Each reconfiguration built from a plan, rehearsed to its end: every check holds and the end state is right. */
class ScenariosTest {

    static final String SINGLE_STACK = """
            apiVersion: cidrstudio.dev/v1alpha1
            kind: Cluster
            spec:
              serviceClusterIPRange: 10.96.0.0/16
              clusterCIDR: 10.244.0.0/16,fd00:10:244::/56
              apiServers: [{name: cp-1}, {name: cp-2}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: default}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            """;

    static ClusterState demo() {
        return DemoPlan.load().api().state();
    }

    static ClusterState plan(String text) throws Exception {
        return PlanLoader.load("plan.yaml", text).api().state();
    }

    static Rehearsal rehearsed(ClusterState plan, ScenarioKind kind, String to) throws Exception {
        Scenario s = Scenarios.build(plan, kind, Optional.ofNullable(to));
        assertTrue(s.ready(), () -> "pre-flight: " + s.preflight());
        Rehearsal r = new Rehearsal(s);
        r.runAll();
        for (Rehearsal.StepRun run : r.done()) {
            for (CheckResult c : run.checks()) {
                assertTrue(c.passed(), () -> "step " + (run.index() + 1) + ": " + c.check().description() + ": "
                        + c.detail() + "\n" + WizardDump.dump(r));
            }
        }
        return r;
    }

    static Stream<Arguments> everyScenario() throws Exception {
        return Stream.of(
                Arguments.of("extend the demo with the suggestion", demo(), ScenarioKind.EXTEND, null, 3),
                Arguments.of("extend with a given range", demo(), ScenarioKind.EXTEND, "10.96.64.0/20", 3),
                Arguments.of("go dual-stack", plan(SINGLE_STACK), ScenarioKind.SINGLE_TO_DUAL, "fd00:96::/112", 5),
                Arguments.of("go single-stack on the demo", demo(), ScenarioKind.DUAL_TO_SINGLE, null, 5),
                Arguments.of("replace the demo's primary", demo(), ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20", 7),
                Arguments.of("replace with two apiservers", plan(SINGLE_STACK), ScenarioKind.REPLACE_PRIMARY,
                        "10.100.0.0/16", 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyScenario")
    void runsFromPreflightToTheEndWithEveryCheckHolding(String name, ClusterState plan, ScenarioKind kind, String to,
            int steps) throws Exception {
        long before = plan.contentVersion();
        Rehearsal r = rehearsed(plan, kind, to);
        assertEquals(steps, r.done().size());
        assertTrue(r.finished());
        assertEquals(before, plan.contentVersion(), "the plan itself is untouched");
    }

    @Test
    void replacingThePrimaryMovesEveryServiceAndTheDefaultObjects() throws Exception {
        Rehearsal r = rehearsed(demo(), ScenarioKind.REPLACE_PRIMARY, "10.96.16.0/20");
        ApiServer api = r.cluster();
        ServiceCidr def = api.get(Kind.SERVICE_CIDR, null, "kubernetes");
        assertEquals(List.of("10.96.16.0/20", "fd00:10:96::/112"), def.cidrs());
        assertFalse(def.meta().beingDeleted());
        assertEquals("10.96.16.1", api.<Service>get(Kind.SERVICE, "default", "kubernetes").spec().clusterIP());
        assertEquals("10.96.16.10", api.<Service>get(Kind.SERVICE, "kube-system", "kube-dns").spec().clusterIP(),
                "kube-dns keeps its offset");
        assertEquals(Optional.of("10.96.16.10"), api.kubeletClusterDns());
        assertTrue(api.find(Kind.SERVICE_CIDR, null, ScenarioSupport.MIGRATION_CIDR).isEmpty());
        assertEquals("10.96.16.0/20,fd00:10:96::/112", api.settings().serviceClusterIPRange());
        assertEquals(List.of(), ScenarioSupport.servicesIn(api.state(), ScenarioSupport.parseCidr("10.96.0.0/24")
                .orElseThrow()));
        // The NodePort Service outside the old range was not touched.
        assertEquals("10.97.6.93", api.<Service>get(Kind.SERVICE, "shop", "payments").spec().clusterIP());
    }

    @Test
    void stepFourLeavesTheOldDefaultPendingAndStepSixRestartsEveryApiserver() throws Exception {
        Scenario s = Scenarios.build(plan(SINGLE_STACK), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.100.0.0/16"));
        Rehearsal r = new Rehearsal(s);
        r.jumpTo(4);
        ServiceCidr old = r.cluster().get(Kind.SERVICE_CIDR, null, "kubernetes");
        assertTrue(old.meta().beingDeleted());
        assertEquals("Terminating", old.condition("Ready").reason());
        r.jumpTo(6);
        assertEquals(List.of("10.100.0.0/16", "10.100.0.0/16"), r.cluster().state().apiServers().stream()
                .map(a -> a.flags().text()).toList());
        assertTrue(r.cluster().find(Kind.SERVICE_CIDR, null, "kubernetes").orElseThrow().meta().beingDeleted(),
                "kubernetes.default still holds 10.96.0.1");
    }

    @Test
    void goingDualStackUpgradesTheDefaultObjectAndTheServicesAsked() throws Exception {
        Rehearsal r = rehearsed(plan(SINGLE_STACK), ScenarioKind.SINGLE_TO_DUAL, "fd00:96::/112");
        ApiServer api = r.cluster();
        assertEquals(List.of("10.96.0.0/16", "fd00:96::/112"),
                api.<ServiceCidr>get(Kind.SERVICE_CIDR, null, "kubernetes").cidrs());
        Service web = api.get(Kind.SERVICE, "default", "web");
        assertEquals(List.of("IPv4", "IPv6"), web.spec().ipFamiliesOrEmpty());
        assertEquals(1, api.<Service>get(Kind.SERVICE, "default", "kubernetes").spec().clusterIPsOrEmpty().size(),
                "kubernetes.default stays single-stack");
        // Step 3's diff shows the second apiserver's inconsistency while only the first had the new flags.
        assertTrue(r.done().get(2).diff().lines().stream().anyMatch(l -> l.what()
                .equals("event KubernetesDefaultServiceCIDRInconsistent")));
    }

    @Test
    void goingSingleStackReplacesTheDefaultObjectAndRenumbersIpv6OnlyServices() throws Exception {
        Rehearsal r = rehearsed(demo(), ScenarioKind.DUAL_TO_SINGLE, null);
        ApiServer api = r.cluster();
        assertEquals(List.of("10.96.0.0/24"), api.<ServiceCidr>get(Kind.SERVICE_CIDR, null, "kubernetes").cidrs());
        Service prometheus = api.get(Kind.SERVICE, "monitoring", "prometheus");
        assertEquals(List.of("IPv4"), prometheus.spec().ipFamiliesOrEmpty());
        Service frontend = api.get(Kind.SERVICE, "shop", "frontend");
        assertEquals(List.of("10.96.0.35"), frontend.spec().clusterIPsOrEmpty(), "a downgrade keeps the primary IP");
        assertEquals(List.of(IpFamily.IPv4), api.serviceFamilies());
    }

    @Test
    void theDemoGoesDualStackAgainAfterItsSingleStackEndStateIsApplied() throws Exception {
        Scenario refused = Scenarios.build(demo(), ScenarioKind.SINGLE_TO_DUAL, Optional.empty());
        assertFalse(refused.ready(), "the demo is dual-stack already");
        assertTrue(refused.preflight().stream().anyMatch(f -> f.fix().contains("dual-to-single")));
        ClusterState single = rehearsed(demo(), ScenarioKind.DUAL_TO_SINGLE, null).cluster().snapshot();
        Rehearsal back = rehearsed(single, ScenarioKind.SINGLE_TO_DUAL, null);
        ApiServer api = back.cluster();
        assertEquals(2, api.<ServiceCidr>get(Kind.SERVICE_CIDR, null, "kubernetes").cidrs().size());
        assertEquals(List.of(IpFamily.IPv4, IpFamily.IPv6), api.serviceFamilies());
    }

    @Test
    void backRestoresTheStateBeforeTheStepAndJumpRunsForward() throws Exception {
        Scenario s = Scenarios.build(demo(), ScenarioKind.REPLACE_PRIMARY, Optional.of("10.96.16.0/20"));
        Rehearsal r = new Rehearsal(s);
        r.jumpTo(3);
        long atThree = r.cluster().state().contentVersion();
        r.runNext();
        assertTrue(r.cluster().get(Kind.SERVICE_CIDR, null, "kubernetes") instanceof ServiceCidr sc
                && sc.meta().beingDeleted());
        r.back();
        assertEquals(3, r.position());
        assertEquals(atThree, r.cluster().state().contentVersion());
        assertFalse(r.cluster().<ServiceCidr>get(Kind.SERVICE_CIDR, null, "kubernetes").meta().beingDeleted());
        r.jumpTo(0);
        assertEquals(r.stateBefore(0).contentVersion(), r.cluster().state().contentVersion());
        r.jumpTo(7);
        assertTrue(r.finished());
        assertThrows(Rehearsal.Refused.class, r::runNext);
    }

    @Test
    void aScenarioWhosePreflightFailedRefusesToStart() throws Exception {
        Scenario s = Scenarios.build(demo(), ScenarioKind.SINGLE_TO_DUAL, Optional.empty());
        assertFalse(s.ready());
        Rehearsal.Refused e = assertThrows(Rehearsal.Refused.class, () -> new Rehearsal(s).runNext());
        assertEquals("the pre-flight checks failed: fix them before step 1", e.getMessage());
    }

    @Test
    void apiserversThatDisagreeFailThePreflight() throws Exception {
        ClusterState p = plan(SINGLE_STACK.replace("{name: cp-2}", "{name: cp-2, serviceClusterIPRange: 10.100.0.0/16}"));
        assertEquals(List.of("10.96.0.0/16", "10.100.0.0/16"), p.apiServers().stream()
                .map(ApiServerInstance::flags).map(f -> f.text()).toList());
        Scenario s = Scenarios.build(p, ScenarioKind.EXTEND, Optional.empty());
        PreflightFinding f = s.preflight().get(0);
        assertEquals(PreflightFinding.Verdict.FAIL, f.verdict());
        assertEquals("cp-2 runs with --service-cluster-ip-range=10.100.0.0/16, cp-1 with 10.96.0.0/16.", f.reason());
    }
}
