package io.coffer.inspect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Reads the central directory of a zip file entry by entry, keeping nothing but what the caller
 * keeps, and opens single entries for bounded reading. Written here rather than taken from a
 * library because library zip readers load the whole directory into objects before the first
 * entry can be looked at, and a crafted directory with millions of entries would fill memory
 * before any limit could be applied.
 *
 * <p>The end record is found by scanning back from the end of the file; Zip64 end records are
 * followed. Data prepended to the archive (self-extracting stubs, launcher scripts) is allowed for:
 * offsets are shifted by the distance between where the directory is and where it says it is.
 * Only stored and deflated entries can be opened.
 */
final class ZipDirectory {

    static final int LOCAL_HEADER_SIGNATURE = 0x04034b50;
    private static final int CENTRAL_HEADER_SIGNATURE = 0x02014b50;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
    private static final int ZIP64_END_SIGNATURE = 0x06064b50;
    private static final int END_BYTES = 22;
    private static final int MAX_COMMENT_BYTES = 0xffff;
    private static final int CENTRAL_HEADER_BYTES = 46;
    private static final int LOCAL_HEADER_BYTES = 30;

    /** One entry of the central directory; sizes are as declared, offsets already adjusted. */
    record Entry(String name, int method, int flags, long compressedSize, long size, long localHeaderOffset) {

        boolean isDirectory() {
            return name.endsWith("/");
        }
    }

    private final LocalFile file;
    private final Limits limits;
    private final long directoryStart;
    private final long directorySize;
    private final long shift;

    private ZipDirectory(LocalFile file, Limits limits, long directoryStart, long directorySize, long shift) {
        this.file = file;
        this.limits = limits;
        this.directoryStart = directoryStart;
        this.directorySize = directorySize;
        this.shift = shift;
    }

    /** Locates the central directory and checks its size, before anything in it is read. */
    static ZipDirectory locate(LocalFile file, Limits limits) {
        long endOffset = findEnd(file);
        ByteBuffer end = little(file.readExactly(endOffset, END_BYTES, "the end of central directory record"));
        long size = end.getInt(12) & 0xffffffffL;
        long offset = end.getInt(16) & 0xffffffffL;
        long directoryEnd = endOffset;
        // A Zip64 end record, when there is one, sits between the directory and the end record and
        // is authoritative, whether or not the 32-bit fields carry the 0xffff... markers.
        long zip64End = zip64End(file, endOffset);
        if (zip64End >= 0) {
            ByteBuffer record = little(file.readExactly(zip64End, 56, "the Zip64 end record"));
            size = record.getLong(40);
            offset = record.getLong(48);
            directoryEnd = zip64End;
        }
        if (size < 0 || size > limits.maxCentralDirectoryBytes()) {
            throw Unreadable.tooLarge("its central directory is " + Long.toUnsignedString(size)
                    + " bytes, more than the " + limits.maxCentralDirectoryBytes() + " Coffer walks");
        }
        long start = directoryEnd - size;
        if (start < 0 || offset < 0 || offset > start) {
            throw Unreadable.malformed("its end record places the central directory at offset "
                    + Long.toUnsignedString(offset) + " with " + size + " bytes, which does not fit before "
                    + "the end record at offset " + directoryEnd);
        }
        return new ZipDirectory(file, limits, start, size, start - offset);
    }

    /**
     * Calls {@code visitor} for each entry in directory order and returns the number of entries.
     * Throws {@link Unreadable} when an entry is damaged or there are more than the limit allows.
     */
    int walk(Consumer<Entry> visitor) {
        long position = directoryStart;
        long end = directoryStart + directorySize;
        int count = 0;
        while (position < end) {
            if (count >= limits.maxEntries()) {
                throw Unreadable.tooLarge("it has more than " + limits.maxEntries()
                        + " entries, the most Coffer walks");
            }
            String where = "central directory entry " + (count + 1);
            if (end - position < CENTRAL_HEADER_BYTES) {
                throw Unreadable.malformed(where + " is cut off by the end of the directory");
            }
            ByteBuffer header = little(file.readExactly(position, CENTRAL_HEADER_BYTES, where));
            if (header.getInt(0) != CENTRAL_HEADER_SIGNATURE) {
                throw Unreadable.malformed(where + " at offset " + position + " has no entry signature");
            }
            int flags = header.getShort(8) & 0xffff;
            int method = header.getShort(10) & 0xffff;
            long compressed = header.getInt(20) & 0xffffffffL;
            long size = header.getInt(24) & 0xffffffffL;
            int nameLength = header.getShort(28) & 0xffff;
            int extraLength = header.getShort(30) & 0xffff;
            int commentLength = header.getShort(32) & 0xffff;
            long localOffset = header.getInt(42) & 0xffffffffL;
            long next = position + CENTRAL_HEADER_BYTES + nameLength + extraLength + commentLength;
            if (next > end) {
                throw Unreadable.malformed(where + " runs past the end of the central directory");
            }
            byte[] nameBytes = file.readExactly(position + CENTRAL_HEADER_BYTES, nameLength, where);
            // Bit 11 marks UTF-8 names; the older code page only matters for names we never look up.
            String name = new String(nameBytes, (flags & 0x800) != 0 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1);
            if (size == 0xffffffffL || compressed == 0xffffffffL || localOffset == 0xffffffffL) {
                ByteBuffer extra = little(file.readExactly(position + CENTRAL_HEADER_BYTES + nameLength,
                        extraLength, where));
                long[] sizes = zip64Sizes(extra, size, compressed, localOffset, where);
                size = sizes[0];
                compressed = sizes[1];
                localOffset = sizes[2];
            }
            visitor.accept(new Entry(name, method, flags, compressed, size, localOffset + shift));
            count++;
            position = next;
        }
        return count;
    }

    /**
     * Opens the data of {@code entry}, decompressed and capped at {@code cap} bytes. Throws
     * {@link Unreadable} for encrypted entries and compression methods other than stored and deflate.
     */
    InputStream open(Entry entry, long cap) {
        if ((entry.flags() & 1) != 0) {
            throw Unreadable.unsupported(entry.name() + " is encrypted");
        }
        ByteBuffer local = little(file.readExactly(entry.localHeaderOffset(), LOCAL_HEADER_BYTES,
                "the local header of " + entry.name()));
        if (local.getInt(0) != LOCAL_HEADER_SIGNATURE) {
            throw Unreadable.malformed("the local header of " + entry.name() + " at offset "
                    + entry.localHeaderOffset() + " has no signature");
        }
        long dataStart = entry.localHeaderOffset() + LOCAL_HEADER_BYTES + (local.getShort(26) & 0xffff)
                + (local.getShort(28) & 0xffff);
        if (entry.compressedSize() < 0 || dataStart + entry.compressedSize() > file.size()) {
            throw Unreadable.malformed(entry.name() + " is truncated: it declares " + entry.compressedSize()
                    + " bytes at offset " + dataStart + " but the file has " + file.size() + " bytes");
        }
        InputStream raw = file.slice(dataStart, entry.compressedSize());
        InputStream data = switch (entry.method()) {
            case 0 -> raw;
            // The inflater in raw mode may want one byte past the data to finish; give it a zero.
            case 8 -> inflating(new SequenceInputStream(raw, new ByteArrayInputStream(new byte[1])));
            default -> throw Unreadable.unsupported(entry.name() + " uses compression method " + entry.method()
                    + ", expected stored (0) or deflate (8)");
        };
        return new CappedInputStream(data, cap, entry.name());
    }

    private static InputStream inflating(InputStream compressed) {
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(compressed, inflater) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    // A stream given its own inflater does not end it; its native memory must not wait for GC.
                    inflater.end();
                }
            }
        };
    }

    private static long findEnd(LocalFile file) {
        long size = file.size();
        if (size < END_BYTES) {
            throw Unreadable.malformed("it is " + size + " bytes, too short to be a zip archive");
        }
        int window = (int) Math.min(size, END_BYTES + MAX_COMMENT_BYTES);
        byte[] tail = file.readExactly(size - window, window, "the end of the archive");
        ByteBuffer buffer = little(tail);
        for (int i = window - END_BYTES; i >= 0; i--) {
            if (buffer.getInt(i) == END_SIGNATURE) {
                int commentLength = buffer.getShort(i + 20) & 0xffff;
                if (i + END_BYTES + commentLength <= window) {
                    return size - window + i;
                }
            }
        }
        throw Unreadable.malformed("it has no end of central directory record (is it truncated?)");
    }

    /** The offset of the Zip64 end record, or -1 when the archive has none. */
    private static long zip64End(LocalFile file, long endOffset) {
        if (endOffset < 20) {
            return -1;
        }
        ByteBuffer locator = little(file.readExactly(endOffset - 20, 20, "the Zip64 locator"));
        if (locator.getInt(0) != ZIP64_LOCATOR_SIGNATURE) {
            return -1;
        }
        // The recorded offset ignores prepended data; without extensible data the record sits
        // right before the locator, which is where to look when the recorded place is wrong.
        long recorded = locator.getLong(8);
        for (long candidate : new long[] {recorded, endOffset - 20 - 56}) {
            if (candidate >= 0 && candidate + 56 <= endOffset - 20 && little(file.readExactly(candidate, 4,
                    "the Zip64 end record")).getInt(0) == ZIP64_END_SIGNATURE) {
                return candidate;
            }
        }
        throw Unreadable.malformed("its Zip64 locator points to offset " + Long.toUnsignedString(recorded)
                + ", where there is no Zip64 end record");
    }

    private static long[] zip64Sizes(ByteBuffer extra, long size, long compressed, long offset, String where) {
        long[] values = {size, compressed, offset};
        int position = 0;
        while (position + 4 <= extra.limit()) {
            int id = extra.getShort(position) & 0xffff;
            int length = extra.getShort(position + 2) & 0xffff;
            int data = position + 4;
            if (data + length > extra.limit()) {
                break;
            }
            if (id == 0x0001) {
                int at = data;
                for (int i = 0; i < values.length; i++) {
                    if (values[i] == 0xffffffffL) {
                        if (at + 8 > data + length) {
                            throw Unreadable.malformed(where + " has a Zip64 field too short for its sizes");
                        }
                        values[i] = extra.getLong(at);
                        at += 8;
                    }
                }
                for (long v : values) {
                    if (v < 0) {
                        throw Unreadable.malformed(where + " has a negative Zip64 size or offset");
                    }
                }
                return values;
            }
            position = data + length;
        }
        throw Unreadable.malformed(where + " has 32-bit fields marked as Zip64 but no Zip64 field");
    }

    private static ByteBuffer little(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
