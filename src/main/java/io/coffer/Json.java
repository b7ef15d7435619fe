package io.coffer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of Coffer. Output is canonical: object keys sorted, no insignificant
 * whitespace, times as ISO-8601 text; so the same value always has the same bytes, which the event
 * log's hash chain relies on.
 */
public final class Json {

    /** Shared, thread-safe mapper; do not reconfigure. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    /** The canonical JSON text of a value; JSON trees too have their object keys sorted. */
    public static String canonical(Object value) {
        try {
            if (value instanceof com.fasterxml.jackson.databind.JsonNode tree) {
                // Trees keep their keys in insertion order; as plain maps they are sorted on output.
                return MAPPER.writeValueAsString(MAPPER.convertValue(tree, Object.class));
            }
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }
}
