package io.coffer.inspect;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the length and offset fields of RPM headers, zip central directories and tar headers lie
 * in a fixture, found by the test itself so that damage can be aimed at the fields a parser has to
 * trust. Only well-formed fixtures are walked; this is not a parser of untrusted input.
 */
final class Layouts {

    private Layouts() {
    }

    /** Where an RPM's main header starts: after the lead and the signature header, padded to 8 bytes. */
    static int rpmMainHeader(byte[] rpm) {
        ByteBuffer b = ByteBuffer.wrap(rpm);
        int end = 96 + 16 + 16 * b.getInt(96 + 8) + b.getInt(96 + 12);
        return (end + 7) & ~7;
    }

    /** The positions of the four 32-bit fields of every index entry in both headers of an RPM. */
    static List<Integer> rpmIndexFields(byte[] rpm) {
        List<Integer> fields = new ArrayList<>();
        for (int header : new int[] {96, rpmMainHeader(rpm)}) {
            fields.add(header + 8);
            fields.add(header + 12);
            int count = ByteBuffer.wrap(rpm).getInt(header + 8);
            for (int i = 0; i < count; i++) {
                for (int field = 0; field < 4; field++) {
                    fields.add(header + 16 + 16 * i + 4 * field);
                }
            }
        }
        return fields;
    }

    /** The positions of the 32-bit size, offset and 16-bit length fields of a zip's directory and end record. */
    static List<int[]> zipFields(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        List<int[]> fields = new ArrayList<>();
        for (int at : new int[] {8, 10}) {
            fields.add(new int[] {end + at, 2});
        }
        for (int at : new int[] {12, 16}) {
            fields.add(new int[] {end + at, 4});
        }
        int position = b.getInt(end + 16);
        while (position < end && b.getInt(position) == 0x02014b50) {
            for (int at : new int[] {20, 24, 42}) {
                fields.add(new int[] {position + at, 4});
            }
            for (int at : new int[] {8, 10, 28, 30, 32}) {
                fields.add(new int[] {position + at, 2});
            }
            position += 46 + (b.getShort(position + 28) & 0xffff) + (b.getShort(position + 30) & 0xffff)
                    + (b.getShort(position + 32) & 0xffff);
        }
        return fields;
    }

    /** The offsets of the 512-byte headers of an uncompressed tar, in order. */
    static List<Integer> tarHeaders(byte[] tar) {
        List<Integer> headers = new ArrayList<>();
        int position = 0;
        while (position + 512 <= tar.length && tar[position] != 0) {
            headers.add(position);
            long size = Long.parseLong(new String(tar, position + 124, 11).trim(), 8);
            position += 512 + (int) ((size + 511) / 512 * 512);
        }
        return headers;
    }

    /** Rewrites the checksum of the tar header at {@code header} so that damage to it passes the check. */
    static void fixTarChecksum(byte[] tar, int header) {
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : tar[header + i] & 0xff;
        }
        byte[] field = String.format("%06o\0 ", sum).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(field, 0, tar, header + 148, 8);
    }
}
