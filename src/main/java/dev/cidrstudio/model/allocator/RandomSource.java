package dev.cidrstudio.model.allocator;

import java.util.SplittableRandom;

/**
 * Randomness for one allocation. It is derived from the cluster's seed and a draw counter, so replaying a plan
 * from the same seed picks the same addresses.
 */
public final class RandomSource {

    private final SplittableRandom random;

    public RandomSource(long seed, long sequence) {
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + sequence);
    }

    /** Uniform in {@code [0, bound)} where bound is unsigned (0 is read as 2^64). */
    public long nextUnsigned(long bound) {
        if (bound > 0) {
            return random.nextLong(bound);
        }
        while (true) {
            long r = random.nextLong();
            if (bound == 0 || Long.compareUnsigned(r, bound) < 0) {
                return r;
            }
        }
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
