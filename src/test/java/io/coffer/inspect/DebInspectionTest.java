package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.commons.compress.compressors.zstandard.ZstdUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DebInspectionTest {

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#DEBS")
    void readsTheControlFieldsThatDpkgDebReports(String name) {
        Path deb = Packages.path(name);
        Map<String, String> expected = Oracle.dpkgFields(deb, "Package", "Version", "Maintainer", "Architecture",
                "Description");

        Inspection inspection = inspector.inspect(deb, name);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.format()).isEqualTo(MediaFormat.DEB);
        assertThat(inspection.product()).isEqualTo(expected.get("Package"));
        assertThat(inspection.version()).isEqualTo(expected.get("Version"));
        assertThat(inspection.supplier()).isEqualTo(expected.get("Maintainer"));
        assertThat(inspection.architecture()).isEqualTo(expected.get("Architecture"));
        assertThat(inspection.description()).isEqualTo(expected.get("Description"));
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @Test
    void keepsTheEpochOfLibcap2InItsVersion() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.LIBCAP2_DEB), Packages.LIBCAP2_DEB);

        assertThat(inspection.version()).isEqualTo("1:2.66-4+deb12u3+b1");
        assertThat(inspection.format().suggestedScheme()).isEqualTo("debian");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hostname_3.23+nmu1_amd64.deb        | hostname | GPL-2
            libcap2_2.66-4+deb12u3+b1_amd64.deb | libcap2  | BSD-3-clause or GPL-2
            netbase_6.4_all.deb                 | netbase  | GPL-2
            """)
    void takesTheLicenceOfTheParagraphCoveringAllFilesInTheDep5CopyrightFile(String name, String pkg,
                                                                              String licence) {
        String copyright = Oracle.dpkgCopyright(Packages.path(name), pkg);

        Inspection inspection = inspector.inspect(Packages.path(name), name);

        assertThat(copyright).contains("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/");
        assertThat(copyright).containsPattern("(?m)^License: " + Pattern.quote(licence) + "$");
        assertThat(inspection.license()).isEqualTo(licence);
        assertThat(inspection.attributes()).containsEntry("copyright", "machine-readable (DEP-5)");
    }

    @Test
    void listsTheOtherLicencesOfTheCopyrightFileAsAnAttribute() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.LIBCAP2_DEB), Packages.LIBCAP2_DEB);

        assertThat(inspection.attributes()).containsEntry("licenses", "BSD-3-clause or GPL-2; BSD-3-clause or GPL-2+");
    }

    @ParameterizedTest
    @CsvSource({"gzip, control.tar.gz", "none, control.tar", "xz, control.tar.xz"})
    void readsPackagesThatDpkgDebBuiltWithEachCompression(String compressor, String controlMember)
            throws IOException {
        Path root = packageRoot("coffer-demo", "2:0.5~rc1-3", "MPL-2.0");
        Path deb = dir.resolve("coffer-demo.deb");
        Oracle.dpkgBuild(root, compressor, deb);
        Map<String, String> expected = Oracle.dpkgFields(deb, "Package", "Version", "Maintainer", "Architecture");

        Inspection inspection = inspector.inspect(deb, "coffer-demo.deb");

        assertThat(ArFiles.members(deb)).containsKey(controlMember);
        assertThat(inspection.problem()).isNull();
        assertThat(inspection.product()).isEqualTo(expected.get("Package"));
        assertThat(inspection.version()).isEqualTo(expected.get("Version"));
        assertThat(inspection.supplier()).isEqualTo(expected.get("Maintainer"));
        assertThat(inspection.architecture()).isEqualTo(expected.get("Architecture"));
        assertThat(inspection.license()).isEqualTo("MPL-2.0");
        assertThat(inspection.attributes()).containsEntry("controlCompression", compressor);
    }

    @Test
    void reportsAZstdControlArchiveAsUnsupportedUnlessZstdJniIsPresent() throws IOException {
        Path deb = dir.resolve("coffer-demo.deb");
        Oracle.dpkgBuild(packageRoot("coffer-demo", "1.0", "MIT"), "zstd", deb);

        Inspection inspection = inspector.inspect(deb, "coffer-demo.deb");

        if (ZstdUtils.isZstdCompressionAvailable()) {
            assertThat(inspection.problem()).isNull();
            assertThat(inspection.license()).isEqualTo("MIT");
        } else {
            assertThat(inspection.problem()).isEqualTo("'coffer-demo.deb' is not a readable Debian package: "
                    + "control.tar.zst uses zstd compression, which this server cannot decompress "
                    + "(the zstd-jni library is not installed)");
            assertThat(inspection.attributes().get("incomplete")).startsWith("compression zstd not supported");
        }
        assertThat(inspection.attributes()).containsEntry("controlCompression", "zstd");
    }

    @Test
    void keepsTheControlFieldsWhenOnlyTheDataArchiveUsesUnsupportedZstd() throws IOException {
        Path zstdDeb = dir.resolve("zstd.deb");
        Oracle.dpkgBuild(packageRoot("coffer-demo", "1.0", "MIT"), "zstd", zstdDeb);
        Map<String, byte[]> members = new LinkedHashMap<>(ArFiles.members(Packages.path(Packages.HOSTNAME_DEB)));
        members.remove("data.tar.xz");
        members.put("data.tar.zst", ArFiles.members(zstdDeb).get("data.tar.zst"));
        Path mixed = Packages.write(dir.resolve("hostname_mixed.deb"), ArFiles.archive(members));

        Inspection inspection = inspector.inspect(mixed, "hostname_mixed.deb");

        assertThat(inspection.product()).isEqualTo("hostname");
        assertThat(inspection.version()).isEqualTo("3.23+nmu1");
        if (!ZstdUtils.isZstdCompressionAvailable()) {
            assertThat(inspection.problem()).isNull();
            assertThat(inspection.attributes().get("incomplete"))
                    .isEqualTo("compression zstd not supported: data.tar.zst was not searched for a copyright file");
        }
    }

    @Test
    void givesNoLicenceForAFreeFormCopyrightFile() throws IOException {
        Path root = packageRoot("coffer-demo", "1.0", null);
        Files.writeString(root.resolve("usr/share/doc/coffer-demo/copyright"),
                "This package is distributed under the terms of the GNU GPL, version 2.\n");
        Path deb = dir.resolve("coffer-demo_1.0_all.deb");
        Oracle.dpkgBuild(root, "gzip", deb);

        Inspection inspection = inspector.inspect(deb, "coffer-demo_1.0_all.deb");

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.license()).isNull();
        assertThat(inspection.attributes()).containsEntry("copyright", "not machine-readable (no DEP-5 Format field)");
    }

    @Test
    void stopsScanningADataArchiveThatExpandsPastTheScanLimitWithoutFailing() throws IOException {
        Path root = packageRoot("coffer-demo", "1.0", "MIT");
        // Sorted before usr/, so dpkg-deb puts it ahead of the copyright file; zeros compress to almost nothing.
        Files.createDirectories(root.resolve("opt"));
        Files.write(root.resolve("opt/zeros"), new byte[4 * 1024 * 1024]);
        Path deb = dir.resolve("coffer-demo.deb");
        Oracle.dpkgBuild(root, "gzip", deb);
        Inspector tight = new Inspector(limits(Limits.MAX_METADATA_FILE_BYTES, 1024 * 1024));

        Inspection limited = tight.inspect(deb, "coffer-demo.deb");
        Inspection unlimited = inspector.inspect(deb, "coffer-demo.deb");

        assertThat(Files.size(deb)).isLessThan(64 * 1024);
        assertThat(limited.problem()).isNull();
        assertThat(limited.product()).isEqualTo("coffer-demo");
        assertThat(limited.license()).isNull();
        assertThat(limited.attributes().get("incomplete"))
                .isEqualTo("data.tar.gz holds more than 1048576 bytes, the most Coffer reads of it, "
                        + "so the copyright file was not found");
        assertThat(unlimited.license()).isEqualTo("MIT");
    }

    @Test
    void refusesAControlFileLargerThanTheMetadataLimit() {
        Inspector tight = new Inspector(limits(100, Limits.MAX_SCAN_BYTES));

        Inspection inspection = tight.inspect(Packages.path(Packages.HOSTNAME_DEB), Packages.HOSTNAME_DEB);

        assertThat(inspection.problem()).startsWith("'" + Packages.HOSTNAME_DEB
                + "' is not a readable Debian package within Coffer's limits: the control file in control.tar.xz is ");
    }

    @Test
    void saysWhichMemberIsTruncatedWhenTheFileEndsInsideTheControlArchive() {
        Path deb = Packages.truncated(Packages.HOSTNAME_DEB, 700, dir);

        Inspection inspection = inspector.inspect(deb, Packages.HOSTNAME_DEB);

        assertThat(inspection.problem()).isEqualTo("'" + Packages.HOSTNAME_DEB + "' is not a readable Debian "
                + "package: control.tar.xz is truncated: its header declares 700 bytes but only 568 remain in the "
                + "file");
        assertThat(inspection.product()).isEqualTo("hostname");
        assertThat(inspection.attributes()).containsEntry("guessedFromFileName", "product,version,architecture");
    }

    @Test
    void keepsTheControlFieldsWhenTheFileEndsInsideTheDataArchive() throws IOException {
        int size = (int) Files.size(Packages.path(Packages.HOSTNAME_DEB));
        Path deb = Packages.truncated(Packages.HOSTNAME_DEB, size - 100, dir);

        Inspection inspection = inspector.inspect(deb, Packages.HOSTNAME_DEB);

        assertThat(inspection.problem()).contains("data.tar.xz is truncated");
        assertThat(inspection.supplier()).isEqualTo("Michael Meskes <meskes@debian.org>");
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#DEBS")
    void reportsEveryTruncatedCopyAsAProblemNamingTheFile(String name) throws IOException {
        int size = (int) Files.size(Packages.path(name));
        for (int length : new int[] {0, 1, 8, 60, 67, size / 10, size / 3, size / 2, size * 9 / 10, size - 1}) {
            Path deb = Packages.truncated(name, length, dir);

            Inspection inspection = inspector.inspect(deb, name);

            assertThat(inspection.problem()).as("cut at %d of %d bytes", length, size)
                    .startsWith("'" + name + "' is not a readable Debian package: ").doesNotContain("\n");
            assertThat(inspection.format()).isEqualTo(MediaFormat.DEB);
        }
    }

    @Test
    void reportsAFileNamedDebWithoutTheArSignature() {
        byte[] bytes = Packages.bytes(Packages.NETBASE_DEB);
        System.arraycopy("<garbage".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 8);
        Path deb = Packages.write(dir.resolve("netbase.deb"), bytes);

        Inspection inspection = inspector.inspect(deb, "netbase.deb");

        assertThat(inspection.problem()).isEqualTo("'netbase.deb' is not a readable Debian package: "
                + "it does not start with the ar archive signature '!<arch>'");
    }

    @Test
    void reportsADamagedArMemberHeader() {
        byte[] bytes = Packages.bytes(Packages.NETBASE_DEB);
        // The size field of the second member header (control.tar.xz) starts 48 bytes into it.
        int second = 8 + 60 + 4;
        System.arraycopy("12ab".getBytes(StandardCharsets.US_ASCII), 0, bytes, second + 48, 4);
        Path deb = Packages.write(dir.resolve("netbase.deb"), bytes);

        Inspection inspection = inspector.inspect(deb, "netbase.deb");

        assertThat(inspection.problem()).isEqualTo("'netbase.deb' is not a readable Debian package: the ar header "
                + "at offset 72 has size field '12ab', expected a decimal byte count");
    }

    @Test
    void reportsAnArchiveWhoseFirstMemberIsNotDebianBinary() {
        Map<String, byte[]> members = new LinkedHashMap<>(ArFiles.members(Packages.path(Packages.NETBASE_DEB)));
        Map<String, byte[]> reordered = new LinkedHashMap<>();
        reordered.put("control.tar.xz", members.get("control.tar.xz"));
        reordered.put("debian-binary", members.get("debian-binary"));
        reordered.put("data.tar.xz", members.get("data.tar.xz"));
        Path deb = Packages.write(dir.resolve("netbase.deb"), ArFiles.archive(reordered));

        Inspection inspection = inspector.inspect(deb, "netbase.deb");

        assertThat(inspection.problem()).isEqualTo("'netbase.deb' is not a readable Debian package: "
                + "its first ar member is 'control.tar.xz', expected debian-binary");
    }

    @Test
    void reportsDamagedCompressedControlData() {
        Map<String, byte[]> members = new LinkedHashMap<>(ArFiles.members(Packages.path(Packages.NETBASE_DEB)));
        byte[] control = members.get("control.tar.xz");
        for (int i = 40; i < control.length - 40; i++) {
            control[i] ^= (byte) 0x5a;
        }
        Path deb = Packages.write(dir.resolve("netbase.deb"), ArFiles.archive(members));

        Inspection inspection = inspector.inspect(deb, "netbase.deb");

        assertThat(inspection.problem()).startsWith("'netbase.deb' is not a readable Debian package: "
                + "control.tar.xz is damaged: ");
    }

    private Path packageRoot(String name, String version, String dep5Licence) throws IOException {
        Path root = Files.createDirectories(dir.resolve("root-" + name));
        Files.createDirectories(root.resolve("DEBIAN"));
        Files.writeString(root.resolve("DEBIAN/control"), """
                Package: %s
                Version: %s
                Architecture: all
                Maintainer: Coffer Maintainers <maintainers@coffer.invalid>
                Description: crafted package for inspection tests
                 A package built by the test itself with dpkg-deb.
                """.formatted(name, version));
        Path doc = Files.createDirectories(root.resolve("usr/share/doc/" + name));
        if (dep5Licence != null) {
            Files.writeString(doc.resolve("copyright"), """
                    Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
                    Upstream-Name: %s

                    Files: debian/*
                    Copyright: 2026 Coffer Maintainers
                    License: GPL-2+

                    Files: *
                    Copyright: 2026 Coffer Maintainers
                    License: %s
                     The text of the licence would follow here.
                    """.formatted(name, dep5Licence));
        }
        return root;
    }

    private static Limits limits(int maxMetadataFileBytes, long maxScanBytes) {
        Limits d = Limits.DEFAULT;
        return new Limits(maxMetadataFileBytes, d.maxControlTarBytes(), maxScanBytes, d.maxEntries(),
                d.maxCentralDirectoryBytes(), d.maxRpmIndexEntries(), d.maxRpmStoreBytes(), d.maxRpmStringBytes(),
                d.maxXzMemoryKiB(), d.maxFieldChars());
    }
}
