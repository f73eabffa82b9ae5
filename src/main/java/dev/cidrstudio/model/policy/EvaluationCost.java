package dev.cidrstudio.model.policy;

/**
 * The runtime cost of one expression's evaluation, as cel-go's cost tracker keeps it: every evaluated step and the
 * size of what it produced are charged, and the evaluation is cancelled once the cost passes its limit. A library
 * function that builds something whose size its arguments choose ({@code lists.range(n)}, {@code replace}) charges
 * or checks that size here <em>before</em> allocating, so the limit fires before memory runs out.
 *
 * <p>The evaluation in progress on a thread is found through a thread-local: cel-java calls bindings with their
 * arguments only, and an evaluation runs on the thread that started it.
 */
final class EvaluationCost {

    private static final ThreadLocal<EvaluationCost> CURRENT = new ThreadLocal<>();

    private final long limit;
    private long used;
    private boolean exceeded;

    private EvaluationCost(long limit) {
        this.limit = limit;
    }

    /** Starts metering on this thread; {@link #close()} ends it. */
    static EvaluationCost start(long limit) {
        EvaluationCost c = new EvaluationCost(limit);
        CURRENT.set(c);
        return c;
    }

    void close() {
        CURRENT.remove();
    }

    long used() {
        return used;
    }

    /**
     * Whether the limit was passed at any point. A cancelled evaluation stays cancelled even where CEL would absorb
     * an error ({@code e || true}), as cel-go's cancellation is not an error value.
     */
    boolean exceeded() {
        return exceeded;
    }

    /** Adds {@code cost}; throws once the total passes the limit. */
    void charge(long cost) {
        used = cost > Long.MAX_VALUE - used ? Long.MAX_VALUE : used + cost;
        if (used > limit) {
            exceeded = true;
            throw new Exceeded();
        }
    }

    /** Throws when {@code cost} more would pass the limit, without charging it (the step is charged after). */
    void ensureRoom(long cost) {
        if (cost > limit - used) {
            exceeded = true;
            throw new Exceeded();
        }
    }

    /**
     * The evaluation in progress on this thread; outside one (a program run directly), a fresh one with the
     * per-expression limit, so a library call alone can still not allocate past it.
     */
    static EvaluationCost current() {
        EvaluationCost c = CURRENT.get();
        return c != null ? c : new EvaluationCost(KubeCel.PER_CALL_LIMIT);
    }

    /** Thrown to stop a runaway expression. */
    static final class Exceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exceeded() {
            super(KubeCel.COST_EXCEEDED, null, false, false);
        }
    }
}
