package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Damages packages at random, by overwriting bytes and cutting them short, and checks that
 * inspection still answers: no exception, no hang, and a problem that is one line naming the file.
 * Half of the overwrites land in the first KiB, where the headers and lengths are. Besides the real
 * packages, uncompressed ones are built here, because damage to compressed data mostly stops at the
 * decompressor's checksum and never reaches the tar, ar and zip parsing behind it.
 *
 * <p>Cases come from a seeded random generator: a failure names the seed and the case, and
 * {@code -Dcoffer.test.seed=N} repeats a run.
 */
class InspectorMutationProperties {

    private static final Map<String, byte[]> FILES = files();

    private static final long SEED = Long.getLong("coffer.test.seed", System.nanoTime());

    private final Inspector inspector = new Inspector();

    /** Runs {@code check} on {@code tries} generated cases; a failure names the seed and the case. */
    private static <T> void forAll(int tries, Function<Random, T> generator, ThrowingCheck<T> check) {
        Random random = new Random(SEED);
        for (int i = 0; i < tries; i++) {
            T value = generator.apply(random);
            try {
                check.accept(value);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("failed for " + value + " (seed " + SEED + ", try " + i + ")", e);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingCheck<T> {
        void accept(T value) throws Exception;
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** One overwrite: the byte at a fraction of the file's length gets a new value. */
    record Overwrite(double at, boolean inHead, byte value) {

        int position(int length) {
            int span = inHead ? Math.min(length, 1024) : length;
            return (int) Math.min(span - 1L, (long) (at * span));
        }
    }

    /** A damaged copy: overwrites, then an optional cut to a fraction of the length. */
    record Damage(String name, List<Overwrite> overwrites, double keep) {

        byte[] apply(byte[] original) {
            byte[] bytes = original.clone();
            for (Overwrite o : overwrites) {
                bytes[o.position(bytes.length)] = o.value();
            }
            return keep >= 1.0 ? bytes : Arrays.copyOf(bytes, (int) (bytes.length * keep));
        }
    }

    @Test
    void damagedPackagesNeverMakeInspectionThrowOrHang() {
        forAll(500, InspectorMutationProperties::damage,
                damage -> inspectWithoutThrowing(damage.name(), damage.apply(FILES.get(damage.name()))));
    }

    @Test
    void damagedRpmHeaderFieldsNeverMakeInspectionThrow() {
        forAll(300, InspectorMutationProperties::rpmFieldDamage, this::damageRpmField);
    }

    private void damageRpmField(IntFieldDamage damage) throws IOException {
        byte[] rpm = FILES.get(damage.name()).clone();
        List<Integer> fields = Layouts.rpmIndexFields(rpm);
        ByteBuffer.wrap(rpm).putInt(fields.get(damage.field() % fields.size()), damage.value());

        inspectWithoutThrowing(damage.name(), rpm);
    }

    @Test
    void damagedZipDirectoryFieldsNeverMakeInspectionThrow() {
        forAll(300, InspectorMutationProperties::zipFieldDamage, this::damageZipField);
    }

    private void damageZipField(IntFieldDamage damage) throws IOException {
        byte[] zip = FILES.get(damage.name()).clone();
        List<int[]> fields = Layouts.zipFields(zip);
        int[] field = fields.get(damage.field() % fields.size());
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        if (field[1] == 2) {
            b.putShort(field[0], (short) damage.value());
        } else {
            b.putInt(field[0], damage.value());
        }

        inspectWithoutThrowing(damage.name(), zip);
    }

    @Test
    void damagedTarHeadersWithValidChecksumsNeverMakeInspectionThrow() {
        forAll(300, InspectorMutationProperties::tarHeaderDamage, this::damageTarHeader);
    }

    private void damageTarHeader(TarHeaderDamage damage) throws IOException {
        byte[] tar = FILES.get("plain-1.0.tar").clone();
        List<Integer> headers = Layouts.tarHeaders(tar);
        int header = headers.get(damage.header() % headers.size());
        byte[] replacement = damage.text().getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(replacement, 0, tar, header + damage.offset(), Math.min(replacement.length, 12));
        Layouts.fixTarChecksum(tar, header);

        inspectWithoutThrowing("plain-1.0.tar", tar);
    }

    /** An index into a list of fields and the value written there. */
    record IntFieldDamage(String name, int field, int value) {
    }

    /** A header, a field offset inside it, and the text written there. */
    record TarHeaderDamage(int header, int offset, String text) {
    }

    static IntFieldDamage rpmFieldDamage(Random r) {
        return new IntFieldDamage(pick(r, Packages.RPMS), r.nextInt(10_001), interestingInt(r));
    }

    static IntFieldDamage zipFieldDamage(Random r) {
        return new IntFieldDamage(pick(r, List.of(Packages.SLF4J_JAR, Packages.JAKARTA_JAR, "stored-1.0.jar")),
                r.nextInt(10_001), interestingInt(r));
    }

    static TarHeaderDamage tarHeaderDamage(Random r) {
        String text = switch (r.nextInt(3)) {
            case 0 -> randomText(r, "01234567 \0");
            // Base-256 sizes: the largest positive one, and a negative one; and type flags.
            case 1 -> pick(r, List.of("77777777777", "\u0080" + "\u00ff".repeat(11), "\u00ff".repeat(12),
                    "L", "x", "K", "g", "5"));
            default -> randomText(r, null);
        };
        // Offsets of the name, size, type flag, magic and prefix fields.
        return new TarHeaderDamage(r.nextInt(101), pick(r, List.of(0, 124, 156, 257, 345)), text);
    }

    private static String randomText(Random r, String alphabet) {
        int length = r.nextInt(13);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet == null ? (char) r.nextInt(0x100) : alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static int interestingInt(Random r) {
        return r.nextBoolean() ? r.nextInt() : pick(r, List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                0xffff, 0x10000, 0x7fff_ffff - 15, 0xffff_fff0));
    }

    private void inspectWithoutThrowing(String name, byte[] content) throws IOException {
        Path file = Packages.write(tempFile(), content);
        try {
            Inspection inspection = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> inspector.inspect(file, name));

            assertThat(inspection.format()).isNotNull();
            if (inspection.problem() != null) {
                assertThat(inspection.problem()).startsWith("'" + name + "' ").doesNotContain("\n");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void everyFileReadsCleanlyBeforeItIsDamaged() {
        FILES.forEach((name, bytes) -> {
            Path file = Packages.write(tempFile(), bytes);
            try {
                Inspection inspection = inspector.inspect(file, name);

                assertThat(inspection.problem()).as(name).isNull();
                assertThat(inspection.format()).as(name).isNotEqualTo(MediaFormat.OTHER);
            } finally {
                file.toFile().delete();
            }
        });
    }

    static Damage damage(Random r) {
        List<Overwrite> overwrites = new java.util.ArrayList<>();
        int count = r.nextInt(9);
        for (int i = 0; i < count; i++) {
            byte value = r.nextBoolean() ? (byte) r.nextInt(256) : pick(r, List.of((byte) 0, (byte) 0xff,
                    (byte) 0x7f, (byte) 0x80));
            overwrites.add(new Overwrite(r.nextDouble(), r.nextBoolean(), value));
        }
        double keep = r.nextBoolean() ? 1.0 : r.nextDouble();
        return new Damage(pick(r, List.copyOf(FILES.keySet())), overwrites, keep);
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("damaged", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : Packages.ALL) {
            files.put(name, Packages.bytes(name));
        }
        try {
            Map<String, byte[]> deb = new LinkedHashMap<>();
            deb.put("debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
            deb.put("control.tar", tar(Map.of("./control", "Package: plain\nVersion: 1:1.0-1\nArchitecture: all\n"
                    + "Maintainer: Coffer <c@coffer.invalid>\nDescription: plain\n long text\n")));
            deb.put("data.tar", tar(Map.of("./usr/share/doc/plain/copyright",
                    "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\n"
                            + "License: MIT\n", "./usr/share/" + "long/".repeat(30) + "file", "x")));
            files.put("plain_1.0-1_all.deb", ArFiles.archive(deb));
            files.put("plain-1.0.tar", tar(Map.of("a/" + "b".repeat(150), "content", "c", "more")));
            files.put("stored-1.0.jar", storedJar());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static byte[] tar(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
                byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                out.putArchiveEntry(entry);
                out.write(content);
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] storedJar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.setMethod(ZipOutputStream.STORED);
            for (String[] e : new String[][] {
                {"META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nImplementation-Title: stored\r\n"},
                {"META-INF/maven/g/stored/pom.properties", "groupId=g\nartifactId=stored\nversion=1.0\n"},
                {"META-INF/maven/g/stored/pom.xml", "<project><groupId>g</groupId><artifactId>stored</artifactId>"
                        + "<version>1.0</version><licenses><license><name>MIT</name></license></licenses>"
                        + "</project>"}}) {
                byte[] content = e[1].getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(e[0]);
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setSize(content.length);
                entry.setCrc(crc.getValue());
                out.putNextEntry(entry);
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
