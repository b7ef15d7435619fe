package io.coffer.http;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.auth.Access;
import io.coffer.auth.Principal;
import io.coffer.catalog.Catalog;
import io.coffer.catalog.MediaItem;
import io.coffer.catalog.Product;
import io.coffer.catalog.ProductVersion;
import io.coffer.events.ChainCheck;
import io.coffer.library.BuildInfo;
import io.coffer.library.InvalidRequestException;
import io.coffer.library.Library;
import io.coffer.library.MasterCopy;
import io.coffer.library.PushRequest;
import io.coffer.library.PushResult;
import io.coffer.library.Verification;
import io.coffer.store.Digest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON API under {@code /api/v1}. Handlers only translate between HTTP and the library: read
 * parameters, call one library method, write the answer. Every rule lives in the library.
 */
final class Api implements Routes {

    private final Library library;
    private final Downloads downloads;
    private final ServerState state;

    Api(Library library, ServerState state) {
        this.library = library;
        this.downloads = new Downloads(library.store());
        this.state = state;
    }

    /** The library's routes; the server checks that, with the other features', none is missing. */
    @Override
    public void register(Map<Access, Handler> h) {
        h.put(Access.HEALTH, ctx -> ctx.json(Map.of("status", "up")));
        h.put(Access.READY, this::ready);
        h.put(Access.METRICS, ctx -> ctx.contentType("text/plain; version=0.0.4").result(state.metrics().scrape()));
        h.put(Access.WHOAMI, ctx -> {
            Principal p = HttpServer.principal(ctx);
            ctx.json(Map.of("name", p.name(), "roles", p.roles().stream().map(r -> r.id()).sorted().toList()));
        });
        h.put(Access.PRODUCTS_LIST, ctx -> ctx.json(library.products(ctx.queryParam("q"), intParam(ctx, "limit", 100,
                1000), intParam(ctx, "offset", 0, Integer.MAX_VALUE))));
        h.put(Access.PRODUCT_CREATE, this::createProduct);
        h.put(Access.PRODUCT_SHOW, ctx -> ctx.json(library.product(ctx.pathParam("product"))));
        h.put(Access.VERSIONS_LIST, ctx -> {
            List<ProductVersion> versions = library.versions(ctx.pathParam("product"));
            if ("desc".equalsIgnoreCase(ctx.queryParam("order"))) {
                versions = versions.reversed();
            }
            ctx.json(versions);
        });
        h.put(Access.VERSION_LATEST, ctx -> ctx.json(library.version(ctx.pathParam("product"),
                library.latest(ctx.pathParam("product")).version())));
        h.put(Access.VERSION_SHOW, ctx -> ctx.json(library.version(ctx.pathParam("product"),
                ctx.pathParam("version"))));
        h.put(Access.VERSION_STATUS, this::setStatus);
        h.put(Access.FILE_DOWNLOAD, ctx -> sendFile(ctx, false));
        h.put(Access.FILE_HEAD, ctx -> sendFile(ctx, true));
        h.put(Access.SUPPLIERS_LIST, ctx -> ctx.json(library.suppliers()));
        h.put(Access.MEDIA_PUSH, this::push);
        h.put(Access.MEDIA_SHOW, ctx -> ctx.json(library.media(idParam(ctx))));
        h.put(Access.MEDIA_LOCATE, ctx -> {
            JsonBody body = JsonBody.read(ctx, Set.of("location"));
            ctx.json(library.addLocation(idParam(ctx), body.string("location"), HttpServer.principal(ctx).name()));
        });
        h.put(Access.SEARCH, this::search);
        h.put(Access.BLOB_DOWNLOAD, ctx -> sendBlob(ctx, false));
        h.put(Access.BLOB_HEAD, ctx -> sendBlob(ctx, true));
        h.put(Access.EVENTS_LIST, ctx -> {
            Optional<String> subject = Optional.ofNullable(ctx.queryParam("subject"));
            if (ctx.queryParam("last") != null) {
                ctx.json(library.events().tail(library.database(), intParam(ctx, "last", 100, 10_000), subject));
            } else {
                ctx.json(library.events().list(library.database(), longParam(ctx, "after", 0),
                        intParam(ctx, "limit", 100, 10_000), subject));
            }
        });
        h.put(Access.EVENTS_VERIFY, ctx -> {
            ChainCheck check = library.events().verify(library.database());
            Map<String, Object> out = new LinkedHashMap<>();
            switch (check) {
                case ChainCheck.Intact intact -> {
                    out.put("intact", true);
                    out.put("events", intact.events());
                    out.put("headHash", intact.headHash());
                }
                case ChainCheck.Broken broken -> {
                    out.put("intact", false);
                    out.put("firstBadEvent", broken.seq());
                    out.put("reason", broken.reason());
                }
            }
            ctx.json(out);
        });
        h.put(Access.LIBRARY_VERIFY, ctx -> {
            Verification.Report report = Verification.run(library, Runtime.getRuntime().availableProcessors(),
                    n -> {});
            ctx.json(report);
        });
    }

    private void ready(Context ctx) {
        boolean ok = state.ready();
        ctx.status(ok ? 200 : 503).json(Map.of("status", ok ? "ready" : "starting"));
    }

    private void push(Context ctx) throws Exception {
        String fileName = ctx.queryParam("fileName");
        if (fileName == null) {
            throw new InvalidRequestException("query parameter 'fileName' is required: the name of the file pushed");
        }
        Digest expected = expectedDigest(ctx);
        long declared = longParam(ctx, "size", -1);
        if (declared < -1 || ctx.queryParam("size") != null && declared < 0) {
            throw new InvalidRequestException("parameter 'size' is " + declared + "; expected the body's length in "
                    + "bytes, 0 or more");
        }
        PushRequest request = new PushRequest(fileName, ctx.queryParam("product"), ctx.queryParam("version"),
                ctx.queryParam("supplier"), ctx.queryParam("license"), ctx.queryParam("description"),
                ctx.queryParam("location"), ctx.queryParam("scheme"), ctx.queryParam("kind"), expected, declared);
        BuildInfo build = new BuildInfo(ctx.queryParam("sourceRepository"), ctx.queryParam("revision"),
                ctx.queryParam("builder"), ctx.queryParam("buildCommand"), ctx.queryParam("buildEnvironment"));
        PushResult result = library.push(ctx.req().getInputStream(), request, build, HttpServer.principal(ctx).name());
        Map<String, Object> out = new LinkedHashMap<>();
        switch (result) {
            case PushResult.Stored stored -> {
                ctx.status(201);
                out.put("result", "stored");
                out.put("productCreated", stored.productCreated());
                out.put("versionCreated", stored.versionCreated());
                if (stored.note() != null) {
                    out.put("note", stored.note());
                }
            }
            case PushResult.AlreadyPresent present -> {
                ctx.status(200);
                out.put("result", "unchanged");
            }
        }
        MediaItem item = result.item();
        out.put("item", item);
        if (!build.isEmpty()) {
            out.put("build", library.version(item.product(), item.version()).build());
        }
        ctx.header("Location", "/api/v1/media/" + item.id());
        ctx.json(out);
    }

    /**
     * The digest the client expects: the {@code sha256} parameter (hex) or an RFC 9530
     * {@code Content-Digest} or {@code Repr-Digest} field (for a whole body they are the same). A
     * field that is present but cannot be checked is refused rather than ignored, since the client
     * believes its bytes are being checked.
     */
    private static Digest expectedDigest(Context ctx) {
        String hex = ctx.queryParam("sha256");
        Digest expected = hex == null ? null : Digest.ofHex(hex);
        for (String field : List.of("Content-Digest", "Repr-Digest")) {
            String value = ctx.header(field);
            if (value == null) {
                continue;
            }
            Digest stated = sha256Member(field, value);
            if (expected != null && !expected.equals(stated)) {
                throw new InvalidRequestException("the expected digests disagree: " + field + " says " + stated.hex()
                        + " but " + expected.hex() + " was stated too");
            }
            expected = stated;
        }
        return expected;
    }

    private static Digest sha256Member(String field, String value) {
        List<String> algorithms = new java.util.ArrayList<>();
        for (String member : value.split(",")) {
            String m = member.strip();
            int eq = m.indexOf('=');
            if (eq <= 0 || !m.substring(eq + 1).matches(":[A-Za-z0-9+/=]*:")) {
                throw new InvalidRequestException(field + " '" + abbreviate(value) + "' is not an RFC 9530 digest "
                        + "field; expected sha-256=:BASE64:");
            }
            String algorithm = m.substring(0, eq).toLowerCase(Locale.ROOT);
            if (algorithm.equals("sha-256")) {
                return Digest.ofBase64(m.substring(eq + 2, m.length() - 1));
            }
            algorithms.add(algorithm);
        }
        throw new InvalidRequestException(field + " names only " + algorithms + "; this server checks sha-256");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private void createProduct(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("name", "supplier", "kind", "scheme", "description", "homepage"));
        String kind = body.string("kind");
        Product.Kind k;
        try {
            k = kind == null ? null : Product.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("product kind '" + kind + "' is not known; expected external or "
                    + "internal");
        }
        Library.ProductCreation creation = library.createProduct(new Catalog.NewProduct(body.string("name"),
                body.string("supplier"), k, body.string("scheme"), body.string("description"),
                body.string("homepage")), HttpServer.principal(ctx).name());
        ctx.status(creation.created() ? 201 : 200).json(creation.product());
    }

    private void setStatus(Context ctx) {
        JsonBody body = JsonBody.read(ctx, Set.of("status", "reason"));
        String status = body.string("status");
        ProductVersion.Status s;
        try {
            s = ProductVersion.Status.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status '" + status + "' is not known; expected active, deprecated or "
                    + "withdrawn");
        }
        ctx.json(library.setStatus(ctx.pathParam("product"), ctx.pathParam("version"), s, body.string("reason"),
                HttpServer.principal(ctx).name()));
    }

    private void search(Context ctx) {
        String digest = ctx.queryParam("digest");
        Catalog.Criteria criteria = new Catalog.Criteria(blankToNull(ctx.queryParam("name")),
                blankToNull(ctx.queryParam("supplier")), blankToNull(ctx.queryParam("license")),
                digest == null ? null : Digest.ofHex(digest.replaceFirst("^sha256:", "")).hex());
        ctx.json(library.search(criteria, intParam(ctx, "limit", 100, 1000)));
    }

    private void sendFile(Context ctx, boolean head) throws Exception {
        MasterCopy copy = library.masterCopy(ctx.pathParam("product"), ctx.pathParam("version"),
                ctx.pathParam("file"));
        downloads.send(ctx, copy.digest(), copy.fileName(), copy.mediaType(), head);
    }

    private void sendBlob(Context ctx, boolean head) throws Exception {
        Digest digest = Digest.ofHex(ctx.pathParam("sha256"));
        if (!library.store().contains(digest)) {
            throw new CofferException(Failure.NOT_FOUND, "no blob " + digest + " in the physical store");
        }
        downloads.send(ctx, digest, null, null, head);
    }

    // Parameter parsing: each bad value is a 400 naming the parameter and the value.

    private static long idParam(Context ctx) {
        String raw = ctx.pathParam("id");
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("media item id '" + raw + "' is not a number");
        }
    }

    static int intParam(Context ctx, String name, int dflt, int max) {
        long v = longParam(ctx, name, dflt);
        if (v < 0 || v > max) {
            throw new InvalidRequestException("parameter '" + name + "' is " + v + "; expected 0 to " + max);
        }
        return (int) v;
    }

    static long longParam(Context ctx, String name, long dflt) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("parameter '" + name + "' is '" + raw + "'; expected a whole number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
