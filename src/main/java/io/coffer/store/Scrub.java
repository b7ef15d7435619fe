package io.coffer.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Rehashes every blob of a store and reports those whose bytes no longer match their name. Runs
 * one worker per core, since hashing is CPU-bound once the data is in the page cache.
 */
public final class Scrub {

    /** The outcome: how much was checked and which blobs are damaged. */
    public record Report(long blobsChecked, long bytesChecked, List<Damage> damaged) {
        public boolean clean() {
            return damaged.isEmpty();
        }
    }

    /** One damaged blob: its name, and what its bytes hash to now (null when unreadable). */
    public record Damage(Digest expected, Digest actual, String reason) {}

    private Scrub() {}

    /**
     * Checks every blob of {@code store}.
     *
     * @param progress called with the running count of blobs checked; may be a no-op
     */
    public static Report run(BlobStore store, int threads, Consumer<Long> progress) throws IOException {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, threads), namedThreads());
        List<Damage> damaged = Collections.synchronizedList(new ArrayList<>());
        AtomicLong checked = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Future<?>> pending = new ArrayList<>();
        try (Stream<Digest> digests = store.digests()) {
            digests.forEach(digest -> pending.add(workers.submit(() -> {
                check(store, digest, damaged, bytes);
                progress.accept(checked.incrementAndGet());
            })));
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("scrub interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("scrub failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            workers.shutdownNow();
        }
        List<Damage> sorted = new ArrayList<>(damaged);
        sorted.sort((a, b) -> a.expected().compareTo(b.expected()));
        return new Report(checked.get(), bytes.get(), List.copyOf(sorted));
    }

    private static void check(BlobStore store, Digest digest, List<Damage> damaged, AtomicLong bytes) {
        MessageDigest sha256 = LocalBlobStore.newSha256();
        byte[] buffer = new byte[1 << 20];
        try (SeekableByteChannel channel = store.open(digest); InputStream in = Channels.newInputStream(channel)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
                bytes.addAndGet(n);
            }
        } catch (IOException | UncheckedIOException e) {
            damaged.add(new Damage(digest, null, "unreadable: " + e.getMessage()));
            return;
        }
        Digest actual = Digest.ofBytes(sha256.digest());
        if (!actual.equals(digest)) {
            damaged.add(new Damage(digest, actual, "bytes hash to " + actual.hex()));
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "coffer-scrub-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
