package io.coffer.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The format a file claims, decided from its first bytes and, where they say nothing, from its
 * name. Content wins over the name: a zip named ".deb" is a zip. A name alone still counts as a
 * claim, so a file named ".deb" that is not an ar archive is reported as an unreadable Debian
 * package rather than passed over as "other".
 *
 * @param format the claimed format
 * @param compression the stream compression around a tar archive, else NONE
 * @param javaByName whether the name says Java archive (.jar, .war, .ear)
 */
record Detection(MediaFormat format, Compression compression, boolean javaByName) {

    /** Enough for every signature used here, and for the root element of a POM after its comments. */
    private static final int HEAD_BYTES = 4096;

    private static final int TAR_MAGIC_OFFSET = 257;

    static Detection of(LocalFile file, String name, Limits limits) {
        byte[] head = new byte[HEAD_BYTES];
        int length = file.readAt(0, head, 0, HEAD_BYTES);
        String lower = name.toLowerCase(Locale.ROOT);
        boolean javaByName = lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear");

        if (ArArchive.hasMagic(head, length)) {
            boolean debian = ArArchive.firstMemberName(head, length).equals("debian-binary") || isDebName(lower);
            return new Detection(debian ? MediaFormat.DEB : MediaFormat.OTHER, Compression.NONE, false);
        }
        if (startsWith(head, length, RpmReader.LEAD_MAGIC)) {
            return new Detection(MediaFormat.RPM, Compression.NONE, false);
        }
        if (isZipHeader(head, length)) {
            return new Detection(javaByName ? MediaFormat.JAR : MediaFormat.ZIP, Compression.NONE, javaByName);
        }
        if (isTarHeader(head, length)) {
            return new Detection(MediaFormat.TAR, Compression.NONE, false);
        }
        Compression compression = Compression.ofMagic(head, length);
        if (compression != Compression.NONE) {
            boolean tar = isTarName(lower) || holdsTar(file, compression, limits);
            return new Detection(tar ? MediaFormat.TAR : MediaFormat.OTHER, compression, false);
        }
        if (isPomName(lower) || looksLikePom(head, length)) {
            return new Detection(MediaFormat.POM, Compression.NONE, false);
        }
        if (isDebName(lower)) {
            return new Detection(MediaFormat.DEB, Compression.NONE, false);
        }
        if (lower.endsWith(".rpm")) {
            return new Detection(MediaFormat.RPM, Compression.NONE, false);
        }
        if (javaByName) {
            return new Detection(MediaFormat.JAR, Compression.NONE, true);
        }
        if (lower.endsWith(".zip")) {
            return new Detection(MediaFormat.ZIP, Compression.NONE, false);
        }
        if (isTarName(lower)) {
            return new Detection(MediaFormat.TAR, Compression.ofSuffix(lower), false);
        }
        return new Detection(MediaFormat.OTHER, Compression.NONE, false);
    }

    private static boolean holdsTar(LocalFile file, Compression compression, Limits limits) {
        if (!compression.supported()) {
            return false;
        }
        byte[] block = new byte[512];
        try (InputStream in = compression.open(file.stream(), limits, "the compressed stream")) {
            return isTarHeader(block, in.readNBytes(block, 0, block.length));
        } catch (IOException | RuntimeException e) {
            if (e instanceof LocalFileFailure failure) {
                throw failure;
            }
            // Damaged compressed data is not a tar we can see; the name may still claim one.
            return false;
        }
    }

    private static boolean isZipHeader(byte[] head, int length) {
        // A local file header, the end record of an empty archive, or the marker of a spanned one.
        return length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
    }

    private static boolean isTarHeader(byte[] head, int length) {
        byte[] magic = "ustar".getBytes(StandardCharsets.US_ASCII);
        if (length < TAR_MAGIC_OFFSET + magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[TAR_MAGIC_OFFSET + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean looksLikePom(byte[] head, int length) {
        String text = new String(head, 0, length, StandardCharsets.ISO_8859_1).stripLeading();
        if (text.startsWith("\u00ef\u00bb\u00bf")) {
            text = text.substring(3);
        }
        return text.startsWith("<") && text.contains("<project") && text.contains("maven.apache.org/POM/");
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDebName(String lower) {
        return lower.endsWith(".deb") || lower.endsWith(".udeb") || lower.endsWith(".ddeb");
    }

    private static boolean isPomName(String lower) {
        return lower.endsWith(".pom") || lower.equals("pom.xml");
    }

    static boolean isTarName(String lower) {
        return lower.endsWith(".tar") || lower.contains(".tar.") || lower.endsWith(".tgz") || lower.endsWith(".txz")
                || lower.endsWith(".tbz") || lower.endsWith(".tbz2") || lower.endsWith(".tzst");
    }
}
