package io.coffer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.store.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that change what a draft release holds: items, baseline and test evidence. */
final class ReleaseContent {

    private ReleaseContent() {}

    @Command(name = "add", description = "Add the files of a product version to a draft release, e.g. "
            + "'coffer release add REL-2027-0003 nginx@1.24.0-1' ('latest' works as a version).")
    static final class Add extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Parameters(index = "1", paramLabel = "PRODUCT@VERSION")
        String ref;

        @Option(names = "--file", description = "Only this file of the version.")
        String file;

        @Override
        public Integer call() {
            int at = ref.lastIndexOf('@');
            if (at <= 0 || at == ref.length() - 1) {
                throw new CofferException(Failure.INVALID, "'" + Table.clean(ref) + "' is not PRODUCT@VERSION, e.g. "
                        + "nginx@1.24.0-1");
            }
            String product = ref.substring(0, at);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("product", product);
            body.put("version", ref.substring(at + 1));
            if (file != null) {
                body.put("file", file);
            }
            JsonNode r = client().post(ReleaseCommand.path(id) + "/items", body);
            if (json) {
                printJson(r);
                return 0;
            }
            List<String> files = new java.util.ArrayList<>();
            String version = null;
            for (JsonNode i : r.path("items")) {
                if (i.path("product").asText().equals(product)) {
                    files.add(i.path("fileName").asText());
                    version = i.path("version").asText();
                }
            }
            out().printf("%s holds %s %s: %s%n", r.path("id").asText(), Table.clean(product), Table.clean(version),
                    Table.clean(String.join(", ", files)));
            return 0;
        }
    }

    @Command(name = "rm", description = "Remove a product's files from a draft release.")
    static final class Rm extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Parameters(index = "1", paramLabel = "PRODUCT")
        String product;

        @Option(names = "--file", description = "Only this file.")
        String file;

        @Override
        public Integer call() {
            ApiClient api = client();
            Map<String, String> q = new LinkedHashMap<>();
            q.put("file", file);
            JsonNode r = api.send(api.request(ReleaseCommand.path(id) + "/items/" + ApiClient.segment(product)
                    + ApiClient.query(q)).DELETE());
            if (json) {
                printJson(r);
            } else {
                String what = file == null ? product : product + " " + file;
                out().printf("removed %s from %s%n", Table.clean(what), r.path("id").asText());
            }
            return 0;
        }
    }

    @Command(name = "baseline", description = "Copy the content of another release into a draft release.")
    static final class Baseline extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Parameters(index = "1", paramLabel = "FROM", description = "The release to copy, e.g. REL-2027-0002.")
        String from;

        @Override
        public Integer call() {
            JsonNode r = client().post(ReleaseCommand.path(id) + "/baseline", Map.of("from", from));
            if (json) {
                printJson(r);
            } else {
                out().printf("%s now has the baseline %s and holds %d items%n", r.path("id").asText(),
                        r.path("baseline").asText(), r.path("items").size());
            }
            return 0;
        }
    }

    @Command(name = "evidence", description = "Attach test evidence to a draft release: upload a file, or name a "
            + "blob already in the library with --sha256; --remove detaches it.")
    static final class Evidence extends ClientCommand {
        @Parameters(index = "0", paramLabel = "RELEASE")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The file to upload.")
        Path file;

        @Option(names = "--name", description = "Name to show (default: the file's name).")
        String name;

        @Option(names = "--sha256", description = "Attach the blob with this digest instead of uploading a file.")
        String sha256;

        @Option(names = "--remove", paramLabel = "NAME", description = "Detach the evidence of this name.")
        String remove;

        @Override
        public Integer call() throws IOException {
            ApiClient api = client();
            String base = ReleaseCommand.path(id) + "/evidence";
            int given = (file != null ? 1 : 0) + (sha256 != null ? 1 : 0) + (remove != null ? 1 : 0);
            if (given != 1) {
                throw new CofferException(Failure.INVALID, "give exactly one of FILE, --sha256 (with --name) or "
                        + "--remove NAME");
            }
            JsonNode r;
            String what;
            if (remove != null) {
                r = api.send(api.request(base + "/" + ApiClient.segment(remove)).DELETE());
                what = "detached '" + remove + "' from";
            } else if (sha256 != null) {
                if (name == null) {
                    throw new CofferException(Failure.INVALID, "--sha256 needs --name: the name to show the evidence "
                            + "under");
                }
                r = api.post(base, Map.of("name", name, "sha256", sha256));
                what = "attached '" + name + "' to";
            } else {
                String shown = name != null ? name : file.getFileName().toString();
                r = upload(api, base + "/" + ApiClient.segment(shown));
                what = "attached '" + shown + "' to";
            }
            if (json) {
                printJson(r);
            } else {
                out().printf("%s %s%n", Table.clean(what), r.path("id").asText());
            }
            return 0;
        }

        private JsonNode upload(ApiClient api, String path) throws IOException {
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
            Digest digest = PushCommand.hash(file, new Progress(err(), "hashing", size, tty));
            Progress upload = new Progress(err(), "uploading", size, tty);
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> open(upload)), size);
            JsonNode r = api.send(api.request(path + "?size=" + size)
                    .header("Content-Type", "application/octet-stream")
                    .header("Content-Digest", "sha-256=:" + digest.base64() + ":")
                    .PUT(body));
            upload.finish();
            return r;
        }

        private InputStream open(Progress progress) {
            try {
                return progress.track(Files.newInputStream(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
