package io.coffer.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PomInspectionTest {

    private static final String SECRET = "COFFER-SECRET-7f3a9c";

    private final Inspector inspector = new Inspector();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("io.coffer.inspect.Packages#POMS")
    void readsTheFieldsAPlainXmlParserSeesInThePom(String name) {
        PomOracle pom = new PomOracle(Packages.bytes(name));

        Inspection inspection = inspector.inspect(Packages.path(name), name);

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.format()).isEqualTo(MediaFormat.POM);
        assertThat(inspection.product()).isEqualTo(pom.groupId() + ":" + pom.artifactId());
        assertThat(inspection.version()).isEqualTo(pom.version());
        assertThat(inspection.license()).isEqualTo(pom.firstLicense());
        assertThat(inspection.description()).isEqualTo(pom.description());
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @Test
    void inheritsTheGroupAndVersionOfTheParent() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.SLF4J_POM), Packages.SLF4J_POM);

        assertThat(inspection.product()).isEqualTo("org.slf4j:slf4j-api");
        assertThat(inspection.version()).isEqualTo("2.0.20");
        assertThat(inspection.attributes()).doesNotContainKey("guessedFromFileName");
    }

    @Test
    void takesTheFirstDeveloperOrganisationAsSupplierWhenThereIsNoOrganisation() {
        Inspection inspection = inspector.inspect(Packages.path(Packages.JAKARTA_POM), Packages.JAKARTA_POM);

        assertThat(inspection.supplier()).isEqualTo("Red Hat Inc.");
    }

    @Test
    void replacesReferencesToItsOwnPropertiesAndLeavesUnresolvedOnesOut() throws IOException {
        Path pom = write("pom.xml", """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <groupId>com.example</groupId>
                  <artifactId>widget</artifactId>
                  <version>${revision}</version>
                  <name>Widget ${project.artifactId}</name>
                  <organization><name>${vendor.name}</name></organization>
                  <licenses><license><name>${licence}</name></license></licenses>
                  <properties><vendor.name>Example Corp</vendor.name></properties>
                </project>
                """);

        Inspection inspection = inspector.inspect(pom, "pom.xml");

        assertThat(inspection.problem()).isNull();
        assertThat(inspection.version()).isNull();
        assertThat(inspection.description()).isEqualTo("Widget widget");
        assertThat(inspection.supplier()).isEqualTo("Example Corp");
        assertThat(inspection.license()).isNull();
    }

    @Test
    void neverOpensTheFileAnExternalEntityNames() throws Exception {
        Path fifo = dir.resolve("secret.fifo");
        Oracle.runIn(dir, "coreutils", List.of("mkfifo", fifo.toString()));
        AtomicInteger opens = new AtomicInteger();
        // Opening a FIFO for writing blocks until someone opens it for reading: only the parser could.
        // The writer serves every reader that comes, so a parser that opens it twice cannot hang.
        Thread writer = Thread.ofPlatform().daemon().name("fifo-writer").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    opens.incrementAndGet();
                    out.write(SECRET.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        Path pom = write("evil.pom", externalEntityPom(fifo.toUri().toString()));

        Inspection inspection = inspector.inspect(pom, "evil.pom");
        writer.join(200);
        int opensByInspection = opens.get();
        writer.interrupt();
        try (InputStream release = Files.newInputStream(fifo)) {
            release.readAllBytes();
        }

        assertThat(opensByInspection).isZero();
        assertThat(inspection.problem()).isEqualTo("'evil.pom' is not a readable Maven POM: the POM declares a "
                + "DOCTYPE, which Coffer refuses so that no external entity or DTD is ever read");
    }

    @Test
    void keepsTheContentOfAnExternalEntityOutOfTheInspection() throws IOException {
        Path secret = write("secret.txt", SECRET);
        Path pom = write("evil.pom", externalEntityPom(secret.toUri().toString()));

        Inspection inspection = inspector.inspect(pom, "evil.pom");

        assertThat(inspection.problem()).contains("declares a DOCTYPE");
        assertThat(inspection.toString()).doesNotContain(SECRET);
    }

    @Test
    void neverFetchesAnExternalDtd() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil.dtd";
            Path pom = write("evil.pom", """
                    <?xml version="1.0"?>
                    <!DOCTYPE project SYSTEM "%s">
                    <project><groupId>g</groupId><artifactId>a</artifactId><version>1</version></project>
                    """.formatted(url));

            Inspection inspection = inspector.inspect(pom, "evil.pom");

            assertThat(inspection.problem()).contains("declares a DOCTYPE");
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void refusesEntityExpansionBombsBeforeExpandingAnything() throws IOException {
        StringBuilder entities = new StringBuilder("<!ENTITY a0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        Path pom = write("laughs.pom", "<?xml version=\"1.0\"?>\n<!DOCTYPE project [\n" + entities
                + "]>\n<project><description>&a9;</description></project>\n");

        Budget.Measured<Inspection> run = Budget.measure(() -> inspector.inspect(pom, "laughs.pom"));

        assertThat(run.result().problem()).contains("declares a DOCTYPE");
        assertThat(run.allocatedBytes()).isLessThan(32L * 1024 * 1024);
    }

    @Test
    void doesNotFollowXIncludes() throws IOException {
        Path secret = write("secret.txt", SECRET);
        Path pom = write("include.pom", """
                <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xi="http://www.w3.org/2001/XInclude">
                  <groupId>g</groupId><artifactId>a</artifactId><version>1</version>
                  <description><xi:include href="%s" parse="text"/></description>
                </project>
                """.formatted(secret.toUri()));

        Inspection inspection = inspector.inspect(pom, "include.pom");

        assertThat(inspection.toString()).doesNotContain(SECRET);
        assertThat(inspection.product()).isEqualTo("g:a");
    }

    @Test
    void reportsMalformedXmlWithItsPosition() throws IOException {
        Path pom = write("broken.pom", "<project>\n  <groupId>g</groupId>\n  <artifactId>a</version>\n</project>\n");

        Inspection inspection = inspector.inspect(pom, "broken.pom");

        assertThat(inspection.problem()).startsWith("'broken.pom' is not a readable Maven POM: the POM is not "
                + "well-formed XML at line 3, column ");
    }

    @Test
    void reportsAPomWhoseRootIsNotAProject() throws IOException {
        Path pom = write("settings.pom", "<settings><localRepository>/tmp</localRepository></settings>");

        Inspection inspection = inspector.inspect(pom, "settings.pom");

        assertThat(inspection.problem()).isEqualTo("'settings.pom' is not a readable Maven POM: the POM has root "
                + "element <settings>, expected <project>");
    }

    @Test
    void refusesNestingDeeperThanAnyPom() throws IOException {
        Path pom = write("deep.pom", "<project>" + "<a>".repeat(100_000) + "</a>".repeat(100_000) + "</project>");

        Inspection inspection = inspector.inspect(pom, "deep.pom");

        assertThat(inspection.problem()).startsWith("'deep.pom' is not a readable Maven POM: ");
    }

    @Test
    void refusesAPomLargerThanTheMetadataLimit() throws IOException {
        Path pom = write("huge.pom", "<project><description>" + "x".repeat(5 * 1024 * 1024)
                + "</description></project>");

        Inspection inspection = inspector.inspect(pom, "huge.pom");

        assertThat(inspection.problem()).isEqualTo("'huge.pom' is not a readable Maven POM within Coffer's limits: "
                + "the POM holds more than 4194304 bytes, the most Coffer reads of it");
    }

    @Test
    void recognisesAPomByItsNamespaceWhateverItIsCalled() throws IOException {
        Path pom = write("upload.xml", new String(Packages.bytes(Packages.JAKARTA_POM), StandardCharsets.UTF_8));

        Inspection inspection = inspector.inspect(pom, "upload.xml");

        assertThat(inspection.format()).isEqualTo(MediaFormat.POM);
        assertThat(inspection.product()).isEqualTo("jakarta.inject:jakarta.inject-api");
    }

    private static String externalEntityPom(String uri) {
        return """
                <?xml version="1.0"?>
                <!DOCTYPE project [ <!ENTITY secret SYSTEM "%s"> ]>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <groupId>g</groupId><artifactId>a</artifactId><version>1</version>
                  <description>&secret;</description>
                </project>
                """.formatted(uri);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
