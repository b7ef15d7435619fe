package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.store.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Fetches a master copy. The bytes go to a hidden temporary file beside the target and are hashed
 * on the way; only when the digest matches the catalog's does the file appear under its name.
 */
@Command(name = "pull", description = "Fetch a master copy, verified against its SHA-256 before it appears.")
final class PullCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "PRODUCT")
    String product;

    @Parameters(index = "1", paramLabel = "VERSION", description = "A version, or 'latest'.")
    String version;

    @Parameters(index = "2", paramLabel = "FILE", arity = "0..1",
            description = "File name within the version (default: its only file).")
    String fileName;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH", description = "Where to write (default: the file "
            + "name, in the current directory). An existing directory receives the file under its name.")
    Path output;

    @Override
    public Integer call() throws IOException {
        ApiClient api = client();
        String p = ApiClient.segment(product);
        JsonNode detail = "latest".equals(version) ? api.get("api/v1/products/" + p + "/latest")
                : api.get("api/v1/products/" + p + "/versions/" + ApiClient.segment(version));
        String resolvedVersion = detail.path("version").path("version").asText();
        JsonNode item = pick(detail.path("media"));
        String name = item.path("fileName").asText();
        Digest expected = Digest.ofHex(item.path("sha256").asText());
        long size = item.path("size").asLong();

        Path target = output == null ? Path.of(safeLocalName(name))
                : Files.isDirectory(output) ? output.resolve(safeLocalName(name)) : output;
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new CofferException(Failure.INVALID, "cannot write " + target + ": " + dir
                    + (Files.isDirectory(dir) ? " is not writable" : " is not a directory"));
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new CofferException(Failure.INVALID, "cannot write " + target + ": it exists and is not a file");
        }
        // Created without explicit permissions so that the user's umask applies, as for any download.
        Path tmp = dir.resolve("." + target.getFileName() + "." + java.util.UUID.randomUUID() + ".part");
        try {
            HttpResponse<InputStream> response = api.stream("api/v1/products/" + p + "/versions/"
                    + ApiClient.segment(resolvedVersion) + "/files/" + ApiClient.segment(name));
            MessageDigest sha256 = sha256();
            Progress progress = new Progress(err(), "pulling", size, Progress.onTerminal());
            try (InputStream in = progress.track(response.body());
                    FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(java.nio.channels.Channels.newOutputStream(channel),
                            sha256)) {
                in.transferTo(out);
                out.flush();
                channel.force(true);
            }
            progress.finish();
            Digest actual = Digest.ofBytes(sha256.digest());
            if (!actual.equals(expected)) {
                throw new CofferException(Failure.INTEGRITY, "the bytes received for " + name + " hash to " + actual
                        + " but the catalog says " + expected + "; nothing was written");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        if (json) {
            printJson(item);
        } else {
            out().printf("pulled %s %s %s -> %s (sha256 %s verified)%n", Table.clean(product),
                    Table.clean(resolvedVersion), Table.clean(name), target, expected.hex());
        }
        return 0;
    }

    private JsonNode pick(JsonNode media) {
        if (fileName != null) {
            for (JsonNode m : media) {
                if (fileName.equals(m.path("fileName").asText())) {
                    return m;
                }
            }
            throw new CofferException(Failure.NOT_FOUND, product + " " + version + " has no file '" + fileName + "'");
        }
        if (media.size() == 1) {
            return media.get(0);
        }
        if (media.isEmpty()) {
            throw new CofferException(Failure.NOT_FOUND, product + " " + version + " has no files");
        }
        StringBuilder names = new StringBuilder();
        media.forEach(m -> names.append(names.isEmpty() ? "" : ", ").append(m.path("fileName").asText()));
        throw new CofferException(Failure.INVALID, product + " " + version + " has " + media.size()
                + " files; name one: " + names);
    }

    /** The server's names are already safe, but a local file name never takes a path from the network. */
    private static String safeLocalName(String name) {
        String base = Path.of(name.replace('\\', '/')).getFileName().toString();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw new CofferException(Failure.INVALID, "refusing to write a file named '" + Table.clean(name) + "'");
        }
        return base;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
