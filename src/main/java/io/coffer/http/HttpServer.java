package io.coffer.http;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.auth.Access;
import io.coffer.auth.Principal;
import io.coffer.auth.Tokens;
import io.coffer.library.Library;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP face of Coffer. Registers exactly the routes of {@link Access}, each behind the same
 * authentication and authorization check, and turns every failure into an RFC 9457 problem.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final String PRINCIPAL = "coffer.principal";
    private static final String REQUEST_ID = "coffer.requestId";
    private static final String TIMER = "coffer.timer";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening on {@code host:port} (port 0 picks a free one). */
    public static HttpServer start(Library library, Tokens tokens, ServerState state, String host, int port,
            List<Routes> features) {
        Map<Access, Handler> handlers = new EnumMap<>(Access.class);
        List<Routes> all = new ArrayList<>();
        all.add(new Api(library, state));
        all.addAll(features);
        for (Routes routes : all) {
            Map<Access, Handler> some = new EnumMap<>(Access.class);
            routes.register(some);
            for (Access access : some.keySet()) {
                if (handlers.containsKey(access)) {
                    throw new IllegalStateException("route " + access + " has two handlers");
                }
            }
            handlers.putAll(some);
        }
        Set<Access> missing = EnumSet.allOf(Access.class);
        missing.removeAll(handlers.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("routes declared in Access without a handler: " + missing);
        }
        QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
        threads.setName("coffer-http");
        Javalin app = Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.threadPool = threads;
            config.startup.showJavalinBanner = false;
            config.http.generateEtags = false;
            config.http.prefer405over404 = true;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.routes.before(ctx -> begin(ctx, state));
            config.routes.after(ctx -> end(ctx, state));
            for (Access access : Access.values()) {
                Handler handler = handlers.get(access);
                config.routes.addHttpHandler(HandlerType.findOrCreate(access.method()), access.path(),
                        ctx -> {
                            authorize(ctx, access, tokens);
                            handler.handle(ctx);
                        });
            }
            config.routes.exception(CofferException.class, (e, ctx) -> problem(ctx, e));
            config.routes.exception(EofException.class, (e, ctx) -> clientGone(ctx, e));
            config.routes.exception(IOException.class, (e, ctx) -> clientGone(ctx, e));
            config.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
            config.routes.error(404, ctx -> {
                if (ctx.res().getContentType() == null || !ctx.res().getContentType().startsWith(Problem.MEDIA_TYPE)) {
                    write(ctx, Problem.of(Failure.NOT_FOUND, "no-such-route", "no route " + ctx.method() + " "
                            + ctx.path(), ctx.path(), ctx.attribute(REQUEST_ID)));
                }
            });
            config.routes.error(405, ctx -> write(ctx, new Problem("/problems/method-not-allowed",
                    "Method not allowed", 405, ctx.method() + " is not allowed on " + ctx.path(), ctx.path(),
                    ctx.attribute(REQUEST_ID))));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException) {
                    throw new CofferException(Failure.UNAVAILABLE, "cannot listen on " + host + ":" + port + ": "
                            + t.getMessage() + " (is another server running there? choose another --port)", e);
                }
            }
            throw e;
        }
        log.info("Listening on http://{}:{}", host, app.port());
        return new HttpServer(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The authenticated caller of the current request; present on every non-public route. */
    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new CofferException(Failure.UNAUTHENTICATED, "this route needs a bearer token");
        }
        return p;
    }

    private static void authorize(Context ctx, Access access, Tokens tokens) {
        String header = ctx.header("Authorization");
        Optional<Principal> principal = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = tokens.authenticate(header.substring(7).strip());
        }
        principal.ifPresent(p -> {
            ctx.attribute(PRINCIPAL, p);
            MDC.put("actor", p.name());
        });
        if (access.isPublic()) {
            return;
        }
        if (principal.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"coffer\"");
            throw new CofferException(Failure.UNAUTHENTICATED, header == null
                    ? "this route needs a bearer token (Authorization: Bearer ...)"
                    : "the bearer token is not valid: unknown, expired or revoked");
        }
        if (!access.allows(principal.get())) {
            java.util.Set<String> allowed = new java.util.TreeSet<>();
            access.roles().forEach(r -> allowed.add(r.id()));
            allowed.add(io.coffer.auth.Role.ADMIN.id());
            throw new CofferException(Failure.FORBIDDEN, principal.get().name() + " may not " + access.method() + " "
                    + access.path() + ": it needs one of the roles " + allowed);
        }
    }

    /** The routes that answer HEAD: downloads, and the public health checks. */
    private static final java.util.regex.Pattern HEAD_ROUTES = java.util.regex.Pattern.compile(
            "/api/v1/(health|ready|blobs/[^/]+|products/[^/]+/versions/[^/]+/files/[^/]+)");

    private static void begin(Context ctx, ServerState state) {
        String id = ctx.header("X-Request-Id");
        if (id == null || !CLIENT_REQUEST_ID.matcher(id).matches()) {
            id = newRequestId();
        }
        ctx.attribute(REQUEST_ID, id);
        ctx.header("X-Request-Id", id);
        MDC.put("request", id);
        ctx.attribute(TIMER, Timer.start(state.metrics()));
        if (ctx.method() == HandlerType.HEAD && !HEAD_ROUTES.matcher(ctx.path()).matches()) {
            throw new CofferException(Failure.METHOD_NOT_ALLOWED, "HEAD is not supported on " + ctx.path()
                    + "; use GET");
        }
    }

    /**
     * A random version 4 UUID. Request ids only tie log lines and problems together, so they need
     * to be unique but not unguessable; {@link UUID#randomUUID()} would make every request queue
     * for the one shared {@code SecureRandom}.
     */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & ~(0xCL << 60) | 0x8L << 60;
        return new UUID(high, low).toString();
    }

    private static void end(Context ctx, ServerState state) {
        Timer.Sample sample = ctx.attribute(TIMER);
        if (sample != null) {
            String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
            sample.stop(Timer.builder("coffer.http.requests").tag("method", ctx.method().name())
                    .tag("route", route).tag("status", Integer.toString(ctx.statusCode()))
                    .register(state.metrics()));
        }
        MDC.clear();
    }

    private static void problem(Context ctx, CofferException e) {
        if (e instanceof Downloads.RangeNotSatisfiable r) {
            ctx.header("Content-Range", "bytes */" + r.size);
        }
        if (e.failure() == Failure.INTERNAL) {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
        } else {
            log.debug("{} {} refused: {}", ctx.method(), ctx.path(), e.getMessage());
        }
        write(ctx, Problem.of(e, ctx.path(), ctx.attribute(REQUEST_ID)));
    }

    private static void clientGone(Context ctx, Exception e) {
        log.info("{} {} ended early, nothing kept: {}", ctx.method(), ctx.path(), e.toString());
        write(ctx, Problem.of(Failure.INVALID, "incomplete-request", "the request body ended early or could not be "
                + "read: " + e.getMessage() + "; nothing was kept", ctx.path(), ctx.attribute(REQUEST_ID)));
    }

    private static void internal(Context ctx, Exception e) {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        write(ctx, Problem.of(Failure.INTERNAL, "internal", "the server failed to handle the request; nothing was "
                + "changed. The server log has the details under request id " + ctx.attribute(REQUEST_ID),
                ctx.path(), ctx.attribute(REQUEST_ID)));
    }

    private static void write(Context ctx, Problem problem) {
        ctx.status(problem.status());
        ctx.contentType(Problem.MEDIA_TYPE + "; charset=utf-8");
        ctx.result(Json.canonical(problem).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
