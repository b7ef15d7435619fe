package io.coffer.inspect;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The uploaded file, open for positional reads. Every I/O error of the file itself becomes a
 * {@link LocalFileFailure}; a read that finds the file shorter than the content promised is the
 * content's fault and is reported by the caller as truncation.
 */
final class LocalFile implements Closeable {

    private static final int STREAM_BUFFER_BYTES = 32 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long size;

    private LocalFile(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    static LocalFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new LocalFileFailure("cannot open " + path + " for inspection", e);
        }
        try {
            return new LocalFile(path, channel, channel.size());
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new LocalFileFailure("cannot read the size of " + path, e);
        }
    }

    long size() {
        return size;
    }

    /** Reads up to {@code length} bytes at {@code position}; fewer only at the end of the file. */
    int readAt(long position, byte[] buffer, int offset, int length) {
        ByteBuffer target = ByteBuffer.wrap(buffer, offset, length);
        long at = position;
        try {
            while (target.hasRemaining()) {
                int n = channel.read(target, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
        } catch (IOException e) {
            throw new LocalFileFailure("cannot read " + path + " at byte " + position, e);
        }
        return target.position() - offset;
    }

    /** Reads exactly {@code length} bytes at {@code position}, or reports {@code what} as truncated. */
    byte[] readExactly(long position, int length, String what) {
        byte[] buffer = new byte[length];
        if (position < 0 || position > size || readAt(position, buffer, 0, length) < length) {
            throw Unreadable.malformed(what + " is truncated: it needs " + length + " bytes at offset "
                    + position + " but the file has " + size + " bytes");
        }
        return buffer;
    }

    /** A buffered stream over the bytes {@code [start, start + length)}, cut short by the end of the file. */
    InputStream slice(long start, long length) {
        return new BufferedInputStream(new Slice(start, Math.max(0, Math.min(length, size - start))),
                STREAM_BUFFER_BYTES);
    }

    /** A buffered stream over the whole file. */
    InputStream stream() {
        return slice(0, size);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new LocalFileFailure("cannot close " + path, e);
        }
    }

    private static void closeQuietly(FileChannel channel, IOException primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    /** Reads a window of the file without moving any shared position, so slices never interfere. */
    private final class Slice extends InputStream {

        private long position;
        private final long end;

        Slice(long start, long length) {
            this.position = start;
            this.end = start + length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            long left = end - position;
            if (left <= 0) {
                return -1;
            }
            int n = readAt(position, buffer, offset, (int) Math.min(length, left));
            if (n <= 0) {
                return -1;
            }
            position += n;
            return n;
        }

        @Override
        public long skip(long n) {
            long step = Math.max(0, Math.min(n, end - position));
            position += step;
            return step;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, end - position);
        }
    }
}
