package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The linear view: bands, allocations and ticks per column; counts by range match the addresses one by one. */
class LinearStripTest {

    private static Cidr cidr(String s) {
        return IpParsing.parseCidr(s).orElseThrow();
    }

    @Test
    void aSlash24InSixteenColumns() {
        Cidr c = cidr("10.96.0.0/24");
        UsedAddressSet used = new UsedAddressSet(c.family());
        used.add(c.network().plus(1));
        used.add(c.network().plus(200));
        MapSpace space = MapSpace.of("kubernetes", c, used, c.network().plus(1), List.of(), false);
        MapRenderer.Style s = MapTheme.light();
        LinearStrip.Strip strip = LinearStrip.render(space, 16, s);
        assertEquals(s.kubernetes(), strip.columns()[0], "kubernetes.default in the first 16 addresses");
        assertEquals(List.of(0), strip.marks());
        // 10.96.0.200 is in column 12 (addresses 192-207): one of 16 used.
        assertEquals(MapRenderer.heat(s, 4, 16), strip.columns()[12], "shown at a quarter at least");
        // A /24's static band is 10.96.0.1-16 (min(max(16, 256/16), 256) addresses): column 2 is dynamic.
        assertEquals(s.freeStatic(), strip.columns()[1]);
        assertEquals(s.freeDynamic(), strip.columns()[2]);
        assertEquals(List.of("10.96.0.0", "static | dynamic  10.96.0.17", "10.96.0.255"),
                strip.ticks().stream().map(LinearStrip.Tick::label).toList());
    }

    @Test
    void anIpv6Slash64CostsOneCountPerColumn() {
        Cidr c = cidr("fd00::/64");
        UsedAddressSet used = new UsedAddressSet(c.family());
        used.add(c.network().plus(-2L >>> 1));
        MapSpace space = MapSpace.of("v6", c, used, null, List.of(), false);
        LinearStrip.Strip strip = LinearStrip.render(space, 400, MapTheme.light());
        assertEquals(400, strip.columns().length);
        assertNotEquals(MapTheme.light().freeDynamic(), strip.columns()[199], "the middle address is used");
        assertEquals("fd00::ffff:ffff:ffff:ffff", strip.ticks().get(strip.ticks().size() - 1).label());
    }

    @Property(tries = 200)
    void countsByRangeMatchTheAddresses(@ForAll @Size(max = 40) List<@IntRange(min = 0, max = 1023) Integer> ips,
            @ForAll @IntRange(min = 0, max = 1023) int a, @ForAll @IntRange(min = 0, max = 1023) int b) {
        for (String prefix : List.of("10.0.0.0/22", "fd00::/54")) {
            Cidr c = cidr(prefix);
            UsedAddressSet used = new UsedAddressSet(c.family());
            ips.forEach(i -> used.add(c.network().plus(i)));
            MapSpace space = MapSpace.of("s", c, used, null, List.of(), false);
            int from = Math.min(a, b);
            int to = Math.max(a, b);
            long expected = ips.stream().distinct().filter(i -> i >= from && i <= to).count();
            assertEquals(expected, space.countRange(from, to), prefix + " [" + from + ", " + to + "]");
        }
    }
}
