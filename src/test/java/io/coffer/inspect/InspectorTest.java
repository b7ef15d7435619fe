package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InspectorTest {

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    @Test
    void guessesFromTheNameOfAFileItCannotRecogniseWithoutCallingItAProblem() throws IOException {
        Path exe = Files.writeString(dir.resolve("upload"), "MZ this is not really a program");

        Inspection inspection = inspector.inspect(exe, "Setup_Product_2.3.1_x64.exe");

        assertThat(inspection.format()).isEqualTo(MediaFormat.OTHER);
        assertThat(inspection.problem()).isNull();
        assertThat(inspection.product()).isEqualTo("Product");
        assertThat(inspection.version()).isEqualTo("2.3.1");
        assertThat(inspection.architecture()).isEqualTo("x64");
        assertThat(inspection.attributes()).containsEntry("guessedFromFileName", "product,version,architecture");
    }

    @Test
    void trustsTheContentOverTheName() throws IOException {
        Path upload = Files.copy(Packages.path(Packages.SLF4J_JAR), dir.resolve("upload"));

        Inspection inspection = inspector.inspect(upload, "misnamed_1.0_amd64.deb");

        assertThat(inspection.format()).isEqualTo(MediaFormat.JAR);
        assertThat(inspection.problem()).isNull();
    }

    @Test
    void usesTheNameOfTheFileWhenNoNameIsGiven() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.NETBASE_DEB), null);

        assertThat(inspection.product()).isEqualTo("netbase");
        assertThat(inspection.problem()).isNull();
    }

    @Test
    void namesOnlyTheLastPathElementOfTheUploadNameAndHidesControlCharacters() throws IOException {
        Path bad = Files.writeString(dir.resolve("upload"), "not a package");

        Inspection inspection = inspector.inspect(bad, "C:\\uploads\\evil\nname.deb");

        assertThat(inspection.problem()).startsWith("'evil?name.deb' is not a readable Debian package: ");
    }

    @Test
    void throwsUncheckedIoExceptionWhenTheLocalFileIsMissing() {
        Path missing = dir.resolve("missing.deb");

        assertThatThrownBy(() -> inspector.inspect(missing, "missing.deb"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.deb");
    }

    @Test
    void throwsUncheckedIoExceptionWhenTheLocalFileIsADirectory() {
        assertThatThrownBy(() -> inspector.inspect(dir, "dir.deb")).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void returnsAttributesThatCannotBeChanged() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.NETBASE_DEB), Packages.NETBASE_DEB);

        assertThatThrownBy(() -> inspection.attributes().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void copiesTheAttributesItIsGiven() {
        Map<String, String> attributes = new HashMap<>(Map.of("b", "2", "a", "1"));
        Inspection inspection = new Inspection(MediaFormat.OTHER, null, null, null, null, null, null, attributes, null);

        attributes.put("c", "3");

        assertThat(inspection.attributes()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(inspection.readable()).isTrue();
    }

    @Test
    void cutsOverlongFieldsAndCollapsesTheirWhiteSpace() throws IOException {
        Path pom = Files.writeString(dir.resolve("long.pom"), "<project><groupId>g</groupId><artifactId>a"
                + "</artifactId><version>1</version><description>first\n\tsecond " + "x".repeat(10_000)
                + "</description></project>");

        Inspection inspection = inspector.inspect(pom, "long.pom");

        assertThat(inspection.description()).startsWith("first second xxx").hasSize(Limits.MAX_FIELD_CHARS)
                .endsWith("…");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", textBlock = """
            DEB,   application/vnd.debian.binary-package, debian
            RPM,   application/x-rpm,                     rpm
            JAR,   application/java-archive,              maven
            POM,   application/xml,                       maven
            ZIP,   application/zip,                       -
            TAR,   application/x-tar,                     -
            OTHER, application/octet-stream,              -
            """)
    void namesAMediaTypeAndVersionSchemeForEachFormat(MediaFormat format, String mediaType, String scheme) {
        assertThat(format.mediaType()).isEqualTo(mediaType);
        assertThat(format.suggestedScheme()).isEqualTo(scheme);
    }
}
