package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TarInspectionTest {

    /** Sizes of the regular files in the source tree; their sum is what totalSize must say. */
    private static final int[] SIZES = {0, 1, 511, 512, 513, 70_000};

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    private Path tree;

    @BeforeEach
    void makeTree() throws IOException {
        tree = Files.createDirectories(dir.resolve("nginx-1.24.0"));
        Path deep = Files.createDirectories(tree.resolve("a".repeat(60) + "/" + "b".repeat(60)));
        for (int i = 0; i < SIZES.length; i++) {
            Files.write((i % 2 == 0 ? tree : deep).resolve("file-" + i + ".txt"), new byte[SIZES[i]]);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "nginx-1.24.0.tar,     -cf,  none,  gnu",
        "nginx-1.24.0.tar.gz,  -czf, gzip,  gnu",
        "nginx-1.24.0.tgz,     -czf, gzip,  pax",
        "nginx-1.24.0.tar.xz,  -cJf, xz,    pax",
        "nginx-1.24.0.tar.bz2, -cjf, bzip2, ustar"})
    void countsEntriesAsTarListsThemAndAddsUpFileSizes(String name, String flags, String compression,
                                                        String format) {
        Path archive = tar(name, flags, format);

        Inspection inspection = inspector.inspect(archive, name);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.format()).isEqualTo(MediaFormat.TAR);
        assertThat(inspection.attributes()).containsEntry("entries", Integer.toString(Oracle.tarEntryCount(archive)))
                .containsEntry("totalSize", Long.toString(Arrays.stream(SIZES).asLongStream().sum()));
        if (!compression.equals("none")) {
            assertThat(inspection.attributes()).containsEntry("compression", compression);
        }
        assertThat(inspection.product()).isEqualTo("nginx");
        assertThat(inspection.version()).isEqualTo("1.24.0");
        assertThat(inspection.attributes()).containsEntry("guessedFromFileName", "product,version");
    }

    @Test
    void recognisesACompressedTarByItsContentWhateverItIsCalled() {
        Path archive = tar("download.bin", "-czf", "gnu");

        Inspection inspection = inspector.inspect(archive, "download.bin");

        assertThat(inspection.format()).isEqualTo(MediaFormat.TAR);
        assertThat(inspection.attributes()).containsEntry("compression", "gzip");
    }

    @Test
    void leavesACompressedFileThatHoldsNoTarAsOther() throws IOException {
        Path notes = dir.resolve("notes.txt");
        Files.writeString(notes, "just some notes\n");
        Oracle.runIn(dir, "gzip", List.of("gzip", notes.toString()));

        Inspection inspection = inspector.inspect(dir.resolve("notes.txt.gz"), "notes.txt.gz");

        assertThat(inspection.format()).isEqualTo(MediaFormat.OTHER);
        assertThat(inspection.problem()).isNull();
        assertThat(inspection.attributes()).containsEntry("compression", "gzip");
    }

    @Test
    void notesThatAZstdTarWasNotCountedUnlessZstdJniIsPresent() throws IOException {
        Path root = Files.createDirectories(dir.resolve("pkg/DEBIAN"));
        Files.writeString(root.resolve("control"), "Package: z\nVersion: 1\nArchitecture: all\n"
                + "Maintainer: Coffer <c@coffer.invalid>\nDescription: z\n");
        Path deb = dir.resolve("z.deb");
        Oracle.dpkgBuild(root.getParent(), "zstd", deb);
        // dpkg-deb's data member is a real zstd-compressed tar.
        Path archive = Packages.write(dir.resolve("data-1.0.tar.zst"), ArFiles.members(deb).get("data.tar.zst"));

        Inspection inspection = inspector.inspect(archive, "data-1.0.tar.zst");

        assertThat(inspection.format()).isEqualTo(MediaFormat.TAR);
        assertThat(inspection.problem()).isNull();
        assertThat(inspection.attributes()).containsEntry("compression", "zstd");
        if (!ZstdUtils.isZstdCompressionAvailable()) {
            assertThat(inspection.attributes()).containsEntry("incomplete",
                    "compression zstd not supported, so entries were not counted");
        }
    }

    @Test
    void reportsATruncatedCompressedTar() throws IOException {
        Path archive = tar("nginx-1.24.0.tar.xz", "-cJf", "gnu");
        byte[] bytes = Files.readAllBytes(archive);
        Packages.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        Inspection inspection = inspector.inspect(archive, "nginx-1.24.0.tar.xz");

        assertThat(inspection.problem()).startsWith("'nginx-1.24.0.tar.xz' is not a readable tar archive: ");
        assertThat(inspection.attributes()).doesNotContainKey("entries");
    }

    @Test
    void reportsAHeaderWhoseChecksumDoesNotMatch() throws IOException {
        Path archive = tar("nginx-1.24.0.tar", "-cf", "ustar");
        byte[] bytes = Files.readAllBytes(archive);
        bytes[0] ^= 1;
        Packages.write(archive, bytes);

        Inspection inspection = inspector.inspect(archive, "nginx-1.24.0.tar");

        assertThat(inspection.problem()).startsWith("'nginx-1.24.0.tar' is not a readable tar archive: the archive "
                + "has a damaged header after 0 entries: checksum ");
    }

    @Test
    void notesAnIncompleteCountWhenDecompressionPassesTheScanLimit() {
        Path archive = tar("nginx-1.24.0.tar.gz", "-czf", "gnu");
        Inspector tight = new Inspector(limits(10_000, Limits.MAX_ENTRIES, Limits.MAX_XZ_MEMORY_KIB));

        Inspection inspection = tight.inspect(archive, "nginx-1.24.0.tar.gz");

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.attributes()).doesNotContainKey("entries").containsEntry("incomplete",
                "the gzip stream holds more than 10000 bytes, the most Coffer reads of it, "
                        + "so entries were not counted");
    }

    @Test
    void notesAnIncompleteCountWhenThereAreMoreEntriesThanTheLimit() {
        Path archive = tar("nginx-1.24.0.tar", "-cf", "gnu");
        Inspector tight = new Inspector(limits(Limits.MAX_SCAN_BYTES, 3, Limits.MAX_XZ_MEMORY_KIB));

        Inspection inspection = tight.inspect(archive, "nginx-1.24.0.tar");

        assertThat(inspection.attributes()).containsEntry("incomplete",
                "the archive has more than 3 entries, the most Coffer walks, so entries were not counted");
    }

    @Test
    void refusesXzDataThatNeedsMoreMemoryThanTheLimit() {
        Path archive = tar("nginx-1.24.0.tar.xz", "-cJf", "gnu");
        Inspector tight = new Inspector(limits(Limits.MAX_SCAN_BYTES, Limits.MAX_ENTRIES, 1024));

        Inspection inspection = tight.inspect(archive, "nginx-1.24.0.tar.xz");

        assertThat(inspection.problem()).startsWith("'nginx-1.24.0.tar.xz' is not a readable tar archive: ")
                .containsIgnoringCase("memory");
    }

    private Path tar(String name, String flags, String format) {
        Path archive = dir.resolve(name);
        Oracle.runIn(dir, "tar", List.of("tar", "--format=" + format, flags, archive.toString(), "nginx-1.24.0"));
        return archive;
    }

    private static Limits limits(long maxScanBytes, int maxEntries, int maxXzMemoryKiB) {
        Limits d = Limits.DEFAULT;
        return new Limits(d.maxMetadataFileBytes(), d.maxControlTarBytes(), maxScanBytes, maxEntries,
                d.maxCentralDirectoryBytes(), d.maxRpmIndexEntries(), d.maxRpmStoreBytes(), d.maxRpmStringBytes(),
                maxXzMemoryKiB, d.maxFieldChars());
    }
}
