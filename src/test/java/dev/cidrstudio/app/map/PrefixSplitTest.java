package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting a prefix into halves or /N with the allocations in each subnet. */
class PrefixSplitTest {

    private static MapSpace space(String prefix, int... used) {
        Cidr c = IpParsing.parseCidr(prefix).orElseThrow();
        UsedAddressSet set = new UsedAddressSet(c.family());
        for (int u : used) {
            set.add(c.network().plus(u));
        }
        return MapSpace.of("s", c, set, null, List.of(), false);
    }

    @Test
    void halvesAndQuartersOfASlash24() {
        MapSpace s = space("10.96.0.0/24", 1, 10, 130, 255);
        assertEquals(List.of(new PrefixSplit.Subnet("10.96.0.0/25", "10.96.0.0", "10.96.0.127", "128", 2),
                new PrefixSplit.Subnet("10.96.0.128/25", "10.96.0.128", "10.96.0.255", "128", 2)),
                PrefixSplit.split(s, 25));
        assertEquals(List.of(2L, 0L, 1L, 1L), PrefixSplit.split(s, 26).stream().map(PrefixSplit.Subnet::allocated)
                .toList());
        assertEquals(List.of(25, 26, 27, 28, 29, 30, 31, 32), PrefixSplit.choices(s));
    }

    @Test
    void refusesWhatCannotBeListed() {
        MapSpace s = space("10.0.0.0/12");
        assertEquals("/12 is not longer than 10.0.0.0/12", PrefixSplit.refusal(s, 12));
        assertEquals("10.0.0.0/12 has 4096 /24 subnets; at most 256 are listed (choose /20 or shorter)",
                PrefixSplit.refusal(s, 24));
        assertThrows(IllegalArgumentException.class, () -> PrefixSplit.split(s, 33));
        assertNull(PrefixSplit.refusal(s, 20));
        assertEquals(256, PrefixSplit.split(s, 20).size());
        MapSpace v6 = space("fd00::/60");
        assertEquals("the map holds the first /64 of fd00::/60 (the allocator serves no more); split into /64 "
                + "or longer", PrefixSplit.refusal(v6, 62));
    }

    @Test
    void ipv6SubnetsCountTheirAddresses() {
        MapSpace s = space("fd00:10:96::/112", 1, 0x8001);
        List<PrefixSplit.Subnet> halves = PrefixSplit.split(s, 113);
        assertEquals("fd00:10:96::8000/113", halves.get(1).cidr());
        assertEquals("fd00:10:96::ffff", halves.get(1).last());
        assertEquals("32,768", halves.get(1).size());
        assertEquals(1, halves.get(1).allocated());
    }
}
