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
import io.coffer.library.InvalidRequestException;
import io.coffer.library.Library;
import io.coffer.library.MasterCopy;
import io.coffer.library.PushRequest;
import io.coffer.library.PushResult;
import io.coffer.library.Verification;
import io.coffer.store.Digest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON API under {@code /api/v1}. Handlers only translate between HTTP and the library: read
 * parameters, call one library method, write the answer. Every rule lives in the library.
 */
final class Api {

    private final Library library;
    private final Downloads downloads;
    private final ServerState state;

    Api(Library library, ServerState state) {
        this.library = library;
        this.downloads = new Downloads(library.store());
        this.state = state;
    }

    /** One handler for every route of {@link Access}; the server checks that none is missing. */
    Map<Access, Handler> handlers() {
        Map<Access, Handler> h = new EnumMap<>(Access.class);
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
            Map<?, ?> body = bodyMap(ctx);
            ctx.json(library.addLocation(idParam(ctx), string(body, "location"), HttpServer.principal(ctx).name()));
        });
        h.put(Access.SEARCH, this::search);
        h.put(Access.BLOB_DOWNLOAD, ctx -> sendBlob(ctx, false));
        h.put(Access.BLOB_HEAD, ctx -> sendBlob(ctx, true));
        h.put(Access.EVENTS_LIST, ctx -> ctx.json(library.events().list(library.database(),
                longParam(ctx, "after", 0), intParam(ctx, "limit", 100, 10_000),
                Optional.ofNullable(ctx.queryParam("subject")))));
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
        return h;
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
        PushRequest request = new PushRequest(fileName, ctx.queryParam("product"), ctx.queryParam("version"),
                ctx.queryParam("supplier"), ctx.queryParam("license"), ctx.queryParam("description"),
                ctx.queryParam("location"), ctx.queryParam("scheme"), ctx.queryParam("kind"), expected, declared);
        PushResult result = library.push(ctx.req().getInputStream(), request, HttpServer.principal(ctx).name());
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
        ctx.header("Location", "/api/v1/media/" + item.id());
        ctx.json(out);
    }

    /** The digest the client expects, from RFC 9530 {@code Content-Digest} or the {@code sha256} parameter. */
    private static Digest expectedDigest(Context ctx) {
        String hex = ctx.queryParam("sha256");
        Digest fromParam = hex == null ? null : Digest.ofHex(hex);
        Digest fromHeader = null;
        String header = ctx.header("Content-Digest");
        if (header != null) {
            for (String member : header.split(",")) {
                String m = member.strip();
                if (m.toLowerCase(Locale.ROOT).startsWith("sha-256=:") && m.endsWith(":") && m.length() > 10) {
                    fromHeader = Digest.ofBase64(m.substring(9, m.length() - 1));
                }
            }
        }
        if (fromParam != null && fromHeader != null && !fromParam.equals(fromHeader)) {
            throw new InvalidRequestException("the sha256 parameter (" + fromParam.hex()
                    + ") and the Content-Digest header (" + fromHeader.hex() + ") disagree");
        }
        return fromParam != null ? fromParam : fromHeader;
    }

    private void createProduct(Context ctx) {
        Map<?, ?> body = bodyMap(ctx);
        String kind = string(body, "kind");
        Product.Kind k;
        try {
            k = kind == null ? null : Product.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("product kind '" + kind + "' is not known; expected external or "
                    + "internal");
        }
        Product p = library.createProduct(new Catalog.NewProduct(string(body, "name"), string(body, "supplier"), k,
                string(body, "scheme"), string(body, "description"), string(body, "homepage")),
                HttpServer.principal(ctx).name());
        ctx.status(201).json(p);
    }

    private void setStatus(Context ctx) {
        Map<?, ?> body = bodyMap(ctx);
        String status = string(body, "status");
        ProductVersion.Status s;
        try {
            s = ProductVersion.Status.valueOf(String.valueOf(status).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status '" + status + "' is not known; expected active, deprecated or "
                    + "withdrawn");
        }
        ctx.json(library.setStatus(ctx.pathParam("product"), ctx.pathParam("version"), s, string(body, "reason"),
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

    private static Map<?, ?> bodyMap(Context ctx) {
        try {
            Object body = io.coffer.Json.MAPPER.readValue(ctx.bodyInputStream(), Object.class);
            if (body instanceof Map<?, ?> map) {
                return map;
            }
        } catch (java.io.IOException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
        throw new InvalidRequestException("the request body must be a JSON object");
    }

    private static String string(Map<?, ?> body, String key) {
        Object v = body.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidRequestException("field '" + key + "' must be a string, got " + v);
        }
        return s;
    }

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
