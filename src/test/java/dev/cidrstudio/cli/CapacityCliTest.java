package dev.cidrstudio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code cidrstudio capacity}: the prefixes with Used%, the threshold warning, and sizing for a target. */
class CapacityCliTest {

    private static final String PLAN = """
            apiVersion: cidrstudio.dev/v1alpha1
            kind: Cluster
            metadata: {name: small}
            spec:
              serviceClusterIPRange: 10.96.0.0/28
              clusterCIDR: 10.244.0.0/16
              clusterDNS: none
            """ + "---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}\n"
            + services();

    private static String services() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append("}\nspec: {ports: [{port: 80}]}\n");
        }
        return sb.toString();
    }

    @Test
    void printsThePrefixesAndWarnsOverTheMark() {
        CliTest.Run r = CliTest.cli(PLAN, "capacity", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                SERVICECIDR   CIDR           STATUS   TOTAL   USABLE   ALLOCATED   FREE   USED
                kubernetes    10.96.0.0/28   Ready    16      14       12          2      85.7%
                warning: ServiceCIDR kubernetes 10.96.0.0/28 is 85.7% allocated (2 free), over the 80% mark: see \
                Capacity for a prefix to add
                """, r.out());
    }

    @Test
    void aTargetThePlanCannotMeetExitsOneWithCandidates() {
        CliTest.Run r = CliTest.cli(PLAN, "capacity", "-", "--add", "100", "--headroom", "50");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.out().contains("\nIPv4: 12 in use, 2 free. Target: room for 100 more and 50% growth (6 more): 106 more. "
                + "Short by 104: add a "
                + "ServiceCIDR of at least /25.\n  10.96.0.128/25\t126 usable\n  10.96.1.0/24\t254 usable\n"
                + "  10.96.2.0/23\t510 usable\n"), r.out());
        CliTest.Run fits = CliTest.cli(PLAN, "capacity", "-", "--headroom", "10");
        assertEquals(0, fits.code());
        assertTrue(fits.out().contains("IPv4: 12 in use, 2 free. Target: 10% growth (2 more). The plan has room"),
                fits.out());
    }

    @Test
    void badArgumentsExitTwo() {
        assertEquals(2, CliTest.cli(PLAN, "capacity", "-", "--add", "-3").code());
        assertEquals(2, CliTest.cli("kind: [", "capacity", "-").code());
    }
}
