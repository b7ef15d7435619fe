package io.coffer.inspect;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * Measures how many bytes the current thread allocates while it runs something, with the JVM's
 * own per-thread counter. A test that a hostile file costs little memory compares this figure
 * with a bound far below what following the file's lengths would have allocated.
 */
final class Budget {

    private Budget() {
    }

    /** The result of one measured run and the bytes it allocated. */
    record Measured<T>(T result, long allocatedBytes) {
    }

    static <T> Measured<T> measure(Supplier<T> action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        T result = action.get();
        long after = threads.getCurrentThreadAllocatedBytes();
        return new Measured<>(result, after - before);
    }
}
