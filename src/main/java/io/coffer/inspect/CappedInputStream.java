package io.coffer.inspect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes at most {@code cap} bytes through. Asking for more when more are there raises
 * {@link Unreadable} of kind TOO_LARGE, so a decompression bomb or an endless stream stops at the
 * cap instead of filling memory or running forever. Skipped bytes count as read, because skipping
 * through a decompressor costs as much as reading.
 */
final class CappedInputStream extends FilterInputStream {

    private final long cap;
    private final String what;
    private long count;

    /**
     * @param what names the stream in the message, e.g. "data.tar.xz"
     */
    CappedInputStream(InputStream in, long cap, String what) {
        super(in);
        this.cap = cap;
        this.what = what;
    }

    /** Bytes passed through so far. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        if (count >= cap) {
            return probeEnd();
        }
        int b = super.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (count >= cap) {
            return probeEnd();
        }
        int n = super.read(buffer, offset, (int) Math.min(length, cap - count));
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        if (count >= cap) {
            probeEnd();
            return 0;
        }
        long skipped = super.skip(Math.min(n, cap - count));
        count += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int probeEnd() throws IOException {
        if (super.read() < 0) {
            return -1;
        }
        throw Unreadable.tooLarge(what + " holds more than " + cap + " bytes, the most Coffer reads of it");
    }
}
