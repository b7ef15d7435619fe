package io.coffer.versions;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a property as many tries on generated input. Each run starts from a fresh seed unless the
 * system property {@code coffer.test.seed} fixes one, so the suite keeps exploring new cases; a
 * failure names the seed, and running again with {@code -Dcoffer.test.seed=...} repeats it exactly.
 */
final class Trials {

    private Trials() {
    }

    /** Runs {@code trial} {@code tries} times, each with its own generator derived from one seed. */
    static void repeat(int tries, Consumer<Random> trial) {
        long seed = Long.getLong("coffer.test.seed", new Random().nextLong());
        for (int i = 0; i < tries; i++) {
            Random random = new Random(seed + i);
            try {
                trial.accept(random);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("Try " + (i + 1) + " of " + tries + " failed; repeat it with "
                        + "-Dcoffer.test.seed=" + seed + ": " + e.getMessage(), e);
            }
        }
    }
}
