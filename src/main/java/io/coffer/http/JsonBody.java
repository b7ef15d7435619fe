package io.coffer.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coffer.CofferException;
import io.coffer.Failure;
import io.coffer.Json;
import io.coffer.library.InvalidRequestException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the small JSON objects that API routes take as request bodies, strictly: bounded in size,
 * one object, no duplicate keys, nothing after it, and only the fields the route knows. A typo such
 * as {@code "sheme"} is refused rather than silently ignored, since some fields cannot be changed
 * later.
 */
public final class JsonBody {

    /** Far more than any route's fields need; larger bodies are refused without being read whole. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Map<?, ?> fields;

    private JsonBody(Map<?, ?> fields) {
        this.fields = fields;
    }

    /**
     * Reads the request body as a JSON object whose keys are all in {@code allowed}; an empty body
     * counts as {@code {}}.
     *
     * @throws InvalidRequestException for malformed JSON, a non-object, or an unknown field
     * @throws CofferException (TOO_LARGE) for a body over {@value #MAX_BYTES} bytes
     */
    public static JsonBody read(Context ctx, Set<String> allowed) {
        byte[] bytes;
        try (InputStream in = ctx.bodyInputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body could not be read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new CofferException(Failure.TOO_LARGE, "the request body is larger than " + MAX_BYTES
                    + " bytes; this route takes a small JSON object");
        }
        if (bytes.length == 0) {
            return new JsonBody(Map.of());
        }
        JsonNode tree;
        try {
            tree = READER.readTree(bytes);
        } catch (IOException e) {
            throw new InvalidRequestException("the request body is not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidRequestException("the request body must be a JSON object, not "
                    + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        Map<?, ?> map = Json.MAPPER.convertValue(tree, Map.class);
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new InvalidRequestException("unknown field '" + key + "'; this route takes "
                        + new TreeSet<>(allowed));
            }
        }
        return new JsonBody(map);
    }

    /** A string field, or null when absent or JSON null; refuses other types naming the field. */
    public String string(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new InvalidRequestException("field '" + key + "' must be a string, got " + describe(v));
        }
        return s;
    }

    /** A whole-number field, or null when absent. */
    public Long number(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new InvalidRequestException("field '" + key + "' must be a whole number, got " + describe(v));
        }
        return ((Number) v).longValue();
    }

    /** A boolean field, or null when absent. */
    public Boolean bool(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Boolean b)) {
            throw new InvalidRequestException("field '" + key + "' must be true or false, got " + describe(v));
        }
        return b;
    }

    /** An array of strings; empty when absent. */
    public java.util.List<String> strings(String key) {
        Object v = fields.get(key);
        if (v == null) {
            return java.util.List.of();
        }
        if (!(v instanceof java.util.List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw new InvalidRequestException("field '" + key + "' must be an array of strings, got " + describe(v));
        }
        return list.stream().map(String.class::cast).toList();
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
