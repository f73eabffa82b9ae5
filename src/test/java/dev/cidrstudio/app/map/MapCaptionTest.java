package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpParsing;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The map's words: range, scale, block labels, and marks for sparse allocations. */
class MapCaptionTest {

    private static Cidr cidr(String s) {
        return IpParsing.parseCidr(s).orElseThrow();
    }

    @Test
    void theRangeIsThePrefixsFirstAndLastAddress() {
        assertEquals("start 10.97.0.0, end 10.97.15.255", MapCaption.range(MapLayout.of(cidr("10.97.0.0/20"))));
        assertEquals("start 2001:db8::, end 2001:db8::ffff:ffff:ffff:ffff",
                MapCaption.range(MapLayout.of(cidr("2001:db8::/48"))));
    }

    @Test
    void theBreadcrumbNamesThePrefixOnScreen() {
        MapLayout l = MapLayout.of(cidr("10.97.0.0/20"));
        // A 64 x 64 square: fitted at one pixel per address it is all of the prefix.
        assertEquals("all of 10.97.0.0/20", MapCaption.breadcrumb(l, MapViewport.fit(l, 64, 64)));
        // The top-left 32 x 32 quarter is the first /22; its top-left 16 x 16 is the first /24.
        assertEquals("10.97.0.0/20 \u203a 10.97.0.0/22", MapCaption.breadcrumb(l, new MapViewport(0, 0, 0, 32, 32)));
        assertEquals("10.97.0.0/20 \u203a 10.97.0.0/22 \u203a 10.97.0.0/24",
                MapCaption.breadcrumb(l, new MapViewport(0, 0, 0, 16, 16)));
        // The top-right quarter is where the curve ends: the last /22.
        assertEquals(Optional.of(cidr("10.97.12.0/22")), MapCaption.visiblePrefix(l, new MapViewport(0, 32, 0, 32, 32)));
        // Zoomed in to 4 px an address on the last address: a /32 deep down, the middle elided.
        MapViewport deep = new MapViewport(-2, 63 * 4, 0, 4, 4);
        assertEquals(Optional.of(cidr("10.97.15.255/32")), MapCaption.visiblePrefix(l, deep));
        assertEquals("10.97.0.0/20 \u203a 10.97.12.0/22 \u203a \u2026 \u203a 10.97.15.252/30 \u203a 10.97.15.255/32",
                MapCaption.breadcrumb(l, deep));
        assertEquals("off the prefix (Fit brings it back)", MapCaption.breadcrumb(l, new MapViewport(0, 500, 500, 10, 10)));
        // Around the middle of the square, where the four quarters meet: the block under the centre, the third /24
        // of the first /22 to lie at (1, 1) of the 4 x 4 blocks of /24s.
        assertEquals(Optional.of(cidr("10.97.2.0/24")), MapCaption.visiblePrefix(l, new MapViewport(0, 24, 24, 16, 16)));
        // Two squares side by side (a /21): fitted it is the whole prefix, one square is a half.
        MapLayout two = MapLayout.of(cidr("10.0.0.0/21"));
        assertEquals("all of 10.0.0.0/21", MapCaption.breadcrumb(two, MapViewport.fit(two, 64, 32)));
        assertEquals("10.0.0.0/21 \u203a 10.0.4.0/22", MapCaption.breadcrumb(two, new MapViewport(0, 32, 0, 32, 32)));
        // A /48 is drawn as its first /64.
        MapLayout wide = MapLayout.of(cidr("2001:db8::/48"));
        assertEquals("all of 2001:db8::/64", MapCaption.breadcrumb(wide, MapViewport.fit(wide, 256, 256)));
    }

    @Test
    void theScaleCountsAddressesPerScreenPixel() {
        assertEquals("1 px = 256 addresses", MapCaption.scale(new MapViewport(4, 0, 0, 10, 10), 1));
        assertEquals("1 px = 1 address", MapCaption.scale(new MapViewport(0, 0, 0, 10, 10), 1));
        assertEquals("1 address = 4 px", MapCaption.scale(new MapViewport(-2, 0, 0, 10, 10), 1));
        assertEquals("1 address = 1.5 px", MapCaption.scale(new MapViewport(0, 0, 0, 10, 10), 1.5));
        assertEquals("1 px = ~64 addresses", MapCaption.scale(new MapViewport(4, 0, 0, 10, 10), 2));
    }

    @Test
    void theFourQuartersOfAFittedPrefixAreLabelledAtTheCornerWhereTheyStart() {
        Cidr c = cidr("10.0.0.0/16");
        MapSpace space = MapSpace.of("s", c, new UsedAddressSet(c.family()), null, List.of(), false);
        // 256 x 256 addresses shown at level 0 in a 256 px view: blocks of 128 px (a quarter each) at minSide 100.
        List<MapCaption.Label> labels = MapCaption.labels(space, new MapViewport(0, 0, 0, 256, 256), 1, 100, 16);
        assertEquals(List.of("10.0.0.0", "10.0.128.0", "10.0.192.0", "10.0.64.0"),
                labels.stream().map(MapCaption.Label::text).sorted().toList());
        MapCaption.Label first = labels.stream().filter(l -> l.text().equals("10.0.0.0")).findFirst().orElseThrow();
        assertEquals(0, first.x());
        assertEquals(0, first.y());
        // The curve ends top-right: the last quarter is entered at the right edge's middle.
        MapCaption.Label last = labels.stream().filter(l -> l.text().equals("10.0.192.0")).findFirst()
                .orElseThrow();
        assertEquals(256, last.x());
        assertEquals(128, last.y());
        assertTrue(last.right() && last.bottom());
        assertTrue(MapCaption.labels(space, new MapViewport(0, 0, 0, 256, 256), 1, 10, 16).isEmpty(),
                "too many blocks: no labels rather than a crowd");
    }

    @Test
    void lonePixelsAreMarkedAndADenseViewIsNot() {
        MapRenderer.Style s = MapTheme.light();
        int[] px = new int[100];
        java.util.Arrays.fill(px, s.freeDynamic());
        px[42] = s.kubernetes();
        px[7] = s.heatLow() + 1;
        MapViewport far = new MapViewport(3, 0, 0, 10, 10);
        assertEquals(List.of(7, 42), java.util.Arrays.stream(MapCaption.marks(px, far, 1, s)).boxed().toList());
        assertEquals(0, MapCaption.marks(px, new MapViewport(-2, 0, 0, 10, 10), 1, s).length, "already 4 px wide");
        int[] dense = new int[MapCaption.MARK_LIMIT + 1];
        java.util.Arrays.fill(dense, s.kubernetes());
        assertEquals(0, MapCaption.marks(dense, new MapViewport(3, 0, 0, dense.length, 1), 1, s).length);
    }

    @Test
    void namespaceColoursNeverRepeat() {
        for (MapRenderer.Style s : List.of(MapTheme.light(), MapTheme.dark())) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (int i = 0; i < 300; i++) {
                int c = MapRenderer.namespaceColor(s, i);
                assertTrue(seen.add(c), "namespace " + i + " repeats a colour");
                assertTrue(c != s.freeDynamic() && c != s.freeStatic() && c != s.kubernetes() && c != s.outside());
            }
        }
    }

    @Test
    void aMapOfOneNamespaceShowsOnlyItsAddresses() {
        var state = dev.cidrstudio.app.DemoPlan.load().api().state();
        AddressMap all = AddressMap.of(state);
        AddressMap shop = AddressMap.of(state, "shop");
        assertEquals(all.namespaces(), shop.namespaces(), "colours stay as they were");
        long shopIps = state.<dev.cidrstudio.model.api.IpAddressObject>list(dev.cidrstudio.model.api.Kind.IP_ADDRESS)
                .stream().filter(ip -> ip.parentRef() != null && "shop".equals(ip.parentRef().namespace())).count();
        assertTrue(shopIps > 0);
        assertEquals(shopIps, shop.spaces().stream().mapToLong(MapSpace::used).sum());
        assertTrue(all.spaces().stream().mapToLong(MapSpace::used).sum() > shopIps);
    }
}
