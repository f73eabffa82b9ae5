package dev.cidrstudio.model.cluster;

/**
 * An open transaction on the control plane ({@link ApiServer#begin()}): it ends with {@link #commit()} or
 * {@link #rollback()}, innermost first. Closing one that has not ended rolls it back, so try-with-resources makes
 * a block all-or-nothing.
 */
public final class Transaction implements AutoCloseable {

    private final Journal journal;
    private final Journal.Savepoint savepoint;
    private final Runnable afterRollback;
    private boolean ended;

    Transaction(Journal journal, Journal.Savepoint savepoint, Runnable afterRollback) {
        this.journal = journal;
        this.savepoint = savepoint;
        this.afterRollback = afterRollback;
    }

    /** Keeps its changes; an inner transaction's stay undoable as part of the outer one. */
    public void commit() {
        requireOpen();
        journal.commit(savepoint);
        ended = true;
    }

    /** Puts the whole simulation back as it was when the transaction began. */
    public void rollback() {
        requireOpen();
        journal.rollback(savepoint);
        ended = true;
        afterRollback.run();
    }

    public boolean open() {
        return !ended;
    }

    /** Rolls back unless it has ended. */
    @Override
    public void close() {
        if (!ended) {
            rollback();
        }
    }

    private void requireOpen() {
        if (ended) {
            throw new IllegalStateException("the transaction has already ended");
        }
    }
}
