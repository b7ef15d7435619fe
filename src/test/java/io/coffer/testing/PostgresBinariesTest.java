package io.coffer.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBinariesTest {

    @TempDir
    Path root;

    private URL archive;

    @BeforeEach
    void findArchive() {
        archive = PostgresBinariesTest.class.getClassLoader().getResource(PostgresBinaries.resourceName());
        assumeTrue(archive != null, "no PostgreSQL binaries archive for this platform on the class path");
    }

    @Test
    void unpackingKeepsExecutableBitsAndSymbolicLinks() throws IOException {
        Path home = PostgresBinaries.unpack(archive, root);

        assertThat(home.resolve("bin/postgres")).isExecutable();
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/initdb")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        Path link = home.resolve("lib/libpq.so.5");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("libpq.so.5.14"));
        assertThat(link).isRegularFile();
    }

    @Test
    void unpackedProgramsAreReadableByEveryAccount() throws IOException {
        Path home = PostgresBinaries.unpack(archive, root);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).endsWith("r-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("bin")))).endsWith("r-x");
        Path catalog = home.resolve("share/postgresql/postgres.bki");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(catalog))).endsWith("r--");
    }

    @Test
    void aSecondRunReusesTheFirstRunsUnpacking() throws IOException {
        Path first = PostgresBinaries.unpack(archive, root);
        FileTime unpacked = Files.getLastModifiedTime(first.resolve("bin/postgres"));

        Path second = PostgresBinaries.unpack(archive, root);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(second.resolve("bin/postgres"))).isEqualTo(unpacked);
    }

    @Test
    void anUnpackingMissingAProgramIsReplaced() throws IOException {
        Path first = PostgresBinaries.unpack(archive, root);
        Files.delete(first.resolve("bin/initdb"));

        Path second = PostgresBinaries.unpack(archive, root);

        assertThat(second).isEqualTo(first);
        assertThat(second.resolve("bin/initdb")).isExecutable();
        assertThat(entries(root)).containsExactly(second.getFileName().toString());
    }

    @Test
    void jvmsUnpackingAtTheSameTimeEndWithOneCompleteCopyAndNoLeftovers() throws Exception {
        Callable<Path> unpack = () -> PostgresBinaries.unpack(archive, root);
        List<Future<Path>> results;
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            results = pool.invokeAll(List.of(unpack, unpack, unpack));
        }

        Path home = results.get(0).get();
        for (Future<Path> result : results) {
            assertThat(result.get()).isEqualTo(home);
        }
        assertThat(home.resolve("bin/pg_ctl")).isExecutable();
        assertThat(entries(root)).containsExactly(home.getFileName().toString());
    }

    @Test
    void archiveModeBitsBecomeTheSamePermissions() {
        assertThat(PostgresBinaries.permissions(0755)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(PostgresBinaries.permissions(0640)).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(PostgresBinaries.permissions(0100644)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !Files.isSymbolicLink(p) || Files.exists(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .toList();
        }
    }
}
