package io.coffer.http;

import io.coffer.auth.Access;
import io.javalin.http.Handler;
import java.util.Map;

/**
 * A feature's HTTP handlers. Each feature contributes the handlers for its own entries of
 * {@link Access}; the server checks that together they cover every entry exactly once.
 */
public interface Routes {

    /** Puts this feature's handlers into {@code handlers}. */
    void register(Map<Access, Handler> handlers);
}
