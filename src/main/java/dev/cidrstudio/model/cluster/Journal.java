package dev.cidrstudio.model.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The undo log of a control plane's open transactions. While one is open, every change to the state is recorded
 * with how to take it back, so a rollback costs as much as the changes it undoes, not the size of the plan. Nested
 * transactions are savepoints in the same log: rolling back the inner one undoes only its own part.
 */
final class Journal {

    /** Where a transaction began: its position in the log and how to put the state's small parts back. */
    static final class Savepoint {
        private final int mark;
        private final Runnable restoreScalars;

        private Savepoint(int mark, Runnable restoreScalars) {
            this.mark = mark;
            this.restoreScalars = restoreScalars;
        }
    }

    private final List<Runnable> undo = new ArrayList<>();
    private final ArrayDeque<Savepoint> open = new ArrayDeque<>();
    private boolean undoing;

    /** Whether a change now must be recorded (a transaction is open and not being rolled back). */
    boolean recording() {
        return !open.isEmpty() && !undoing;
    }

    void record(Runnable takeBack) {
        if (recording()) {
            undo.add(takeBack);
        }
    }

    int depth() {
        return open.size();
    }

    Savepoint begin(ClusterState state) {
        Savepoint sp = new Savepoint(undo.size(), state.captureScalars());
        open.push(sp);
        return sp;
    }

    /** Keeps what happened since the savepoint; inside an outer transaction it stays undoable as part of it. */
    void commit(Savepoint sp) {
        requireInnermost(sp);
        open.pop();
        if (open.isEmpty()) {
            undo.clear();
        }
    }

    /** Undoes everything since the savepoint, newest first, then puts the clock, counters and flags back. */
    void rollback(Savepoint sp) {
        requireInnermost(sp);
        undoing = true;
        try {
            for (int i = undo.size() - 1; i >= sp.mark; i--) {
                undo.remove(i).run();
            }
            sp.restoreScalars.run();
        } finally {
            undoing = false;
            open.pop();
        }
    }

    private void requireInnermost(Savepoint sp) {
        if (open.peek() != sp) {
            throw new IllegalStateException(open.contains(sp) ? "an inner transaction is still open"
                    : "the transaction has already ended");
        }
    }
}
