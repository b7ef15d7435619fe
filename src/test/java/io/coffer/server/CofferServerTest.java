package io.coffer.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CofferServerTest {

    @TempDir
    Path parent;

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAndTouchesNothing() throws Exception {
        Path data = parent.resolve("data");
        try (TestServer first = TestServer.start(data)) {
            Path inFlight = data.resolve("tmp").resolve("upload-in-flight.part");
            Files.writeString(inFlight, "half an upload");

            assertThatThrownBy(() -> TestServer.start(data))
                    .isInstanceOf(CofferException.class)
                    .hasMessageContaining("in use by another Coffer server")
                    .satisfies(e -> assertThat(((CofferException) e).failure()).isEqualTo(Failure.UNAVAILABLE));

            assertThat(inFlight).exists();
        }
        try (TestServer again = TestServer.start(data)) {
            assertThat(again.port()).isPositive();
        }
    }

    @Test
    void theDataDirectoryAndTheBlobsAreForTheServersAccountOnly() throws Exception {
        Path data = parent.resolve("fresh");
        try (TestServer server = TestServer.start(data)) {
            server.send(server.request("/api/v1/media?fileName=a.bin&product=p&version=1.0.0")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("secret")));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
            try (var blobs = Files.find(data.resolve("blobs"), 4, (p, a) -> a.isRegularFile())) {
                Path blob = blobs.findFirst().orElseThrow();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(blob))).isEqualTo("rw-------");
            }
        }
    }
}
