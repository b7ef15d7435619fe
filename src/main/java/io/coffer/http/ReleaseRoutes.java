package io.coffer.http;

import io.coffer.CofferException;
import io.coffer.Failure;
import com.fasterxml.jackson.databind.JsonNode;
import io.coffer.Json;
import io.coffer.auth.Access;
import io.coffer.library.InvalidRequestException;
import io.coffer.release.PlannedWindow;
import io.coffer.release.PolicyVersion;
import io.coffer.release.Release;
import io.coffer.release.ReleasePolicy;
import io.coffer.release.ReleaseStatus;
import io.coffer.release.Releases;
import io.coffer.store.Digest;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The release programme's JSON API under {@code /api/v1/releases}, the release policy under
 * {@code /api/v1/policy} and the manifest signing key. Handlers translate; the rules are in
 * {@link Releases}.
 */
public final class ReleaseRoutes implements Routes {

    private static final Set<String> RELEASE_FIELDS = Set.of("title", "type", "owner", "windowStart", "windowEnd",
            "windowZone", "notes", "backoutPlan", "baseline");

    private final Releases releases;

    public ReleaseRoutes(Releases releases) {
        this.releases = releases;
    }

    @Override
    public void register(Map<Access, Handler> h) {
        h.put(Access.RELEASES_LIST, this::list);
        h.put(Access.RELEASE_CREATE, this::create);
        h.put(Access.RELEASE_SHOW, ctx -> ctx.json(releases.release(id(ctx))));
        h.put(Access.RELEASE_UPDATE, this::update);
        h.put(Access.RELEASE_ITEMS_ADD, ctx -> {
            JsonNode body = body(ctx, Set.of("product", "version", "file"));
            ctx.json(releases.addItems(id(ctx), required(body, "product"), required(body, "version"),
                    text(body, "file"), actor(ctx)));
        });
        h.put(Access.RELEASE_ITEMS_REMOVE, ctx -> ctx.json(releases.removeItems(id(ctx), ctx.pathParam("product"),
                ctx.queryParam("file"), actor(ctx))));
        h.put(Access.RELEASE_BASELINE, ctx -> ctx.json(releases.copyBaseline(id(ctx),
                required(body(ctx, Set.of("from")), "from"), actor(ctx))));
        h.put(Access.RELEASE_EVIDENCE_ATTACH, ctx -> {
            JsonNode body = body(ctx, Set.of("name", "sha256"));
            ctx.json(releases.attachEvidence(id(ctx), required(body, "name"),
                    Digest.ofHex(required(body, "sha256").replaceFirst("^sha256:", "")), actor(ctx)));
        });
        h.put(Access.RELEASE_EVIDENCE_UPLOAD, this::uploadEvidence);
        h.put(Access.RELEASE_EVIDENCE_REMOVE, ctx -> ctx.json(releases.removeEvidence(id(ctx),
                ctx.pathParam("file"), actor(ctx))));
        h.put(Access.RELEASE_SUBMIT, ctx -> {
            body(ctx, Set.of());
            ctx.json(releases.submit(id(ctx), actor(ctx)));
        });
        h.put(Access.RELEASE_APPROVE, ctx -> ctx.json(releases.approve(id(ctx),
                text(body(ctx, Set.of("comment")), "comment"), actor(ctx))));
        h.put(Access.RELEASE_REJECT, ctx -> ctx.json(releases.reject(id(ctx),
                text(body(ctx, Set.of("comment")), "comment"), actor(ctx))));
        h.put(Access.RELEASE_SCHEDULE, ctx -> {
            JsonNode body = body(ctx, Set.of("windowStart", "windowEnd", "windowZone"));
            ctx.json(releases.schedule(id(ctx), window(body), actor(ctx)));
        });
        h.put(Access.RELEASE_DEPLOY, ctx -> {
            body(ctx, Set.of());
            ctx.json(releases.deploy(id(ctx), actor(ctx)));
        });
        h.put(Access.RELEASE_CLOSE, ctx -> ctx.json(releases.close(id(ctx),
                text(body(ctx, Set.of("review")), "review"), actor(ctx))));
        h.put(Access.RELEASE_CANCEL, ctx -> ctx.json(releases.cancel(id(ctx),
                text(body(ctx, Set.of("reason")), "reason"), actor(ctx))));
        h.put(Access.RELEASE_ROLLBACK, ctx -> ctx.json(releases.rollBack(id(ctx),
                text(body(ctx, Set.of("reason")), "reason"), actor(ctx))));
        h.put(Access.RELEASE_MANIFEST, ctx -> {
            byte[] document = releases.manifest(id(ctx)).getBytes(StandardCharsets.UTF_8);
            ctx.contentType("application/json").header("Content-Disposition", "attachment; filename=\""
                    + id(ctx) + ".manifest.json\"").result(document);
        });
        h.put(Access.RELEASE_HISTORY, ctx -> ctx.json(releases.history(id(ctx))));
        h.put(Access.RELEASE_SIGNING_KEY, ctx -> ctx.contentType("application/x-pem-file")
                .result(releases.publicKeyPem()));
        h.put(Access.POLICY_SHOW, ctx -> {
            String v = ctx.queryParam("version");
            ctx.json(v == null || v.isBlank() ? releases.policy()
                    : releases.policy(Api.intParam(ctx, "version", 0, Integer.MAX_VALUE)));
        });
        h.put(Access.POLICY_SET, this::setPolicy);
        h.put(Access.POLICY_VERSIONS, ctx -> ctx.json(releases.policies()));
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        String review = ctx.queryParam("reviewRequired");
        Boolean reviewRequired = review == null || review.isBlank() ? null : switch (review.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidRequestException("parameter 'reviewRequired' is '" + review
                    + "'; expected true or false");
        };
        ctx.json(releases.list(status == null || status.isBlank() ? null : status(status), reviewRequired,
                Api.intParam(ctx, "limit", 100, 1000), Api.intParam(ctx, "offset", 0, Integer.MAX_VALUE)));
    }

    private void create(Context ctx) {
        JsonNode body = body(ctx, RELEASE_FIELDS);
        Release r = releases.create(fields(body), text(body, "baseline"), actor(ctx));
        ctx.status(201).header("Location", "/api/v1/releases/" + r.id()).json(r);
    }

    private void update(Context ctx) {
        Set<String> allowed = new java.util.HashSet<>(RELEASE_FIELDS);
        allowed.remove("baseline");
        ctx.json(releases.update(id(ctx), fields(body(ctx, allowed)), actor(ctx)));
    }

    private void uploadEvidence(Context ctx) throws IOException {
        String sha = ctx.queryParam("sha256");
        Digest expected = sha == null ? null : Digest.ofHex(sha.replaceFirst("^sha256:", ""));
        String header = ctx.header("Content-Digest");
        if (header != null) {
            for (String member : header.split(",")) {
                String m = member.strip();
                if (m.toLowerCase(Locale.ROOT).startsWith("sha-256=:") && m.endsWith(":") && m.length() > 10) {
                    Digest stated = Digest.ofBase64(m.substring(9, m.length() - 1));
                    if (expected != null && !expected.equals(stated)) {
                        throw new InvalidRequestException("the sha256 parameter (" + expected.hex() + ") and the "
                                + "Content-Digest header (" + stated.hex() + ") disagree");
                    }
                    expected = stated;
                }
            }
        }
        long size = Api.longParam(ctx, "size", -1);
        try (InputStream in = ctx.req().getInputStream()) {
            Release r = releases.uploadEvidence(id(ctx), ctx.pathParam("file"), in, expected, size, actor(ctx));
            ctx.status(201).json(r);
        }
    }

    private void setPolicy(Context ctx) throws IOException {
        String format = ctx.queryParam("format");
        if (format == null) {
            String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
            format = type.contains("toml") ? "toml" : "yaml";
        }
        ReleasePolicy.Format f = ReleasePolicy.Format.parse(format);
        byte[] text;
        try (InputStream in = ctx.bodyInputStream()) {
            text = in.readNBytes(ReleasePolicy.MAX_BYTES + 1);
        }
        if (text.length > ReleasePolicy.MAX_BYTES) {
            throw new CofferException(Failure.TOO_LARGE, "the policy is longer than " + ReleasePolicy.MAX_BYTES
                    + " bytes");
        }
        PolicyVersion before = releases.policy();
        PolicyVersion after = releases.setPolicy(new String(text, StandardCharsets.UTF_8), f, actor(ctx));
        ctx.status(after.version() == before.version() ? 200 : 201).json(after);
    }

    private static Releases.Fields fields(JsonNode body) {
        return new Releases.Fields(text(body, "title"), text(body, "type"), text(body, "owner"), window(body),
                text(body, "notes"), text(body, "backoutPlan"));
    }

    private static PlannedWindow window(JsonNode body) {
        String start = text(body, "windowStart");
        String end = text(body, "windowEnd");
        String zone = text(body, "windowZone");
        if (start == null && end == null && zone == null) {
            return null;
        }
        return PlannedWindow.parse(start, end, zone);
    }

    private static ReleaseStatus status(String raw) {
        for (ReleaseStatus s : ReleaseStatus.values()) {
            if (s.id().equalsIgnoreCase(raw.strip())) {
                return s;
            }
        }
        throw new InvalidRequestException("status '" + raw + "' is not known; expected one of "
                + List.of(ReleaseStatus.values()).stream().map(ReleaseStatus::id).toList());
    }

    private static String id(Context ctx) {
        return Releases.id(ctx.pathParam("id"));
    }

    private static String actor(Context ctx) {
        return HttpServer.principal(ctx).name();
    }

    /** Room for the longest notes and back-out plan a release takes, with their JSON escaping. */
    private static final int MAX_BODY = 1 << 20;

    /** The JSON object in the body (an empty body is an empty object); unknown fields are refused. */
    private static JsonNode body(Context ctx, Set<String> allowed) {
        JsonNode body;
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new CofferException(Failure.TOO_LARGE, "the request body is larger than " + MAX_BODY
                        + " bytes; this route takes a small JSON object");
            }
            body = bytes.length == 0 ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + String.valueOf(e.getMessage())
                    .lines().findFirst().orElse(""));
        }
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("the request body must be a JSON object");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                throw new InvalidRequestException("field '" + field + "' is not known here; expected "
                        + allowed.stream().sorted().toList());
            }
        }
        return body;
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException("field '" + field + "' must be a string, got " + v);
        }
        return v.asText();
    }

    private static String required(JsonNode body, String field) {
        String v = text(body, field);
        if (v == null || v.isBlank()) {
            throw new InvalidRequestException("field '" + field + "' is required");
        }
        return v;
    }
}
