package io.coffer.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

    @TempDir
    Path root;

    private static Digest sha256(byte[] bytes) throws Exception {
        return Digest.ofBytes(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Path> tmpFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve("tmp"))) {
            return s.toList();
        }
    }

    @Test
    void storesBlobUnderItsSha256AndReadsItBack() throws Exception {
        byte[] content = "master copy".getBytes(StandardCharsets.UTF_8);
        try (LocalBlobStore store = LocalBlobStore.open(root);
                StagedBlob staged = store.stage(new ByteArrayInputStream(content), null, -1)) {
            assertThat(staged.digest()).isEqualTo(sha256(content));
            assertThat(store.contains(staged.digest())).isFalse();

            assertThat(staged.commit()).isTrue();

            assertThat(store.size(staged.digest())).contains((long) content.length);
            try (SeekableByteChannel in = store.open(staged.digest())) {
                ByteBuffer buf = ByteBuffer.allocate(64);
                in.read(buf);
                assertThat(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8)).isEqualTo("master copy");
            }
            assertThat(store.pathOf(staged.digest()).toString()).contains(staged.digest().hex().substring(0, 2));
        }
    }

    @Test
    void storesTheSameBytesOnlyOnce() throws Exception {
        byte[] content = new byte[100_000];
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            boolean first;
            boolean second;
            try (StagedBlob a = store.stage(new ByteArrayInputStream(content), null, -1)) {
                first = a.commit();
            }
            try (StagedBlob b = store.stage(new ByteArrayInputStream(content), null, -1)) {
                second = b.commit();
            }

            assertThat(first).isTrue();
            assertThat(second).isFalse();
            try (Stream<Digest> all = store.digests()) {
                assertThat(all).hasSize(1);
            }
            assertThat(tmpFiles(root)).isEmpty();
        }
    }

    @Test
    void refusesBytesThatDoNotMatchTheExpectedDigestAndKeepsNothing() throws Exception {
        byte[] content = "the real bytes".getBytes(StandardCharsets.UTF_8);
        Digest other = sha256("other bytes".getBytes(StandardCharsets.UTF_8));
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(content), other, -1))
                    .isInstanceOf(BlobIntegrityException.class)
                    .hasMessageContaining(other.hex())
                    .hasMessageContaining(sha256(content).hex());

            assertThat(tmpFiles(root)).isEmpty();
            assertThat(store.contains(sha256(content))).isFalse();
        }
    }

    @Test
    void refusesABodyShorterOrLongerThanDeclared() throws Exception {
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[10]), null, 11))
                    .isInstanceOf(BlobIntegrityException.class).hasMessageContaining("11");
            assertThatThrownBy(() -> store.stage(new ByteArrayInputStream(new byte[10]), null, 9))
                    .isInstanceOf(BlobIntegrityException.class).hasMessageContaining("9");

            assertThat(tmpFiles(root)).isEmpty();
        }
    }

    @Test
    void keepsNothingWhenTheSenderFailsMidway() throws Exception {
        InputStream failing = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 3_000_000) {
                    throw new IOException("connection reset by peer");
                }
                return 7;
            }
        };
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThatThrownBy(() -> store.stage(failing, null, -1)).isInstanceOf(IOException.class);

            assertThat(tmpFiles(root)).isEmpty();
            try (Stream<Digest> all = store.digests()) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void discardingAStagedBlobLeavesNoTrace() throws Exception {
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            Digest d;
            try (StagedBlob staged = store.stage(new ByteArrayInputStream(new byte[] {1, 2, 3}), null, 3)) {
                d = staged.digest();
                assertThat(staged.file()).exists();
            }

            assertThat(store.contains(d)).isFalse();
            assertThat(tmpFiles(root)).isEmpty();
        }
    }

    @Test
    void sweepsTemporaryLeftoversOfInterruptedWritesAtOpen() throws Exception {
        LocalBlobStore.open(root).close();
        Files.write(root.resolve("tmp").resolve("crashed.part"), new byte[1234]);

        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            assertThat(tmpFiles(root)).isEmpty();
            try (Stream<Digest> all = store.digests()) {
                assertThat(all).isEmpty();
            }
        }
    }

    @Test
    void storesAnEmptyFile() throws Exception {
        try (LocalBlobStore store = LocalBlobStore.open(root);
                StagedBlob staged = store.stage(InputStream.nullInputStream(), null, 0)) {
            staged.commit();

            assertThat(staged.digest().hex()).isEqualTo(
                    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
            assertThat(store.size(staged.digest())).contains(0L);
        }
    }

    @Test
    void scrubReportsABlobWhoseBytesChangedBehindTheStoresBack() throws Exception {
        try (LocalBlobStore store = LocalBlobStore.open(root)) {
            Digest good;
            Digest bad;
            try (StagedBlob a = store.stage(new ByteArrayInputStream("good".getBytes()), null, -1)) {
                a.commit();
                good = a.digest();
            }
            try (StagedBlob b = store.stage(new ByteArrayInputStream("soon bad".getBytes()), null, -1)) {
                b.commit();
                bad = b.digest();
            }
            Files.writeString(store.pathOf(bad), "tampered");

            Scrub.Report report = Scrub.run(store, 2, n -> {});

            assertThat(report.blobsChecked()).isEqualTo(2);
            assertThat(report.damaged()).extracting(Scrub.Damage::expected).containsExactly(bad);
            assertThat(report.damaged().get(0).actual()).isEqualTo(sha256("tampered".getBytes()));
            assertThat(report.damaged()).extracting(Scrub.Damage::expected).doesNotContain(good);
        }
    }
}
