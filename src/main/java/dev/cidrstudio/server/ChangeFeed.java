package dev.cidrstudio.server;

import dev.cidrstudio.app.PlanChange;
import dev.cidrstudio.app.PlanSession;
import dev.cidrstudio.model.cluster.ClusterState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What watches wait on: hears the plan's changes (each {@link PlanChange} after the session published a new
 * snapshot), keeps the last snapshots so a watch can start at the {@code resourceVersion} its list returned, and wakes
 * the watches. Snapshots are immutable and share their unchanged objects, so keeping a few costs little.
 */
final class ChangeFeed implements Consumer<PlanChange>, AutoCloseable {

    /** How many published snapshots a watch can start from. */
    static final int HISTORY = 128;

    private final PlanSession session;
    private final Deque<ClusterState> history = new ArrayDeque<>();
    private boolean closed;

    ChangeFeed(PlanSession session) {
        this.session = session;
        history.add(session.current());
        session.onChange(this);
    }

    @Override
    public synchronized void accept(PlanChange change) {
        ClusterState now = session.current();
        if (history.peekLast() != now) {
            history.addLast(now);
            while (history.size() > HISTORY) {
                history.removeFirst();
            }
        }
        notifyAll();
    }

    /** The newest kept snapshot whose list resourceVersion this is; empty when none is kept. */
    synchronized Optional<ClusterState> at(long resourceVersion) {
        for (Iterator<ClusterState> it = history.descendingIterator(); it.hasNext();) {
            ClusterState s = it.next();
            if (s.resourceVersionCounter() == resourceVersion) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Waits up to {@code millis} for the plan to differ from {@code seen}; returns the plan as it is then, or
     * empty once the feed is closed (the server stops).
     */
    synchronized Optional<ClusterState> awaitChange(ClusterState seen, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!closed && session.current() == seen) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return closed ? Optional.empty() : Optional.of(session.current());
    }

    ClusterState current() {
        return session.current();
    }

    /** Ends every watch and stops listening. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            history.clear();
            notifyAll();
        }
        session.removeOnChange(this);
    }
}
