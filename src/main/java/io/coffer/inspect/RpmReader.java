package io.coffer.inspect;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the metadata of an RPM package straight from its binary layout: a 96-byte lead, a
 * signature header padded to a multiple of 8 bytes, then the main header, each header being a
 * 16-byte preamble (magic 8e ad e8 01, 4 reserved bytes, index count, store size), the index of
 * 16-byte entries (tag, type, offset, count) and the data store.
 *
 * <p>Nothing is trusted: counts and sizes are checked against {@link Limits} and the file size
 * before anything is read, the index is read in chunks rather than whole, and only the values of
 * the wanted tags are fetched from the store, each checked to lie inside it. When the signature
 * header states how long header and payload are, a file shorter than that is reported truncated.
 */
final class RpmReader {

    static final byte[] LEAD_MAGIC = {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb};

    private static final int LEAD_BYTES = 96;
    private static final int PREAMBLE_BYTES = 16;
    private static final int INDEX_ENTRY_BYTES = 16;
    private static final int INDEX_CHUNK_ENTRIES = 4096;

    private static final int TYPE_INT32 = 4;
    private static final int TYPE_INT64 = 5;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;

    private static final int SIG_LONGSIZE = 270;
    private static final int SIG_SIZE = 1000;

    private static final int NAME = 1000;
    private static final int VERSION = 1001;
    private static final int RELEASE = 1002;
    private static final int EPOCH = 1003;
    private static final int SUMMARY = 1004;
    private static final int VENDOR = 1011;
    private static final int LICENSE = 1014;
    private static final int PACKAGER = 1015;
    private static final int URL = 1020;
    private static final int ARCH = 1022;
    private static final int SOURCERPM = 1044;
    private static final int PAYLOADCOMPRESSOR = 1125;

    private static final Map<Integer, String> SIGNATURE_TAGS = Map.of(SIG_LONGSIZE, "LONGSIZE", SIG_SIZE, "SIZE");
    private static final Map<Integer, String> MAIN_TAGS = Map.ofEntries(
            Map.entry(NAME, "NAME"), Map.entry(VERSION, "VERSION"), Map.entry(RELEASE, "RELEASE"),
            Map.entry(EPOCH, "EPOCH"), Map.entry(SUMMARY, "SUMMARY"), Map.entry(VENDOR, "VENDOR"),
            Map.entry(LICENSE, "LICENSE"), Map.entry(PACKAGER, "PACKAGER"), Map.entry(URL, "URL"),
            Map.entry(ARCH, "ARCH"), Map.entry(SOURCERPM, "SOURCERPM"),
            Map.entry(PAYLOADCOMPRESSOR, "PAYLOADCOMPRESSOR"));

    private final Limits limits;

    RpmReader(Limits limits) {
        this.limits = limits;
    }

    /** One index entry of a wanted tag. */
    private record IndexEntry(int tag, int type, int offset, int count) {
    }

    /** A header located in the file: where its store starts and ends, and the wanted entries. */
    private record Header(String what, long storeStart, int storeSize, long end, Map<Integer, String> names,
                          Map<Integer, IndexEntry> wanted) {

        String describe(int tag) {
            return names.get(tag) + " (" + tag + ")";
        }
    }

    void read(LocalFile file, Findings found) {
        byte[] lead = file.readExactly(0, LEAD_BYTES, "the 96-byte lead");
        for (int i = 0; i < LEAD_MAGIC.length; i++) {
            if (lead[i] != LEAD_MAGIC[i]) {
                throw Unreadable.malformed("it does not start with the RPM lead magic ed ab ee db");
            }
        }
        int major = lead[4] & 0xff;
        if (major != 3 && major != 4) {
            throw Unreadable.unsupported("its lead says format version " + major + ", expected 3 or 4");
        }
        int packageType = ((lead[6] & 0xff) << 8) | (lead[7] & 0xff);
        int signatureType = ((lead[78] & 0xff) << 8) | (lead[79] & 0xff);
        if (signatureType != 5) {
            throw Unreadable.unsupported("its lead says signature type " + signatureType
                    + ", expected 5 (a header-style signature)");
        }
        found.attribute("packageType", packageType == 1 ? "source" : "binary");

        Header signature = header(file, LEAD_BYTES, "the signature header", SIGNATURE_TAGS);
        long mainStart = (signature.end() + 7) & ~7L;
        Header main = header(file, mainStart, "the main header", MAIN_TAGS);
        checkLength(file, signature, mainStart);

        String name = requiredString(file, main, NAME);
        String version = requiredString(file, main, VERSION);
        String release = requiredString(file, main, RELEASE);
        Long epoch = integer(file, main, EPOCH);
        found.product(name);
        found.version((epoch == null ? "" : Long.toString(epoch) + ":") + version + "-" + release);
        found.architecture(string(file, main, ARCH));
        found.license(string(file, main, LICENSE));
        found.supplier(string(file, main, VENDOR));
        found.supplier(string(file, main, PACKAGER));
        found.description(string(file, main, SUMMARY));
        found.attribute("url", string(file, main, URL));
        found.attribute("sourceRpm", string(file, main, SOURCERPM));
        found.attribute("payloadCompressor", string(file, main, PAYLOADCOMPRESSOR));
    }

    private Header header(LocalFile file, long start, String what, Map<Integer, String> tags) {
        ByteBuffer preamble = ByteBuffer.wrap(file.readExactly(start, PREAMBLE_BYTES, what));
        int magic = preamble.getInt();
        if (magic != 0x8eade801) {
            throw Unreadable.malformed(what + " at offset " + start + " has magic "
                    + String.format("%08x", magic) + ", expected 8eade801");
        }
        preamble.getInt();
        int count = preamble.getInt();
        int storeSize = preamble.getInt();
        if (count < 0 || count > limits.maxRpmIndexEntries()) {
            throw Unreadable.malformed(what + " declares " + Integer.toUnsignedString(count)
                    + " index entries, expected at most " + limits.maxRpmIndexEntries());
        }
        if (storeSize < 0 || storeSize > limits.maxRpmStoreBytes()) {
            throw Unreadable.malformed(what + " declares a store of " + Integer.toUnsignedString(storeSize)
                    + " bytes, expected at most " + limits.maxRpmStoreBytes());
        }
        long indexStart = start + PREAMBLE_BYTES;
        long storeStart = indexStart + (long) count * INDEX_ENTRY_BYTES;
        long end = storeStart + storeSize;
        if (end > file.size()) {
            throw Unreadable.malformed(what + " is truncated: it needs " + (end - start) + " bytes from offset "
                    + start + " but the file has " + file.size() + " bytes");
        }
        Map<Integer, IndexEntry> wanted = new HashMap<>();
        for (int first = 0; first < count; first += INDEX_CHUNK_ENTRIES) {
            int n = Math.min(INDEX_CHUNK_ENTRIES, count - first);
            ByteBuffer index = ByteBuffer.wrap(file.readExactly(indexStart + (long) first * INDEX_ENTRY_BYTES,
                    n * INDEX_ENTRY_BYTES, what));
            for (int i = 0; i < n; i++) {
                IndexEntry entry = new IndexEntry(index.getInt(), index.getInt(), index.getInt(), index.getInt());
                if (tags.containsKey(entry.tag())) {
                    wanted.putIfAbsent(entry.tag(), entry);
                }
            }
        }
        return new Header(what, storeStart, storeSize, end, tags, wanted);
    }

    private void checkLength(LocalFile file, Header signature, long mainStart) {
        Long declared = integer(file, signature, SIG_LONGSIZE);
        if (declared == null) {
            declared = integer(file, signature, SIG_SIZE);
        }
        if (declared != null && file.size() - mainStart < declared) {
            throw Unreadable.malformed("it is truncated: its signature declares " + declared
                    + " bytes of header and payload but only " + (file.size() - mainStart) + " follow");
        }
    }

    private String requiredString(LocalFile file, Header header, int tag) {
        String value = string(file, header, tag);
        if (value == null) {
            throw Unreadable.malformed(header.what() + " has no " + header.describe(tag) + " tag");
        }
        return value;
    }

    /** The first string of a STRING, STRING_ARRAY or I18NSTRING tag, or null when the tag is absent. */
    private String string(LocalFile file, Header header, int tag) {
        IndexEntry entry = header.wanted().get(tag);
        if (entry == null) {
            return null;
        }
        int type = entry.type();
        if (type != TYPE_STRING && type != TYPE_STRING_ARRAY && type != TYPE_I18NSTRING) {
            throw badType(header, entry, "a string type (6, 8 or 9)");
        }
        checkPlace(header, entry, 1);
        int room = (int) Math.min(header.storeSize() - (long) entry.offset(), limits.maxRpmStringBytes() + 1L);
        byte[] bytes = new byte[room];
        file.readAt(header.storeStart() + entry.offset(), bytes, 0, room);
        for (int i = 0; i < room; i++) {
            if (bytes[i] == 0) {
                return new String(bytes, 0, i, StandardCharsets.UTF_8);
            }
        }
        if (room > limits.maxRpmStringBytes()) {
            throw Unreadable.tooLarge(header.what() + " has a " + header.describe(tag)
                    + " value longer than " + limits.maxRpmStringBytes() + " bytes");
        }
        throw Unreadable.malformed(header.what() + " has a " + header.describe(tag)
                + " value that runs past the end of its store");
    }

    /** The first number of an INT32 (read as unsigned) or INT64 tag, or null when the tag is absent. */
    private Long integer(LocalFile file, Header header, int tag) {
        IndexEntry entry = header.wanted().get(tag);
        if (entry == null) {
            return null;
        }
        int width = switch (entry.type()) {
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> throw badType(header, entry, "an integer type (4 or 5)");
        };
        checkPlace(header, entry, width);
        ByteBuffer value = ByteBuffer.wrap(file.readExactly(header.storeStart() + entry.offset(), width,
                header.what()));
        return width == 4 ? Integer.toUnsignedLong(value.getInt()) : value.getLong();
    }

    private static void checkPlace(Header header, IndexEntry entry, int width) {
        if (entry.count() < 1) {
            throw Unreadable.malformed(header.what() + " gives " + header.describe(entry.tag())
                    + " a count of " + entry.count() + ", expected at least 1");
        }
        if (entry.offset() < 0 || (long) entry.offset() + width > header.storeSize()) {
            throw Unreadable.malformed(header.what() + " places " + header.describe(entry.tag())
                    + " at offset " + entry.offset() + ", outside its store of " + header.storeSize() + " bytes");
        }
    }

    private static Unreadable badType(Header header, IndexEntry entry, String expected) {
        return Unreadable.malformed(header.what() + " gives " + header.describe(entry.tag())
                + " type " + entry.type() + ", expected " + expected);
    }
}
