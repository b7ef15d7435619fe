package io.coffer;

/** The broad kinds of failure. Each maps to one HTTP status and one CLI exit code. */
public enum Failure {
    /** The input is malformed or breaks a rule of the library. */
    INVALID("invalid-input", 400, 65),
    /** The caller is not authenticated. */
    UNAUTHENTICATED("unauthenticated", 401, 77),
    /** The caller is authenticated but lacks the role. */
    FORBIDDEN("forbidden", 403, 77),
    /** The route exists but not for this method. */
    METHOD_NOT_ALLOWED("method-not-allowed", 405, 64),
    /** The thing named does not exist. */
    NOT_FOUND("not-found", 404, 66),
    /** The request contradicts what the library already holds. */
    CONFLICT("conflict", 409, 73),
    /** The request body is larger than allowed. */
    TOO_LARGE("too-large", 413, 65),
    /** The bytes received are not the bytes the client said it sent. */
    INTEGRITY("integrity", 422, 74),
    /** The requested byte range cannot be served. */
    RANGE_NOT_SATISFIABLE("range-not-satisfiable", 416, 65),
    /** Something on the server side failed; the library is unchanged. */
    INTERNAL("internal", 500, 70),
    /** The server is not ready or cannot be reached. */
    UNAVAILABLE("unavailable", 503, 69);

    private final String slug;
    private final int httpStatus;
    private final int exitCode;

    Failure(String slug, int httpStatus, int exitCode) {
        this.slug = slug;
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    public String slug() {
        return slug;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Exit code of the CLI for this failure, following the BSD sysexits convention. */
    public int exitCode() {
        return exitCode;
    }

    /** The failure for an HTTP status, or {@link #INTERNAL} when none matches. */
    public static Failure ofHttpStatus(int status) {
        for (Failure f : values()) {
            if (f.httpStatus == status) {
                return f;
            }
        }
        return status >= 500 ? INTERNAL : INVALID;
    }
}
