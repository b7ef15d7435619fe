package io.coffer.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;

/** The stream compressions found around tar archives and inside Debian packages. */
enum Compression {
    NONE("none", ""),
    GZIP("gzip", ".gz"),
    XZ("xz", ".xz"),
    BZIP2("bzip2", ".bz2"),
    LZMA("lzma", ".lzma"),
    ZSTD("zstd", ".zst");

    private final String label;
    private final String suffix;

    Compression(String label, String suffix) {
        this.label = label;
        this.suffix = suffix;
    }

    /** The usual name of the compression, e.g. "xz". */
    String label() {
        return label;
    }

    /** The file suffix of the compression, e.g. ".xz"; empty for NONE. */
    String suffix() {
        return suffix;
    }

    /** The compression whose file suffix ends {@code name}, or NONE. */
    static Compression ofSuffix(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c != NONE && lower.endsWith(c.suffix)) {
                return c;
            }
        }
        if (lower.endsWith(".tgz")) {
            return GZIP;
        }
        if (lower.endsWith(".txz")) {
            return XZ;
        }
        if (lower.endsWith(".tbz") || lower.endsWith(".tbz2")) {
            return BZIP2;
        }
        if (lower.endsWith(".tzst")) {
            return ZSTD;
        }
        return NONE;
    }

    /** The compression announced by the first bytes of a stream, or NONE. LZMA has no reliable magic. */
    static Compression ofMagic(byte[] head, int length) {
        if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 6 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z' && head[3] == 'X'
                && head[4] == 'Z' && head[5] == 0) {
            return XZ;
        }
        if (length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
            return BZIP2;
        }
        if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    /** Whether this server can decompress it: zstd needs the optional zstd-jni library. */
    boolean supported() {
        return this != ZSTD || ZstdUtils.isZstdCompressionAvailable();
    }

    /**
     * Wraps {@code raw} in a decoder. Throws {@link Unreadable} (UNSUPPORTED) for zstd when it is
     * not available, and IOException when the stream header is damaged.
     *
     * @param what names the stream in messages, e.g. "data.tar.zst"
     */
    InputStream open(InputStream raw, Limits limits, String what) throws IOException {
        return switch (this) {
            case NONE -> raw;
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case XZ -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(limits.maxXzMemoryKiB()).get();
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case LZMA -> LZMACompressorInputStream.builder().setInputStream(raw)
                    .setMemoryLimitKiB(limits.maxXzMemoryKiB()).get();
            case ZSTD -> {
                if (!supported()) {
                    throw Unreadable.unsupported(what + " uses zstd compression, which this server cannot "
                            + "decompress (the zstd-jni library is not installed)");
                }
                yield new ZstdCompressorInputStream(raw);
            }
        };
    }
}
