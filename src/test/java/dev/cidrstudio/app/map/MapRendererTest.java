package dev.cidrstudio.app.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.Cidr;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MapRendererTest {

    private static final MapRenderer.Style S = MapTheme.light();

    private static int at(int[] px, MapViewport vp, MapLayout l, long offset) {
        long cell = l.cellOf(offset);
        int side = 1 << -vp.level();
        long x = ((cell >>> 32) << -vp.level()) - vp.x() + side / 3;
        long y = ((cell & 0xFFFF_FFFFL) << -vp.level()) - vp.y() + side / 3;
        return px[(int) (y * vp.width() + x)];
    }

    @Test
    void aSlash28ShowsReservedStaticUsedAndKubernetesAddressesAtAddressZoom() {
        Cidr c = MapLayoutPropertiesTest.cidr("10.96.0.0/28");
        UsedAddressSet used = new UsedAddressSet(c.family());
        used.add(c.network().plus(1));
        used.add(c.network().plus(5));
        used.add(c.network().plus(9));
        MapSpace space = MapSpace.of("kubernetes", c, used, c.network().plus(1), List.of(), false);
        MapViewport vp = MapViewport.fit(space.layout(), 256, 256);
        assertEquals(-6, vp.level()); // 4 x 4 addresses at 64 px each
        Map<Long, String> ns = Map.of(5L, "shop", 9L, "monitoring");
        int[] px = MapRenderer.render(space, vp, S, o -> ns.get(o), List.of("shop", "monitoring"));
        MapLayout l = space.layout();
        assertEquals(S.reserved(), at(px, vp, l, 0));
        assertEquals(S.reserved(), at(px, vp, l, 15));
        assertEquals(S.kubernetes(), at(px, vp, l, 1));
        assertEquals(MapRenderer.namespaceColor(S, 0), at(px, vp, l, 5));
        assertEquals(MapRenderer.namespaceColor(S, 1), at(px, vp, l, 9));
        assertEquals(S.freeDynamic(), at(px, vp, l, 7));
    }

    @Test
    void theStaticBandOfASlash24IsItsFirstSixteenUsableAddresses() {
        Cidr c = MapLayoutPropertiesTest.cidr("10.96.0.0/24");
        MapSpace space = MapSpace.of("s", c, new UsedAddressSet(c.family()), null, List.of(), false);
        MapViewport vp = MapViewport.fit(space.layout(), 256, 256);
        assertEquals(-4, vp.level());
        int[] px = MapRenderer.render(space, vp, S, null, List.of());
        MapLayout l = space.layout();
        assertEquals(S.freeStatic(), at(px, vp, l, 1));
        assertEquals(S.freeStatic(), at(px, vp, l, 16));
        assertEquals(S.freeDynamic(), at(px, vp, l, 17));
        assertEquals(S.reserved(), at(px, vp, l, 255));
        assertEquals(MapSpace.Band.STATIC, space.band(16));
        assertEquals(MapSpace.Band.DYNAMIC, space.band(17));
    }

    @Test
    void coarseZoomShadesBlocksByHowFullTheyAre() {
        Cidr c = MapLayoutPropertiesTest.cidr("10.96.0.0/16");
        UsedAddressSet used = new UsedAddressSet(c.family());
        for (int i = 0; i < 4096; i++) {
            used.add(c.network().plus(i)); // the first 64 x 64 block: full
        }
        for (int i = 4096; i < 4096 + 1024; i++) {
            used.add(c.network().plus(i)); // a quarter of the next
        }
        MapSpace space = MapSpace.of("s", c, used, null, List.of(), false);
        MapViewport vp = new MapViewport(6, 0, 0, 4, 4); // each pixel a 64 x 64 block
        int[] px = MapRenderer.render(space, vp, S, null, List.of());
        MapLayout l = space.layout();
        long first = l.cellOf(0);
        long second = l.cellOf(4096);
        int full = px[(int) (((first & 0xFFFF_FFFFL) >>> 6) * 4 + ((first >>> 32) >>> 6))];
        int quarter = px[(int) (((second & 0xFFFF_FFFFL) >>> 6) * 4 + ((second >>> 32) >>> 6))];
        assertEquals(S.heatHigh(), full);
        assertEquals(MapRenderer.heat(S, 1, 4), quarter);
        assertNotEquals(full, quarter);
    }

    @Test
    void pendingDeletionIsHatchedAndOverlapsMarked() {
        Cidr c = MapLayoutPropertiesTest.cidr("10.96.0.0/24");
        UsedAddressSet used = new UsedAddressSet(c.family());
        MapSpace pending = MapSpace.of("old", c, used, null, List.of(), true);
        MapViewport vp = MapViewport.fit(pending.layout(), 64, 64);
        int[] px = MapRenderer.render(pending, vp, S, null, List.of());
        assertEquals(S.pending(), px[0]);
        MapSpace overlapped = MapSpace.of("a", c, used, null, List.of(Map.entry("b",
                MapLayoutPropertiesTest.cidr("10.96.0.0/25"))), false);
        assertEquals("b", overlapped.overlapAt(3, 3));
        assertEquals(null, overlapped.overlapAt(200, 200));
    }
}
