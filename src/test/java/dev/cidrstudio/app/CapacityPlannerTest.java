package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.api.Kind;
import dev.cidrstudio.model.cluster.ApiServer;
import dev.cidrstudio.model.net.IpFamily;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** What-if runs of the real allocator on a copy of the demo plan. */
class CapacityPlannerTest {

    private static ApiServer demo() {
        return DemoPlan.load().api();
    }

    @Test
    void countsTheFreeAddressesOfServingRangesOnce() {
        ApiServer api = demo();
        // kubernetes 10.96.0.0/24 (254 usable, 4 used) + extra-v4 10.97.0.0/20 (4,094 usable, 2 used).
        assertEquals(BigInteger.valueOf(250 + 4092), CapacityPlanner.free(api.state()).get(IpFamily.IPv4));
        assertEquals(BigInteger.valueOf(65535 - 2), CapacityPlanner.free(api.state()).get(IpFamily.IPv6));
        assertEquals(BigInteger.valueOf(4342), CapacityPlanner.moreFit(api.state(), "RequireDualStack", null));
    }

    @Test
    void aWhatIfFillsTheRangesOnACopyAndSaysAtWhichServiceItStops() {
        ApiServer api = demo();
        int before = api.list(Kind.SERVICE, null).size();
        var r = new CapacityPlanner.Request(5000, "load", "SingleStack", IpFamily.IPv4, "svc");
        CapacityPlanner.WhatIf w = CapacityPlanner.whatIf(api, r, () -> false);
        assertEquals(4342, w.created());
        assertEquals("svc-4343", w.failedService());
        assertTrue(w.failure().contains("range is full"), w.failure());
        assertEquals(250, w.landed().get("kubernetes 10.96.0.0/24"));
        assertEquals(4092, w.landed().get("extra-v4 10.97.0.0/20"));
        assertEquals(before, api.list(Kind.SERVICE, null).size(), "the plan itself is untouched");
        assertTrue(w.describe().startsWith("4,342 of 5,000 fit; the range fills up at Service load/svc-4343:"));
    }

    @Test
    void dualStackServicesAllFitWhenThereIsRoom() {
        var w = CapacityPlanner.whatIf(demo(), new CapacityPlanner.Request(300, "web", "RequireDualStack", null,
                "api"), () -> false);
        assertEquals(300, w.created());
        assertNull(w.failure());
        assertEquals(300, w.landed().get("kubernetes fd00:10:96::/112"));
    }

    @Test
    void suggestsTheSmallestFreePrivateRangeThePolicyAllows() {
        ApiServer api = demo();
        var s = CapacityPlanner.suggest(api.state(), IpFamily.IPv4, 1000).orElseThrow();
        assertEquals("10.96.4.0/22", s.cidr());
        assertEquals(BigInteger.valueOf(1022), s.usable());
        var v6 = CapacityPlanner.suggest(api.state(), IpFamily.IPv6, 100_000).orElseThrow();
        // 2^17 - 1 = 131,071 usable: a /111 right after the default fd00:10:96::/112.
        assertEquals("fd00:10:96::2:0/111", v6.cidr());
        assertTrue(PolicyWorkbench.serviceCidr(api.state(), "x", java.util.List.of(v6.cidr())).outcome()
                == PolicyWorkbench.Outcome.ALLOWED);
    }

    @Test
    void theSuggestionStaysClearOfANodesPodRange() throws Exception {
        ApiServer api = demo();
        api.keep(new dev.cidrstudio.model.api.KeptObject("v1", "Node", null, "odd", java.util.Map.of("metadata",
                java.util.Map.of("name", "odd"), "spec", java.util.Map.of("podCIDRs",
                        java.util.List.of("10.96.4.0/24")))));
        var s = CapacityPlanner.suggest(api.state(), IpFamily.IPv4, 1000).orElseThrow();
        assertEquals("10.96.8.0/22", s.cidr());
    }
}
