package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JarInspectionTest {

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#JARS")
    void takesCoordinatesAndLicenceFromTheEmbeddedPomOrElseTheManifest(String name) throws IOException {
        Path jar = Packages.path(name);
        PomOracle pom;
        String bundleLicense;
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            ZipEntry pomEntry = Collections.list(jarFile.entries()).stream()
                    .filter(e -> e.getName().matches("META-INF/maven/[^/]+/[^/]+/pom\\.xml")).findFirst().orElseThrow();
            pom = new PomOracle(jarFile.getInputStream(pomEntry).readAllBytes());
            bundleLicense = jarFile.getManifest().getMainAttributes().getValue("Bundle-License");
        }

        Inspection inspection = inspector.inspect(jar, name);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.format()).isEqualTo(MediaFormat.JAR);
        assertThat(inspection.product()).isEqualTo(pom.groupId() + ":" + pom.artifactId());
        assertThat(inspection.version()).isEqualTo(pom.version());
        assertThat(inspection.license()).isEqualTo(pom.firstLicense() != null ? pom.firstLicense() : bundleLicense);
        assertThat(inspection.description()).isEqualTo(pom.description());
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            jakarta.inject-api-2.0.1.jar | Eclipse Foundation | The Apache Software License, Version 2.0
            slf4j-api-2.0.20.jar         | SLF4J.ORG          | https://opensource.org/license/mit
            """)
    void matchesTheGoldenValuesInSources(String name, String supplier, String licence) {
        Inspection inspection = inspector.inspect(Packages.path(name), name);

        assertThat(inspection.supplier()).isEqualTo(supplier);
        assertThat(inspection.license()).isEqualTo(licence);
        assertThat(inspection.format().suggestedScheme()).isEqualTo("maven");
        assertThat(inspection.format().mediaType()).isEqualTo("application/java-archive");
    }

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#JARS")
    void countsEntriesAndSizesAsTheJdkZipReaderDoes(String name) throws IOException {
        Path jar = Packages.path(name);
        int entries;
        long totalSize;
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            entries = zip.size();
            totalSize = zip.stream().mapToLong(ZipEntry::getSize).sum();
        }

        Inspection inspection = inspector.inspect(jar, name);

        assertThat(inspection.attributes()).containsEntry("entries", Integer.toString(entries))
                .containsEntry("totalSize", Long.toString(totalSize));
    }

    @Test
    void treatsAZipAsAZipAndGuessesFromItsName() throws IOException {
        Path zip = dir.resolve("bundle-1.2.zip");
        writeZip(zip, "docs/readme.txt", "hello", "docs/licence.txt", "MIT");

        Inspection inspection = inspector.inspect(zip, "bundle-1.2.zip");

        assertThat(inspection.format()).isEqualTo(MediaFormat.ZIP);
        assertThat(inspection.problem()).isNull();
        assertThat(inspection.product()).isEqualTo("bundle");
        assertThat(inspection.version()).isEqualTo("1.2");
        assertThat(inspection.attributes()).containsEntry("entries", "2").containsEntry("totalSize", "8")
                .containsEntry("guessedFromFileName", "product,version");
    }

    @Test
    void recognisesAJavaArchiveByItsManifestWhenTheNameSaysNothing() throws IOException {
        Path download = Files.copy(Packages.path(Packages.SLF4J_JAR), dir.resolve("download"));

        Inspection inspection = inspector.inspect(download, "download");

        assertThat(inspection.format()).isEqualTo(MediaFormat.JAR);
        assertThat(inspection.product()).isEqualTo("org.slf4j:slf4j-api");
    }

    @Test
    void readsAJarWithALauncherScriptPrependedToIt() throws IOException {
        ByteArrayOutputStream executable = new ByteArrayOutputStream();
        executable.writeBytes("#!/bin/sh\nexec java -jar \"$0\" \"$@\"\n".getBytes(StandardCharsets.US_ASCII));
        executable.writeBytes(Packages.bytes(Packages.JAKARTA_JAR));
        Path jar = Packages.write(dir.resolve("inject.jar"), executable.toByteArray());

        Inspection inspection = inspector.inspect(jar, "inject.jar");

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.product()).isEqualTo("jakarta.inject:jakarta.inject-api");
    }

    @Test
    void readsZip64Archives() throws IOException {
        Path jar = dir.resolve("tool-3.0.jar");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(jar)) {
            out.setUseZip64(Zip64Mode.Always);
            for (String[] e : new String[][] {{"META-INF/MANIFEST.MF",
                    "Manifest-Version: 1.0\r\nImplementation-Title: tool\r\nImplementation-Version: 3.0.1\r\n"
                            + "Implementation-Vendor: Example Corp\r\n"}, {"a/b.txt", "data"}}) {
                out.putArchiveEntry(new ZipArchiveEntry(e[0]));
                out.write(e[1].getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }

        Inspection inspection = inspector.inspect(jar, "tool-3.0.jar");

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.product()).isEqualTo("tool");
        assertThat(inspection.version()).isEqualTo("3.0.1");
        assertThat(inspection.supplier()).isEqualTo("Example Corp");
        assertThat(inspection.attributes()).containsEntry("entries", "2");
    }

    @Test
    void picksTheEmbeddedPomWhoseArtifactStartsTheFileNameInAShadedJar() throws IOException {
        Path jar = dir.resolve("app-core-1.0.jar");
        writeZip(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n",
                "META-INF/maven/org.dep/dep/pom.properties", "groupId=org.dep\nartifactId=dep\nversion=9.9\n",
                "META-INF/maven/com.example/app-core/pom.properties",
                "groupId=com.example\nartifactId=app-core\nversion=1.0\n",
                "META-INF/maven/com.example/app/pom.properties", "groupId=com.example\nartifactId=app\nversion=0.1\n");

        Inspection inspection = inspector.inspect(jar, "app-core-1.0.jar");

        assertThat(inspection.product()).isEqualTo("com.example:app-core");
        assertThat(inspection.version()).isEqualTo("1.0");
    }

    @Test
    void usesNoEmbeddedPomWhenNoneMatchesAndSaysHowManyThereWere() throws IOException {
        Path jar = dir.resolve("bundle.jar");
        writeZip(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nBundle-SymbolicName: com.example.bundle;"
                        + "singleton:=true\r\nBundle-Version: 4.2.0\r\n",
                "META-INF/maven/org.dep/dep/pom.properties", "groupId=org.dep\nartifactId=dep\nversion=9.9\n",
                "META-INF/maven/org.other/other/pom.properties", "groupId=org.other\nartifactId=other\nversion=1\n");

        Inspection inspection = inspector.inspect(jar, "bundle.jar");

        assertThat(inspection.product()).isEqualTo("com.example.bundle");
        assertThat(inspection.version()).isEqualTo("4.2.0");
        assertThat(inspection.attributes()).containsEntry("embeddedPoms", "2");
    }

    @Test
    void stopsDecompressingAManifestBombAtTheMetadataLimit() throws IOException {
        Path jar = dir.resolve("bomb.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            byte[] line = ("X-Pad: " + "a".repeat(60) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int written = 0; written < 64 * 1024 * 1024; written += line.length) {
                out.write(line);
            }
            out.closeEntry();
        }

        Budget.Measured<Inspection> run = Budget.measure(() -> inspector.inspect(jar, "bomb.jar"));

        assertThat(Files.size(jar)).isLessThan(256 * 1024);
        assertThat(run.result().problem()).isEqualTo("'bomb.jar' is not a readable Java archive within Coffer's "
                + "limits: META-INF/MANIFEST.MF holds more than 4194304 bytes, the most Coffer reads of it");
        assertThat(run.allocatedBytes()).isLessThan(48L * 1024 * 1024);
    }

    @Test
    void refusesMoreEntriesThanTheLimitEvenWhenTheEndRecordUnderstatesThem() throws IOException {
        Path jar = dir.resolve("many.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.setLevel(0);
            for (int i = 0; i < 3000; i++) {
                out.putNextEntry(new ZipEntry("e/" + i));
                out.closeEntry();
            }
        }
        byte[] bytes = Files.readAllBytes(jar);
        int end = bytes.length - 22;
        // Both entry counts of the end record now claim a single entry.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putShort(end + 8, (short) 1)
                .putShort(end + 10, (short) 1);
        Packages.write(jar, bytes);
        Limits d = Limits.DEFAULT;
        Inspector tight = new Inspector(new Limits(d.maxMetadataFileBytes(), d.maxControlTarBytes(), d.maxScanBytes(),
                1000, d.maxCentralDirectoryBytes(), d.maxRpmIndexEntries(), d.maxRpmStoreBytes(),
                d.maxRpmStringBytes(), d.maxXzMemoryKiB(), d.maxFieldChars()));

        Inspection inspection = tight.inspect(jar, "many.jar");

        assertThat(inspection.problem()).isEqualTo("'many.jar' is not a readable Java archive within Coffer's "
                + "limits: it has more than 1000 entries, the most Coffer walks");
    }

    @Test
    void refusesACentralDirectoryLargerThanTheLimit() {
        Limits d = Limits.DEFAULT;
        Inspector tight = new Inspector(new Limits(d.maxMetadataFileBytes(), d.maxControlTarBytes(), d.maxScanBytes(),
                d.maxEntries(), 1000, d.maxRpmIndexEntries(), d.maxRpmStoreBytes(), d.maxRpmStringBytes(),
                d.maxXzMemoryKiB(), d.maxFieldChars()));

        Inspection inspection = tight.inspect(Packages.path(Packages.SLF4J_JAR), Packages.SLF4J_JAR);

        assertThat(inspection.problem()).startsWith("'" + Packages.SLF4J_JAR + "' is not a readable Java archive "
                + "within Coffer's limits: its central directory is ");
    }

    @Test
    void reportsDamagedDeflateDataInTheManifest() throws IOException {
        byte[] bytes = Packages.bytes(Packages.JAKARTA_JAR);
        int manifestData;
        try (ZipFile zip = new ZipFile(Packages.path(Packages.JAKARTA_JAR).toFile())) {
            assertThat(zip.getEntry("META-INF/MANIFEST.MF").getMethod()).isEqualTo(ZipEntry.DEFLATED);
        }
        // The manifest is the first entry: its data follows the 30-byte local header, name and extra field.
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        manifestData = 30 + b.getShort(26) + b.getShort(28);
        for (int i = manifestData; i < manifestData + 40; i++) {
            bytes[i] = (byte) 0xff;
        }
        Path jar = Packages.write(dir.resolve("inject.jar"), bytes);

        Inspection inspection = inspector.inspect(jar, "inject.jar");

        assertThat(inspection.problem()).startsWith("'inject.jar' is not a readable Java archive: "
                + "META-INF/MANIFEST.MF is damaged: ");
    }

    @Test
    void reportsALocalHeaderOffsetOutsideTheFile() throws IOException {
        Path jar = dir.resolve("lib.jar");
        writeZip(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n");
        byte[] bytes = Files.readAllBytes(jar);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int directory = b.getInt(bytes.length - 22 + 16);
        b.putInt(directory + 42, 0x7000_0000);
        Packages.write(jar, bytes);

        Inspection inspection = inspector.inspect(jar, "lib.jar");

        assertThat(inspection.problem()).isEqualTo("'lib.jar' is not a readable Java archive: the local header of "
                + "META-INF/MANIFEST.MF is truncated: it needs 30 bytes at offset 1879048192 but the file has "
                + bytes.length + " bytes");
    }

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#JARS")
    void reportsEveryTruncatedCopyAsAProblemNamingTheFile(String name) throws IOException {
        int size = (int) Files.size(Packages.path(name));
        for (int length : new int[] {0, 3, 30, size / 2, size - 23, size - 1}) {
            Path jar = Packages.truncated(name, length, dir);

            Inspection inspection = inspector.inspect(jar, name);

            assertThat(inspection.problem()).as("cut at %d of %d bytes", length, size)
                    .startsWith("'" + name + "' is not a readable Java archive: ").doesNotContain("\n");
        }
    }

    /** Writes a deflated zip of name, content pairs. */
    private static void writeZip(Path file, String... namesAndContents) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(raw)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
