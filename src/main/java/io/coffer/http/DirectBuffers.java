package io.coffer.http;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct buffers that downloads borrow and give back. Reading a blob into a direct buffer and
 * handing that to the connection moves the bytes from the page cache to the socket without
 * passing through the Java heap (a heap buffer costs two more copies and, fresh for each request,
 * a zeroing). At most {@code keep} buffers are kept, so at most {@code keep * size} bytes of
 * direct memory; a caller who finds none free gets a heap buffer, which is never kept.
 */
final class DirectBuffers {

    private final int size;
    private final int keep;
    private final ConcurrentLinkedQueue<ByteBuffer> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger made = new AtomicInteger();

    DirectBuffers(int size, int keep) {
        this.size = size;
        this.keep = keep;
    }

    /** A cleared buffer of {@code size} bytes; give it back with {@link #give} when done. */
    ByteBuffer take() {
        ByteBuffer buffer = free.poll();
        if (buffer != null) {
            return buffer.clear();
        }
        if (made.incrementAndGet() <= keep) {
            return ByteBuffer.allocateDirect(size);
        }
        made.decrementAndGet();
        return ByteBuffer.allocate(size);
    }

    /** Takes back a buffer from {@link #take} that no one uses any more. */
    void give(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            free.offer(buffer);
        }
    }

    /**
     * Forgets a buffer from {@link #take} that may still be in use, such as one whose write failed
     * half-way: the collector frees it once no one holds it, and the pool makes a new one.
     */
    void discard(ByteBuffer buffer) {
        if (buffer.isDirect()) {
            made.decrementAndGet();
        }
    }
}
