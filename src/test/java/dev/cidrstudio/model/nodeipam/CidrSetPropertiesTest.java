package dev.cidrstudio.model.nodeipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cidrstudio.model.net.Cidr;
import dev.cidrstudio.model.net.IpAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The node-block bitmap against a model written as Go's loop: a boolean per block and a next candidate. Any
 * sequence of allocations, releases and occupations hands out the same blocks in the same order, never one that is
 * held, and a released block can be had again.
 */
class CidrSetPropertiesTest {

    /** Go's {@code AllocateNext}, literally, over a plain array. */
    private static final class GoModel {
        final boolean[] used;
        int next;
        int allocated;

        GoModel(int size) {
            used = new boolean[size];
        }

        int allocateNext() {
            if (allocated == used.length) {
                return -1;
            }
            int candidate = next;
            for (int i = 0; i < used.length; i++) {
                if (!used[candidate]) {
                    break;
                }
                candidate = (candidate + 1) % used.length;
            }
            next = (candidate + 1) % used.length;
            used[candidate] = true;
            allocated++;
            return candidate;
        }

        void set(int from, int to, boolean value) {
            for (int i = from; i <= to; i++) {
                if (used[i] != value) {
                    used[i] = value;
                    allocated += value ? 1 : -1;
                }
            }
        }
    }

    private static Cidr cluster(boolean ipv6, int prefix) {
        return ipv6 ? Cidr.containing(IpAddress.ipv6(0xfd00_0010_0244_0000L, 0), prefix)
                : Cidr.containing(IpAddress.ipv4(0x0AF4_0000L), prefix);
    }

    /**
     * Each op is a code: 0-5 allocate, 6-7 release one held block, 8 occupy a block, 9 release a run of blocks
     * ({@code arg} picks which).
     */
    @Property(tries = 300)
    void behavesLikeGosLoop(@ForAll boolean ipv6, @ForAll @IntRange(min = 0, max = 7) int bits,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> ops,
            @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1_000_000) Integer> args) throws Exception {
        int clusterPrefix = ipv6 ? 48 : 16;
        int nodeMask = clusterPrefix + bits;
        Cidr clusterCidr = cluster(ipv6, clusterPrefix);
        CidrSet set = CidrSet.newCidrSet(clusterCidr, nodeMask);
        GoModel model = new GoModel(1 << bits);
        List<Cidr> held = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            int op = ops.get(i);
            int arg = i < args.size() ? args.get(i) : i;
            if (op <= 5) {
                int expected = model.allocateNext();
                if (expected < 0) {
                    assertThrows(NodeIpamException.class, set::allocateNext);
                } else {
                    Cidr got = set.allocateNext();
                    assertEquals(set.indexToCidrBlock(expected), got, "the Go order");
                    assertFalse(held.contains(got), "handed out twice: " + got);
                    held.add(got);
                }
            } else if (op <= 7 && !held.isEmpty()) {
                Cidr c = held.remove(arg % held.size());
                set.release(c);
                int index = set.getIndexForIp(c.network());
                model.set(index, index, false);
                assertFalse(set.isUsed(index));
            } else if (op == 8) {
                int index = arg % (1 << bits);
                Cidr c = set.indexToCidrBlock(index);
                set.occupy(c);
                model.set(index, index, true);
                held.remove(c);
            } else if (op == 9) {
                int len = Math.min(bits, arg % 3);
                int start = (arg >>> 2) % (1 << bits) & ~((1 << len) - 1);
                Cidr run = Cidr.containing(set.indexToCidrBlock(start).network(), nodeMask - len);
                set.release(run);
                model.set(start, start + (1 << len) - 1, false);
                held.removeIf(run::containsCidr);
            }
            assertEquals(model.allocated, set.allocatedCidrs());
            assertEquals(model.next, set.nextCandidate());
        }
        Set<Cidr> distinct = new HashSet<>(held);
        assertEquals(held.size(), distinct.size());
    }

    /** A block given back is handed out again once every other is taken. */
    @Property(tries = 100)
    void releaseMakesABlockAvailableAgain(@ForAll @IntRange(min = 0, max = 6) int bits,
            @ForAll @IntRange(min = 0, max = 1000) int pick) throws Exception {
        CidrSet set = CidrSet.newCidrSet(cluster(false, 20), 20 + bits);
        List<Cidr> all = new ArrayList<>();
        for (int i = 0; i < 1 << bits; i++) {
            all.add(set.allocateNext());
        }
        assertThrows(NodeIpamException.class, set::allocateNext);
        Cidr back = all.get(pick % all.size());
        set.release(back);
        assertEquals(back, set.allocateNext());
        assertThrows(NodeIpamException.class, set::allocateNext);
    }

    /** Round-robin: a released block is not handed out again before the allocator has gone round. */
    @Test
    void aReleasedBlockWaitsItsTurn() throws Exception {
        CidrSet set = CidrSet.newCidrSet(cluster(false, 16), 24);
        Cidr first = set.allocateNext();
        assertEquals("10.244.0.0/24", first.toString());
        assertEquals("10.244.1.0/24", set.allocateNext().toString());
        set.release(first);
        assertEquals("10.244.2.0/24", set.allocateNext().toString());
        assertTrue(set.isUsed(1));
        assertFalse(set.isUsed(0));
    }
}
