package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.store.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Pushes a file into the library. The file is hashed first and the digest sent with it, so the
 * server keeps nothing unless it received exactly these bytes.
 */
@Command(name = "push", description = "Put a master copy into the library.")
final class PushCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to push.")
    Path file;

    @Option(names = "--product", description = "Product name (default: read from the file).")
    String product;

    @Option(names = "--version", description = "Version (default: read from the file).")
    String version;

    @Option(names = "--supplier", description = "Vendor or in-house team.")
    String supplier;

    @Option(names = "--license", description = "Licence, e.g. an SPDX expression.")
    String license;

    @Option(names = "--description", description = "One-line description.")
    String description;

    @Option(names = "--location", description = "Where the physical media are kept, e.g. 'safe, room 2.14'.")
    String location;

    @Option(names = "--scheme", description = "Version scheme of a new product: semver, debian, rpm, maven, "
            + "calendar, opaque.")
    String scheme;

    @Option(names = "--kind", description = "Kind of a new product: external or internal.")
    String kind;

    @Option(names = "--name", description = "File name to record (default: the file's own name).")
    String name;

    @Option(names = "--source-repo", paramLabel = "URL", description = "Build record: the source repository.")
    String sourceRepository;

    @Option(names = "--revision", description = "Build record: the source revision built (commit, tag).")
    String revision;

    @Option(names = "--builder", description = "Build record: who or what built it (CI system, host).")
    String builder;

    @Option(names = "--build-command", paramLabel = "COMMAND", description = "Build record: what was run.")
    String buildCommand;

    @Option(names = "--build-env", paramLabel = "TEXT", description = "Build record: the build environment.")
    String buildEnvironment;

    @Override
    public Integer call() throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CofferException(Failure.NOT_FOUND, "no file " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new CofferException(Failure.INVALID, file + " is not a regular file");
        }
        boolean tty = Progress.onTerminal();
        Digest digest = hash(file, new Progress(err(), "hashing", size, tty));
        Progress upload = new Progress(err(), "pushing", size, tty);

        Map<String, String> params = new LinkedHashMap<>();
        params.put("fileName", name != null ? name : file.getFileName().toString());
        params.put("product", product);
        params.put("version", version);
        params.put("supplier", supplier);
        params.put("license", license);
        params.put("description", description);
        params.put("location", location);
        params.put("scheme", scheme);
        params.put("kind", kind);
        params.put("sourceRepository", sourceRepository);
        params.put("revision", revision);
        params.put("builder", builder);
        params.put("buildCommand", buildCommand);
        params.put("buildEnvironment", buildEnvironment);
        params.put("size", Long.toString(size));
        ApiClient api = client();
        // The JDK refuses a stated length of zero for a streamed body, so an empty file goes as an empty array.
        HttpRequest.BodyPublisher body = size == 0 ? HttpRequest.BodyPublishers.ofByteArray(new byte[0])
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> open(upload)), size);
        JsonNode answer = api.send(api.request("api/v1/media" + ApiClient.query(params))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Digest", "sha-256=:" + digest.base64() + ":")
                .POST(body));
        upload.finish();
        if (json) {
            printJson(answer);
            return 0;
        }
        JsonNode item = answer.path("item");
        String what = "stored".equals(answer.path("result").asText()) ? "stored" : "unchanged (already in the library)";
        out().printf("%s: %s %s %s%n", what, Table.clean(item.path("product").asText()),
                Table.clean(item.path("version").asText()), Table.clean(item.path("fileName").asText()));
        out().printf("  sha256 %s, %s, %s%n", item.path("sha256").asText(), Progress.human(item.path("size").asLong()),
                item.path("format").asText());
        if (answer.path("build").isObject()) {
            out().println("  build");
            ShowCommand.printBuild(out(), answer.path("build"));
        }
        if (answer.hasNonNull("note")) {
            out().println("  note: " + Table.clean(answer.path("note").asText()));
        }
        return 0;
    }

    private InputStream open(Progress progress) {
        try {
            return progress.track(Files.newInputStream(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Digest hash(Path file, Progress progress) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 20];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                sha256.update(buffer, 0, n);
                done += n;
                progress.update(done);
            }
        }
        progress.finish();
        return Digest.ofBytes(sha256.digest());
    }
}
