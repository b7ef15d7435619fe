package io.coffer.http;

import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.library.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small JSON object sent as a request body, read with a size bound, and its fields read with
 * a 400 naming the field when one has the wrong type.
 */
final class JsonBody {

    /** Far more than any form of the admin API needs, far less than would strain the heap. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Map<?, ?> fields;

    private JsonBody(Map<?, ?> fields) {
        this.fields = fields;
    }

    /** The body as a JSON object; an empty body counts as {@code {}}. */
    static JsonBody of(Context ctx) throws IOException {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new CofferException(Failure.TOO_LARGE, "the request body is larger than " + MAX_BYTES
                    + " bytes; this route takes a small JSON object");
        }
        if (bytes.length == 0) {
            return new JsonBody(Map.of());
        }
        Object body;
        try {
            body = Json.MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body is not valid JSON: " + e.getMessage().lines()
                    .findFirst().orElse(""));
        }
        if (body instanceof Map<?, ?> map) {
            return new JsonBody(map);
        }
        throw new InvalidRequestException("the request body must be a JSON object");
    }

    /** A string field, or null when absent or null. */
    String string(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidRequestException("field '" + key + "' must be a string, got " + Json.canonical(v));
        }
        return s;
    }

    /** A field holding an array of strings; empty when absent or null. */
    List<String> strings(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new InvalidRequestException("field '" + key + "' must be an array of strings, got "
                    + Json.canonical(v));
        }
        List<String> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new InvalidRequestException("field '" + key + "' must be an array of strings, but holds "
                        + Json.canonical(item));
            }
            out.add(s);
        }
        return out;
    }
}
