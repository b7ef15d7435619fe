package io.coffer.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.coffer.CofferException;
import io.coffer.Failure;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param type a URI reference naming the kind of problem, stable across releases
 * @param title a short summary of the kind
 * @param status the HTTP status code
 * @param detail what went wrong in this request, with the offending value
 * @param instance the request path
 * @param requestId the id under which the server logged the request
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(CofferException e, String instance, String requestId) {
        Failure f = e.failure();
        return new Problem("/problems/" + e.type(), title(f), f.httpStatus(), e.getMessage(), instance, requestId);
    }

    static Problem of(Failure f, String slug, String detail, String instance, String requestId) {
        return new Problem("/problems/" + slug, title(f), f.httpStatus(), detail, instance, requestId);
    }

    private static String title(Failure f) {
        return switch (f) {
            case INVALID -> "Invalid request";
            case UNAUTHENTICATED -> "Authentication required";
            case FORBIDDEN -> "Not allowed";
            case NOT_FOUND -> "Not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case CONFLICT -> "Conflict with the library";
            case TOO_LARGE -> "Request too large";
            case INTEGRITY -> "Content does not match its digest or length";
            case RANGE_NOT_SATISFIABLE -> "Range not satisfiable";
            case INTERNAL -> "Internal error";
            case UNAVAILABLE -> "Service unavailable";
        };
    }
}
