package io.coffer.http;

import io.coffer.auth.Access;
import io.coffer.library.Library;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * Build records of in-house versions: importing an in-toto / SLSA provenance statement, and
 * handing the kept statement back as it was imported (so that its signatures can be checked
 * elsewhere). A build record given with a push goes through the push route.
 */
public final class BuildRoutes implements Routes {

    private final Library library;

    public BuildRoutes(Library library) {
        this.library = library;
    }

    @Override
    public void register(Map<Access, Handler> h) {
        h.put(Access.PROVENANCE_IMPORT, ctx -> ctx.json(library.importProvenance(ctx.pathParam("product"),
                ctx.pathParam("version"), ctx.bodyInputStream(), HttpServer.principal(ctx).name())));
        h.put(Access.PROVENANCE_SHOW, ctx -> ctx.contentType("application/json; charset=utf-8")
                .result(library.provenance(ctx.pathParam("product"), ctx.pathParam("version"))));
    }
}
