package dev.cidrstudio.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cidrstudio.model.allocator.UsedAddressSet;
import dev.cidrstudio.model.net.IpAddress;
import dev.cidrstudio.model.net.IpFamily;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The sparse/dense address set behaves exactly like a plain sorted set of offsets. */
class UsedAddressSetPropertiesTest {

    @Property(tries = 200)
    void agreesWithASortedSet(@ForAll @Size(max = 400) List<@IntRange(min = 0, max = 20_000) Integer> adds,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 20_000) Integer> removes,
            @ForAll @IntRange(min = 0, max = 20_000) int from, @ForAll @IntRange(min = 0, max = 20_000) int to) {
        IpAddress base = IpAddress.ipv6(0x20010db8L << 32, 0);
        UsedAddressSet set = new UsedAddressSet(IpFamily.IPv6);
        TreeSet<Integer> model = new TreeSet<>();
        for (int a : adds) {
            assertEquals(model.add(a), set.add(base.plus(a)));
        }
        for (int r : removes) {
            assertEquals(model.remove(r), set.remove(base.plus(r)));
        }
        assertEquals(model.size(), set.size());
        int lo = Math.min(from, to);
        int hi = Math.max(from, to);
        assertEquals(model.subSet(lo, true, hi, true).size(), set.countInRange(base.plus(lo), base.plus(hi)));
        int expectedFree = -1;
        for (int c = lo; c <= hi; c++) {
            if (!model.contains(c)) {
                expectedFree = c;
                break;
            }
        }
        assertEquals(expectedFree, set.nextFree(base, lo, hi));
        for (int probe = lo; probe <= Math.min(hi, lo + 50); probe++) {
            assertEquals(model.contains(probe), set.contains(base.plus(probe)));
        }
        // anyInRange tries the used addresses in order and stops at the first that passes.
        List<Long> tried = new java.util.ArrayList<>();
        boolean found = set.anyInRange(base.plus(lo), base.plus(hi), o -> {
            tried.add(o);
            return o % 3 == 0;
        });
        List<Long> expectedTried = new java.util.ArrayList<>();
        boolean expectedFound = false;
        for (int v : model.subSet(lo, true, hi, true)) {
            expectedTried.add((long) (v - lo));
            if ((v - lo) % 3 == 0) {
                expectedFound = true;
                break;
            }
        }
        assertEquals(expectedFound, found);
        assertEquals(expectedTried, tried);
    }
}
