package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.RandomSource;
import java.util.BitSet;

/** The NodePort allocator over {@code --service-node-port-range} (30000-32767), with KEP-3668's static band. */
final class NodePortAllocator {

    static final String ALLOCATED = "provided port is already allocated";
    static final String FULL = "range is full";

    private NodePortAllocator() {
    }

    static String notInRange() {
        return "provided port is not in the valid range. The range of valid ports is " + ClusterState.NODE_PORT_BASE
                + "-" + (ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE - 1);
    }

    /** {@code calculateRangeOffset} of the port allocator: min 16, max 128, step 32. */
    static int rangeOffset() {
        int size = ClusterState.NODE_PORT_SIZE;
        if (size < 16) {
            return 0;
        }
        return Math.max(16, Math.min(128, size / 32));
    }

    static String checkStatic(BitSet used, int port) {
        int i = port - ClusterState.NODE_PORT_BASE;
        if (i < 0 || i >= ClusterState.NODE_PORT_SIZE) {
            return notInRange();
        }
        return used.get(i) ? ALLOCATED : null;
    }

    /** A free port (upper band first), or -1 when full. */
    static int next(BitSet used, RandomSource random) {
        int offset = rangeOffset();
        int found = scan(used, offset, ClusterState.NODE_PORT_SIZE - offset, random);
        if (found < 0 && offset > 0) {
            found = scan(used, 0, offset, random);
        }
        return found < 0 ? -1 : ClusterState.NODE_PORT_BASE + found;
    }

    private static int scan(BitSet used, int start, int size, RandomSource random) {
        int from = start + random.nextInt(size);
        int end = start + size;
        int hit = used.nextClearBit(from);
        if (hit < end) {
            return hit;
        }
        hit = used.nextClearBit(start);
        return hit < from ? hit : -1;
    }
}
