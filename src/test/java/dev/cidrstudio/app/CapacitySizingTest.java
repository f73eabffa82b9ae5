package dev.cidrstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.net.IpFamily;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Sizing against a headroom target, the Used% figures and the threshold warning. */
class CapacitySizingTest {

    private static PlanLoader.Result plan(String range, int services) throws Exception {
        StringBuilder sb = new StringBuilder("""
                apiVersion: cidrstudio.dev/v1alpha1
                kind: Cluster
                metadata: {name: t}
                spec:
                  serviceClusterIPRange: %s
                  clusterDNS: none
                """.formatted(range));
        for (int i = 0; i < services; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append(", namespace: default}\nspec: {ports: [{port: 80}]}\n");
        }
        return PlanLoader.load("t.yaml", sb.toString());
    }

    @Test
    void growthIsRoundedUpAndBothNeedsCount() throws Exception {
        var st = plan("10.96.0.0/24", 9).api().state();
        // 10 in use (9 + kubernetes); 25% growth is 3 (2.5 rounded up), on top of room for 2 more.
        var s = CapacitySizing.size(st, IpFamily.IPv4, new CapacitySizing.Headroom(2, 25));
        assertEquals(10, s.inUse());
        assertEquals(5, s.wanted());
        assertEquals("room for 2 more and 25% growth (3 more): 5 more", s.basis());
        assertTrue(s.fits());
        assertTrue(s.candidates().isEmpty());
        assertEquals("25% growth (3 more)", CapacitySizing.size(st, IpFamily.IPv4,
                new CapacitySizing.Headroom(0, 25)).basis());
        var t = CapacitySizing.size(st, IpFamily.IPv4, new CapacitySizing.Headroom(500, 0));
        assertEquals("room for 500 more", t.basis());
        assertEquals(BigInteger.valueOf(500 - 244), t.shortfall());
        assertEquals(List.of(23, 22, 21), t.candidates().stream().map(CapacitySizing.Candidate::prefixLength)
                .toList());
        for (CapacitySizing.Candidate c : t.candidates()) {
            assertTrue(c.usable().compareTo(t.shortfall()) >= 0, c.toString());
            assertFalse(c.cidr().startsWith("10.96.0."), "never the existing range: " + c);
        }
        assertTrue(t.describe().endsWith("Short by 256: add a ServiceCIDR of at least /23."), t.describe());
    }

    @Test
    void aNegativeTargetIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CapacitySizing.Headroom(-1, 0));
    }

    @Test
    void percentagesUnderATenthShowAsLessThan() {
        assertEquals("0%", CapacitySizing.percent(BigInteger.ZERO, BigInteger.TEN));
        assertEquals("<0.1%", CapacitySizing.percent(BigInteger.ONE, BigInteger.valueOf(65_535)));
        assertEquals("1.6%", CapacitySizing.percent(BigInteger.valueOf(4), BigInteger.valueOf(254)));
        assertEquals("100%", CapacitySizing.percent(BigInteger.TEN, BigInteger.TEN));
        assertEquals("0%", CapacitySizing.percent(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Test
    void thePrefixOverTheMarkIsNamed() throws Exception {
        // A /28 has 14 usable; 12 used (11 + kubernetes) is 85.7%.
        var warnings = CapacitySizing.thresholdWarnings(plan("10.96.0.0/28", 11).api().state());
        assertEquals(List.of("ServiceCIDR kubernetes 10.96.0.0/28 is 85.7% allocated (2 free), over the 80% mark: "
                + "see Capacity for a prefix to add"), warnings);
        assertTrue(CapacitySizing.thresholdWarnings(plan("10.96.0.0/28", 9).api().state()).isEmpty(), "71.4%");
    }

    @Property(tries = 60)
    void aCandidateAlwaysCoversTheShortfall(@ForAll @IntRange(min = 0, max = 300_000) int more) throws Exception {
        var st = DemoPlan.load().api().state();
        var s = CapacitySizing.size(st, IpFamily.IPv4, new CapacitySizing.Headroom(more, 0));
        assertEquals(s.shortfall().signum() == 0, s.candidates().isEmpty());
        for (CapacitySizing.Candidate c : s.candidates()) {
            assertTrue(c.usable().compareTo(s.shortfall()) >= 0);
        }
    }
}
