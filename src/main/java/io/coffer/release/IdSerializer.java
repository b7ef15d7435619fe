package io.coffer.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes release types and states in JSON by their ids ({@code major}, {@code rolled-back}), the
 * words the API, the CLI and the catalog use, rather than by their Java names.
 */
final class IdSerializer extends StdSerializer<Enum<?>> {

    @SuppressWarnings({"unchecked", "rawtypes"})
    IdSerializer() {
        super((Class) Enum.class);
    }

    @Override
    public void serialize(Enum<?> value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeString(switch (value) {
            case ReleaseType t -> t.id();
            case ReleaseStatus s -> s.id();
            default -> value.name();
        });
    }
}
