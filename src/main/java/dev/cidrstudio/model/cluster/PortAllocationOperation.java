package dev.cidrstudio.model.cluster;

import dev.cidrstudio.model.allocator.RandomSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code portallocator.PortAllocationOperation}: the NodePorts one Service write takes and gives back. Ports are taken
 * at once and given back only when the write commits ({@code ReleaseDeferred}); a failed write is rolled back with
 * its transaction. In a dry run nothing is taken: a requested port is refused only when it is already allocated, and
 * a port to pick is a placeholder counting up from 32769, as Kubernetes does.
 */
final class PortAllocationOperation {

    /** The first placeholder a dry run answers with is one past this ({@code lastPort = 32768}). */
    static final int DRY_RUN_LAST_PORT = 32768;

    /** An allocation that failed, with the allocator's message. */
    static final class PortAllocationException extends Exception {
        PortAllocationException(String message) {
            super(message);
        }
    }

    private final BitSet used;
    private final boolean dryRun;
    private final Supplier<RandomSource> random;
    private final List<Integer> allocated = new ArrayList<>();
    private final List<Integer> releaseDeferred = new ArrayList<>();

    PortAllocationOperation(BitSet used, boolean dryRun, Supplier<RandomSource> random) {
        this.used = used;
        this.dryRun = dryRun;
        this.random = random;
    }

    /** {@code Allocate}: the port, or {@code provided port is already allocated} / not in the valid range. */
    void allocate(long port) throws PortAllocationException {
        if (dryRun) {
            if (has(port) || allocated.contains((int) port)) {
                throw new PortAllocationException(NodePortAllocator.ALLOCATED);
            }
            allocated.add((int) port);
            return;
        }
        if (port < ClusterState.NODE_PORT_BASE || port >= ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE) {
            throw new PortAllocationException(NodePortAllocator.notInRange());
        }
        int offset = (int) port - ClusterState.NODE_PORT_BASE;
        if (used.get(offset)) {
            throw new PortAllocationException(NodePortAllocator.ALLOCATED);
        }
        used.set(offset);
        allocated.add((int) port);
    }

    /** {@code AllocateNext}: a free port (upper band first), or {@code range is full}. */
    int allocateNext() throws PortAllocationException {
        if (dryRun) {
            int lastPort = allocated.isEmpty() ? DRY_RUN_LAST_PORT
                    : allocated.stream().mapToInt(Integer::intValue).max().orElse(0);
            allocated.add(lastPort + 1);
            return lastPort + 1;
        }
        int port = NodePortAllocator.next(used, random.get());
        if (port < 0) {
            throw new PortAllocationException(NodePortAllocator.FULL);
        }
        used.set(port - ClusterState.NODE_PORT_BASE);
        allocated.add(port);
        return port;
    }

    /** {@code ReleaseDeferred}: given back when the write commits. */
    void releaseDeferred(long port) {
        if (port > 0 && port <= Integer.MAX_VALUE) {
            releaseDeferred.add((int) port);
        }
    }

    /** {@code Commit}: the deferred releases happen (a dry run keeps nothing). */
    void commit() {
        if (dryRun) {
            return;
        }
        for (int p : releaseDeferred) {
            if (p >= ClusterState.NODE_PORT_BASE && p < ClusterState.NODE_PORT_BASE + ClusterState.NODE_PORT_SIZE
                    && !allocated.contains(p)) {
                used.clear(p - ClusterState.NODE_PORT_BASE);
            }
        }
    }

    /** {@code Has}: false for a port outside the range. */
    private boolean has(long port) {
        long offset = port - ClusterState.NODE_PORT_BASE;
        return offset >= 0 && offset < ClusterState.NODE_PORT_SIZE && used.get((int) offset);
    }
}
