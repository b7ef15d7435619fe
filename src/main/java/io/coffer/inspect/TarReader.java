package io.coffer.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the headers of a tar stream (ustar, GNU and pax) one entry at a time without extracting
 * anything. Written here rather than borrowed so that every length it trusts is checked: header
 * checksums are verified, long names and pax records are read only up to a small bound, and the
 * number of entries is capped. The caller bounds the bytes of the stream itself.
 */
final class TarReader {

    /** A file name or pax record longer than this is not a path any system can use. */
    static final int MAX_EXTENDED_HEADER_BYTES = 64 * 1024;

    private static final int BLOCK = 512;

    /** One member of the archive: its path, its type flag and the size of its body in bytes. */
    record Entry(String name, char type, long size) {

        boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }
    }

    private final InputStream in;
    private final String what;
    private final int maxEntries;
    private final byte[] header = new byte[BLOCK];
    private long bodyLeft;
    private long paddingLeft;
    private int entries;
    private long headers;
    private boolean ended;

    /**
     * @param what names the archive in messages, e.g. "control.tar.xz"
     */
    TarReader(InputStream in, String what, int maxEntries) {
        this.in = in;
        this.what = what;
        this.maxEntries = maxEntries;
    }

    /** The next real entry, or null after the last one. Extended headers are folded into it. */
    Entry next() throws IOException {
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (!ended) {
            skipRest();
            if (!readHeader()) {
                ended = true;
                return null;
            }
            if (++headers > 4L * maxEntries) {
                // Extended headers are not entries, but a stream of nothing else must still end.
                throw Unreadable.tooLarge(what + " has more than " + 4L * maxEntries
                        + " headers, the most Coffer walks");
            }
            char type = (char) (header[156] & 0xff);
            long size = parseSize();
            bodyLeft = size;
            paddingLeft = (BLOCK - size % BLOCK) % BLOCK;
            switch (type) {
                case 'L' -> longName = cString(readExtended("long name"), 0, Integer.MAX_VALUE);
                case 'x' -> {
                    String records = new String(readExtended("pax header"), StandardCharsets.UTF_8);
                    paxPath = paxValue(records, "path", paxPath);
                    String sizeValue = paxValue(records, "size", null);
                    if (sizeValue != null) {
                        paxSize = parsePaxSize(sizeValue);
                    }
                }
                case 'g', 'K' -> {
                    // Global pax defaults and long link names do not change which entry comes next.
                }
                default -> {
                    if (++entries > maxEntries) {
                        throw Unreadable.tooLarge(what + " has more than " + maxEntries
                                + " entries, the most Coffer walks");
                    }
                    if (paxSize >= 0) {
                        bodyLeft = paxSize;
                        paddingLeft = (BLOCK - paxSize % BLOCK) % BLOCK;
                    }
                    String name = paxPath != null ? paxPath : longName != null ? longName : headerName();
                    return new Entry(name, type, bodyLeft);
                }
            }
        }
        return null;
    }

    /** Reads the body of the current entry, failing with TOO_LARGE if it is longer than {@code max}. */
    byte[] readBody(int max, String label) throws IOException {
        if (bodyLeft > max) {
            throw Unreadable.tooLarge(label + " in " + what + " is " + bodyLeft + " bytes, more than the "
                    + max + " Coffer reads");
        }
        byte[] body = new byte[(int) bodyLeft];
        readFully(body, label);
        bodyLeft = 0;
        return body;
    }

    private byte[] readExtended(String label) throws IOException {
        return readBody(MAX_EXTENDED_HEADER_BYTES, "a " + label + " record");
    }

    private boolean readHeader() throws IOException {
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) {
            // No end-of-archive blocks: some writers stop at the last entry, and tar accepts that.
            return false;
        }
        if (n < BLOCK) {
            throw truncated();
        }
        if (isZero(header)) {
            return false;
        }
        verifyChecksum();
        return true;
    }

    private void verifyChecksum() {
        long stored = parseOctal(148, 8, "checksum");
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = i >= 148 && i < 156 ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += (byte) b;
        }
        if (stored != unsigned && stored != signed) {
            throw Unreadable.malformed(what + " has a damaged header after " + entries
                    + " entries: checksum " + stored + ", expected " + unsigned);
        }
    }

    private long parseSize() {
        if ((header[124] & 0x80) != 0) {
            // GNU base-256: a big-endian number in the remaining bytes, used for bodies of 8 GiB or more.
            long value = 0;
            for (int i = 125; i < 136; i++) {
                if ((value >>> 55) != 0) {
                    throw Unreadable.malformed(what + " has an entry size too large to be real");
                }
                value = (value << 8) | (header[i] & 0xff);
            }
            if ((header[124] & 0x40) != 0 || (header[124] & 0x3f) != 0) {
                throw Unreadable.malformed(what + " has an entry with a negative or oversized size");
            }
            return value;
        }
        return parseOctal(124, 12, "size");
    }

    private long parseOctal(int offset, int length, String field) {
        long value = 0;
        int i = offset;
        int end = offset + length;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        boolean digits = false;
        for (; i < end && header[i] >= '0' && header[i] <= '7'; i++) {
            value = value * 8 + (header[i] - '0');
            digits = true;
        }
        for (; i < end; i++) {
            if (header[i] != ' ' && header[i] != 0) {
                throw Unreadable.malformed(what + " has a header whose " + field + " field '"
                        + printable(offset, length) + "' is not an octal number");
            }
        }
        return digits ? value : 0;
    }

    private long parsePaxSize(String value) {
        try {
            long size = Long.parseLong(value.trim());
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw Unreadable.malformed(what + " has a pax size '" + value + "', expected a byte count");
        }
    }

    private String headerName() {
        String name = cString(header, 0, 100);
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r';
        if (ustar && header[345] != 0) {
            name = cString(header, 345, 155) + "/" + name;
        }
        return name;
    }

    private static String paxValue(String records, String key, String previous) {
        // Each record reads "<length> <key>=<value>\n"; the value may itself contain '=' or newlines,
        // but a path or size never does, so a line-wise scan suffices.
        String value = previous;
        for (String line : records.split("\n", -1)) {
            int space = line.indexOf(' ');
            int equals = line.indexOf('=');
            if (space > 0 && equals > space && line.substring(space + 1, equals).equals(key)) {
                value = line.substring(equals + 1);
            }
        }
        return value;
    }

    private void skipRest() throws IOException {
        long left = bodyLeft + paddingLeft;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw truncated();
                }
                skipped = 1;
            }
            left -= skipped;
        }
        bodyLeft = 0;
        paddingLeft = 0;
    }

    private void readFully(byte[] buffer, String label) throws IOException {
        if (in.readNBytes(buffer, 0, buffer.length) < buffer.length) {
            throw Unreadable.malformed(what + " is truncated inside " + label);
        }
    }

    private Unreadable truncated() {
        return Unreadable.malformed(what + " is truncated after " + entries + " entries");
    }

    private String printable(int offset, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = offset; i < offset + length; i++) {
            int b = header[i] & 0xff;
            s.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
        }
        return s.toString();
    }

    private static String cString(byte[] bytes, int offset, int max) {
        int end = offset;
        int limit = (int) Math.min(bytes.length, (long) offset + max);
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
