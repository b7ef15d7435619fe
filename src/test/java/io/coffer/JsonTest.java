package io.coffer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Pair(String zeta, String alpha) {}

    @Test
    void canonicalJsonSortsKeysOfRecordsMapsAndTreesAlike() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 1);
        map.put("a", Map.of("y", 2, "x", 3));

        String fromMap = Json.canonical(map);
        String fromTree = Json.canonical(Json.MAPPER.readTree("{\"b\":1,\"a\":{\"y\":2,\"x\":3}}"));
        String fromRecord = Json.canonical(new Pair("z", "a"));

        assertThat(fromMap).isEqualTo("{\"a\":{\"x\":3,\"y\":2},\"b\":1}");
        assertThat(fromTree).isEqualTo(fromMap);
        assertThat(fromRecord).isEqualTo("{\"alpha\":\"a\",\"zeta\":\"z\"}");
    }
}
