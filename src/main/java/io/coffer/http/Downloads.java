package io.coffer.http;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.store.BlobStore;
import io.coffer.store.Digest;
import io.coffer.store.NoSuchBlobException;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a blob: whole or one byte range, with validators (ETag is the digest, which never changes
 * for a name) and RFC 9530 digests so the client can check what it received. Streams from the
 * store in fixed-size chunks through pooled direct buffers; nothing is buffered whole.
 */
final class Downloads {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final int CHUNK = 256 * 1024;
    /** Enough for every download that is writing at one moment on a small server: 16 MiB. */
    private static final int BUFFERS_KEPT = 64;

    private final BlobStore store;
    private final DirectBuffers buffers = new DirectBuffers(CHUNK, BUFFERS_KEPT);

    Downloads(BlobStore store) {
        this.store = store;
    }

    void send(Context ctx, Digest digest, String fileName, String mediaType, boolean head) throws IOException {
        long size = store.size(digest).orElseThrow(() -> new NoSuchBlobException(digest));
        String etag = "\"" + digest.hex() + "\"";
        ctx.header("ETag", etag);
        ctx.header("Accept-Ranges", "bytes");
        ctx.header("Repr-Digest", "sha-256=:" + digest.base64() + ":");
        ctx.header("Cache-Control", "private, max-age=31536000, immutable");
        if (fileName != null) {
            ctx.header("Content-Disposition", "attachment; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        ctx.contentType(mediaType == null ? "application/octet-stream" : mediaType);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.strip().equals("*"))) {
            ctx.status(304);
            return;
        }

        long start = 0;
        long end = size - 1;
        String range = ctx.header("Range");
        String ifRange = ctx.header("If-Range");
        boolean partial = range != null && (ifRange == null || ifRange.strip().equals(etag));
        if (partial) {
            long[] bounds = parseRange(range, size);
            if (bounds == null) {
                partial = false;
            } else {
                start = bounds[0];
                end = bounds[1];
                ctx.status(206);
                ctx.header("Content-Range", "bytes " + start + "-" + end + "/" + size);
            }
        }
        if (!partial) {
            ctx.status(200);
            ctx.header("Content-Digest", "sha-256=:" + digest.base64() + ":");
        }
        long length = end - start + 1;
        ctx.header("Content-Length", Long.toString(Math.max(length, 0)));
        if (head || length <= 0) {
            return;
        }
        try (SeekableByteChannel in = store.open(digest)) {
            in.position(start);
            copy(in, length, ctx.res().getOutputStream(), digest);
        }
    }

    private void copy(SeekableByteChannel in, long length, OutputStream out, Digest digest) throws IOException {
        // Jetty's own stream takes a buffer as it is; any other stream gets the bytes copied out.
        Sink sink = out instanceof HttpOutput jetty ? jetty::write : Channels.newChannel(out)::write;
        ByteBuffer buffer = buffers.take();
        long remaining = length;
        try {
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("blob " + digest + " ended " + remaining + " bytes early");
                }
                sink.write(buffer.flip());
                remaining -= n;
            }
            out.flush();
        } catch (IOException | RuntimeException e) {
            buffers.discard(buffer);
            throw e;
        }
        buffers.give(buffer);
    }

    /** Writes all the bytes remaining in a buffer, blocking until they are written or copied. */
    @FunctionalInterface
    private interface Sink {
        void write(ByteBuffer bytes) throws IOException;
    }

    /**
     * Parses a single byte range, following RFC 9110: a field that is not a valid single
     * {@code bytes} range (another unit, bad syntax, a last position before the first, several
     * ranges) is ignored and the whole content is sent, so null is returned; a valid range that
     * cannot be satisfied (starts past the end, or an empty suffix) throws.
     */
    static long[] parseRange(String header, long size) {
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new long[] {Math.max(0, size - suffix), size - 1};
            }
            long start = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (last < start) {
                return null;
            }
            if (start >= size) {
                throw unsatisfiable(header, size);
            }
            return new long[] {start, Math.min(last, size - 1)};
        } catch (NumberFormatException tooLong) {
            return null;
        }
    }

    static final class RangeNotSatisfiable extends CofferException {
        final long size;

        RangeNotSatisfiable(String message, long size) {
            super(Failure.RANGE_NOT_SATISFIABLE, message);
            this.size = size;
        }
    }

    private static RangeNotSatisfiable unsatisfiable(String header, long size) {
        return new RangeNotSatisfiable("range '" + header + "' cannot be served from " + size + " bytes", size);
    }
}
